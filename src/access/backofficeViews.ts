/**
 * Who may open each custom back-office view (the admin's own server components, which check the
 * role themselves: collection access does not reach them). One table, so the matrix test
 * (tests/unit/backoffice-views.test.ts) and the views read the same rule. Anyone else signed in as
 * staff gets the view's refusal in words; a visitor who is not staff is sent to the staff sign-in
 * (src/components/admin/adminPage.tsx).
 */
import { hasRole, type StaffRole } from './roles'

export const BACKOFFICE_VIEW_ROLES = {
  /** Every booking by chef lane, assigning chefs. */
  calendar: ['admin', 'manager'],
  /** Customers' messages and the replies. */
  inbox: ['admin', 'manager'],
  /** The signed-in chef's own events. */
  mySchedule: ['chef'],
  /** What to buy and prepare for a day (a chef's list covers their own events). */
  prepList: ['admin', 'manager', 'chef'],
} as const satisfies Record<string, readonly StaffRole[]>

export type BackofficeView = keyof typeof BACKOFFICE_VIEW_ROLES

export function mayOpenView(user: Parameters<typeof hasRole>[0], view: BackofficeView): boolean {
  return hasRole(user, ...BACKOFFICE_VIEW_ROLES[view])
}
