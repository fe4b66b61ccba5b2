import type { Access, Where } from 'payload'

import { hasRole, isStaffUser } from './roles'

/**
 * Menu items: content editors (editors, managers, admins) see every item, drafts included; other
 * staff (chefs) every published item, inactive ones too; everyone else only active, published
 * ones. Payload routes `?draft=true` reads (REST, GraphQL) through this same rule, so the
 * `_status` condition is what keeps an unpublished price from the public.
 */
// Fresh objects per call: Payload may extend a returned query in place.
const published = (): Where => ({ _status: { equals: 'published' } })
const activeAndPublished = (): Where => ({ and: [{ active: { equals: true } }, published()] })

export const activeOrStaff: Access = ({ req }) => {
  if (hasRole(req.user, 'admin', 'manager', 'editor')) return true
  return isStaffUser(req.user) ? published() : activeAndPublished()
}
