import type { Access, CollectionConfig } from 'payload'

import { isStaffUser } from './roles'

/** Any signed-in staff user, whatever the role (never a customer). */
export const anyStaff: Access = ({ req }) => isStaffUser(req.user)

type AdminAccess = NonNullable<NonNullable<CollectionConfig['access']>['admin']>

/** The admin panel: staff users only (Payload types this operation apart: it answers a boolean). */
export const anyStaffInAdmin: AdminAccess = ({ req }) => isStaffUser(req.user)

/** Nobody uses the admin panel through this collection (customers sign in on the storefront). */
export const nobodyInAdmin: AdminAccess = () => false
