import type { Access } from 'payload'

import { hasRole } from './roles'

/** Admins: every staff user; any other staff user: only their own record. Customers: nothing. */
export const adminsOrSelf: Access = ({ req }) => {
  const user = req.user
  if (!user || user.collection !== 'users') return false
  if (hasRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}
