/**
 * Bookings: a customer's hibachi event. Everything the server decides — status on create,
 * pricing, payments, chef assignment, the manage-link token hash, the computed instants and
 * capacity units — is closed to the API by field access and set by hooks, which call the rules
 * in src/domain. Postgres has the last word on capacity, chef overlaps and duplicates (triggers
 * and a unique index in migrations/). Every change is kept in the version history.
 */
import type { AppCollection } from '../../access/types'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { bookingsAccess } from './access'
import { backofficeEndpoints } from './endpoints/backoffice'
import { createBookingEndpoint } from './endpoints/create'
import { manageEndpoints } from './endpoints/manage'
import { returnClaimEndpoint, returnStatusEndpoint } from './endpoints/returnPage'
import { payBalanceEndpoint, sendBalanceLinkEndpoint } from '../Payments/endpoints/balanceLink'
import { bookingFields } from './fields'
import { attachManageToken } from './hooks/attachManageToken'
import { prepareBooking } from './hooks/prepareBooking'
import { purgeAvailabilityAfterChange, purgeAvailabilityAfterDelete } from './hooks/purgeAvailability'
import { queueBookingEmails } from './hooks/queueBookingEmails'
import { refundOnCancel } from './hooks/refundOnCancel'

export const Bookings: AppCollection = {
  slug: 'bookings',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'eventDate', 'startTime', 'status', 'paymentState', 'guestsTotal', 'assignedChefs'],
    group: 'Bookings',
    listSearchableFields: ['contact.email', 'contact.name', 'eventDate'],
    // Export CSV of the filtered list; confirm/cancel the selected bookings (managers and admins).
    components: { beforeListTable: ['/components/admin/backoffice/BookingsListTools#BookingsListTools'] },
  },
  versions: { maxPerDoc: 100 },
  access: bookingsAccess,
  endpoints: [createBookingEndpoint, returnClaimEndpoint, returnStatusEndpoint, payBalanceEndpoint, sendBalanceLinkEndpoint, ...manageEndpoints, ...backofficeEndpoints],
  hooks: {
    // Malformed bodies (null groups, NUL text, bad timestamps) are a 400 before Payload reads them.
    beforeOperation: [guardWriteBody],
    beforeValidate: [prepareBooking],
    afterChange: [refundOnCancel, queueBookingEmails, purgeAvailabilityAfterChange, attachManageToken],
    afterDelete: [purgeAvailabilityAfterDelete],
  },
  fields: bookingFields,
  timestamps: true,
}
