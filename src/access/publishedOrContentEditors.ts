import type { Access } from 'payload'

import { hasRole } from './roles'

/**
 * Pages: editors, managers and admins read everything, drafts included; everyone else only
 * published documents. Payload routes `?draft=true` reads through this same rule, so the
 * condition is what keeps unpublished edits from the public.
 */
export const publishedOrContentEditors: Access = ({ req }) => (hasRole(req.user, 'admin', 'manager', 'editor') ? true : { _status: { equals: 'published' } })
