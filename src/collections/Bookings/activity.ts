/**
 * The booking's history in the admin ("Activity"): two fields added at the end of the booking's
 * fields (fields.ts spreads `bookingActivityFields`):
 * - `changedBy`: the staff member who saved this change, set on every save by the server (from the
 *   request's signed-in staff user; empty when a customer, a manage link or the system saved it),
 *   so every version in the history says who made it. Managers read it, nobody sets it.
 * - `activity`: a `ui` field whose server component (src/components/admin/BookingActivity.tsx)
 *   lists the history (activityQuery.ts reads it, src/domain/bookingActivity.ts words it).
 */
import type { Field } from 'payload'

import { atLeastManagerField } from '../../access/atLeastManager'
import { serverOnly } from '../../access/serverOnly'

export const bookingActivityFields: Field[] = [
  {
    name: 'changedBy',
    type: 'relationship',
    relationTo: 'users',
    access: { read: atLeastManagerField, create: serverOnly, update: serverOnly },
    // Field hooks run after field access, so the server's value is the one saved.
    hooks: { beforeChange: [({ req }) => (req.user?.collection === 'users' ? req.user.id : null)] },
    // Not on the form: the Activity panel says who saved each change, in words.
    admin: { readOnly: true, hidden: true, description: 'Staff member who saved the latest change; empty when the customer or the system did.' },
  },
  {
    name: 'activity',
    type: 'ui',
    admin: { components: { Field: '/components/admin/BookingActivity#BookingActivity' } },
  },
]
