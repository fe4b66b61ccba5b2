import type { Access } from 'payload'

import { hasRole, isVerifiedCustomer } from './roles'

/** Managers and admins: every message; a verified customer: the messages of their own thread. */
export const atLeastManagerOrOwnThread: Access = ({ req }) => {
  if (hasRole(req.user, 'admin', 'manager')) return true
  if (req.user && isVerifiedCustomer(req.user)) return { customer: { equals: req.user.id } }
  return false
}
