import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Managers and admins: everything about bookings, customers, messages and the settings. */
export const atLeastManager: Access = ({ req }) => hasRole(req.user, 'admin', 'manager')
export const atLeastManagerField: FieldAccess = ({ req }) => hasRole(req.user, 'admin', 'manager')
