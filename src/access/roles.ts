/**
 * Staff roles and the predicates over them. Customers are a separate auth collection
 * (`customers`); a request's `user` may be either, told apart by `collection`.
 */
export const STAFF_ROLES = ['admin', 'manager', 'chef', 'editor'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

interface MaybeUser {
  collection?: string
  role?: string | null
}

export function isStaffUser(user: MaybeUser | null | undefined): boolean {
  return Boolean(user && user.collection === 'users')
}

export function hasRole(user: MaybeUser | null | undefined, ...roles: StaffRole[]): boolean {
  return Boolean(user && user.collection === 'users' && user.role && (roles as string[]).includes(user.role))
}
