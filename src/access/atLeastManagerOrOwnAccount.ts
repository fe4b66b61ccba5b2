import type { Access } from 'payload'

import { hasRole, isVerifiedCustomer } from './roles'

/** Managers and admins: every customer account; a verified customer: their own. Others nothing. */
export const atLeastManagerOrOwnAccount: Access = ({ req }) => {
  if (hasRole(req.user, 'admin', 'manager')) return true
  if (req.user && isVerifiedCustomer(req.user)) return { id: { equals: req.user.id } }
  return false
}
