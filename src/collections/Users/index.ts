/**
 * Staff accounts (admin panel users). Roles decide what each may do; the first user ever created
 * becomes an admin. Repeated failed logins lock the account for a while.
 * Customers are NOT users: they live in the `customers` collection.
 */

import type { AppAuthCollection } from '../../access/types'
import { adminsOnlyField } from '../../access/adminsOnly'
import { STAFF_ROLES } from '../../access/roles'
import { limitLoginByEmail } from '../../hooks/limitLoginByEmail'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { usersAccess } from './access'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'

export const Users: AppAuthCollection = {
  slug: 'users',
  labels: { singular: 'Staff user', plural: 'Staff users' },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role'],
    group: 'Team',
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    cookies: { sameSite: 'Lax' },
  },
  access: usersAccess,
  // A staff user populated into another document (a payment's recordedBy, a booking's chefs) shows
  // only who they are: never their sessions, lock counters or other account internals.
  defaultPopulate: { name: true, email: true, role: true },
  hooks: {
    beforeOperation: [guardWriteBody, limitLoginByEmail],
    beforeChange: [firstUserIsAdmin],
  },
  fields: [
    { name: 'name', type: 'text', maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      options: STAFF_ROLES.map((r) => ({ label: r.charAt(0).toUpperCase() + r.slice(1), value: r })),
      access: { create: adminsOnlyField, update: adminsOnlyField },
      saveToJWT: true,
      admin: { description: 'The first user becomes an admin. Only admins can change roles.' },
    },
    { name: 'phone', type: 'text', maxLength: 30 },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { description: 'Inactive chefs are not assigned to bookings.' } },
  ],
  timestamps: true,
}
