import type { Access } from 'payload'

import { hasRole } from './roles'

/** Editors, managers and admins: site content (pages, menu, media). Chefs are not editors. */
export const contentEditors: Access = ({ req }) => hasRole(req.user, 'admin', 'manager', 'editor')
