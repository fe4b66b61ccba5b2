import type { Access, Where } from 'payload'

import { hasRole } from '../../access/roles'

/**
 * Who reads which bookings: managers and admins all; a chef those assigned to them; a signed-in
 * customer their own; editors and anonymous visitors none.
 */
export const bookingsReadAccess: Access = ({ req }) => {
  const user = req.user
  if (!user) return false
  if (hasRole(user, 'admin', 'manager')) return true
  if (hasRole(user, 'chef')) {
    const assigned: Where = { assignedChefs: { in: [user.id] } }
    return assigned
  }
  if ((user.collection as string) === 'customers') {
    const own: Where = { customer: { equals: user.id } }
    return own
  }
  return false
}
