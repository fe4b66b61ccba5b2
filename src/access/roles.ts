/**
 * Who a request's user is. Staff are `users` with a role; customers are a separate auth collection
 * (`customers`). A request's `user` may be either, told apart by `collection`. Every access
 * function in this folder is built on these predicates; none reads anything else.
 */
export const STAFF_ROLES = ['admin', 'manager', 'chef', 'editor'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

interface MaybeUser {
  collection?: string
  role?: string | null
  _verified?: boolean | null
}

export function isStaffUser(user: MaybeUser | null | undefined): boolean {
  return Boolean(user && user.collection === 'users')
}

export function hasRole(user: MaybeUser | null | undefined, ...roles: StaffRole[]): boolean {
  return Boolean(user && user.collection === 'users' && user.role && (roles as string[]).includes(user.role))
}

/**
 * A customer account that has proved its email. Payload's JWT strategy already refuses
 * unverified accounts, but a rule that hands out someone's bookings by email must not lean on
 * that alone: an account that merely claims an email sees nothing.
 */
export function isVerifiedCustomer(user: MaybeUser | null | undefined): boolean {
  return Boolean(user && user.collection === 'customers' && user._verified === true)
}

/** A request made by a signed-in customer (any account, verified or not). */
export function isCustomerUser(user: MaybeUser | null | undefined): boolean {
  return Boolean(user && user.collection === 'customers')
}
