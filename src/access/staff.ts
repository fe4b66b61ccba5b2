/**
 * Named access functions over staff roles. Each answers for the whole collection (true/false);
 * row-level rules (own bookings, assigned bookings) live beside the collection that needs them.
 */
import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Admins and managers: everything about bookings, customers and messages. */
export const isManager: Access = ({ req }) => hasRole(req.user, 'admin', 'manager')
export const isManagerField: FieldAccess = ({ req }) => hasRole(req.user, 'admin', 'manager')

/** Admins, managers and editors: site content (pages, menu, media). */
export const isEditor: Access = ({ req }) => hasRole(req.user, 'admin', 'manager', 'editor')

/** Any signed-in staff member. */
export const isStaff: Access = ({ req }) => hasRole(req.user, 'admin', 'manager', 'chef', 'editor')

/** Nobody through the API: the server sets these fields itself (hooks run after access checks). */
export const serverOnly: FieldAccess = () => false

/** Anyone, signed in or not. */
export const anyone: Access = () => true
