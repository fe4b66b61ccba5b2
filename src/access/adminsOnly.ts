import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Staff with the admin role only. */
export const adminsOnly: Access = ({ req }) => hasRole(req.user, 'admin')
export const adminsOnlyField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')
