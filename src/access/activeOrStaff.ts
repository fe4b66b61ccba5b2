import type { Access } from 'payload'

import { isStaffUser } from './roles'

/** Menu items: staff see every item; everyone else only active ones. */
export const activeOrStaff: Access = ({ req }) => (isStaffUser(req.user) ? true : { active: { equals: true } })
