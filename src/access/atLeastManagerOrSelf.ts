import type { Access } from 'payload'

import { hasRole } from './roles'

/**
 * Managers and admins: every staff user (managers assign chefs to bookings); any other staff
 * user: only their own record. Customers: nothing.
 */
export const atLeastManagerOrSelf: Access = ({ req }) => {
  const user = req.user
  if (!user || user.collection !== 'users') return false
  if (hasRole(user, 'admin', 'manager')) return true
  return { id: { equals: user.id } }
}
