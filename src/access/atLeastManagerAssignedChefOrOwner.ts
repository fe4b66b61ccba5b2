import type { Access, Where } from 'payload'

import { hasRole, isVerifiedCustomer } from './roles'

/**
 * Bookings a user may read: managers and admins all; a chef those assigned to them; a verified
 * customer their own (a booking joins an account only through a verified account); editors and
 * anonymous visitors none. Anonymous holders of a manage link read through that link's endpoint.
 */
export const atLeastManagerAssignedChefOrOwner: Access = ({ req }) => {
  const user = req.user
  if (!user) return false
  if (hasRole(user, 'admin', 'manager')) return true
  if (hasRole(user, 'chef')) {
    const assigned: Where = { assignedChefs: { in: [user.id] } }
    return assigned
  }
  if (isVerifiedCustomer(user)) {
    const own: Where = { customer: { equals: user.id } }
    return own
  }
  return false
}
