import type { Access, Where } from 'payload'

import { hasRole, isVerifiedCustomer } from './roles'

/**
 * Managers and admins: every message; a verified customer: the messages of their own thread,
 * except staff's internal notes. Chefs and editors: none.
 */
export const atLeastManagerOrOwnThread: Access = ({ req }) => {
  if (hasRole(req.user, 'admin', 'manager')) return true
  if (req.user && isVerifiedCustomer(req.user)) {
    const own: Where = { and: [{ customer: { equals: req.user.id } }, { channel: { not_equals: 'note' } }] }
    return own
  }
  return false
}
