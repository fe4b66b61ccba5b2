// The balance: what is left to pay after the deposit, when it falls due, and whether the saved
// card should be charged for it now. Decides only whether and how much; must never charge a card,
// send a link or read the clock (callers pass `now`). There is one automatic attempt per booking:
// after it fails the customer is sent a payment link instead, never a second automatic charge.
import { MS_PER_DAY } from './guards'

/**
 * When the balance falls due: `balanceDueDaysBefore` whole days (of 24 hours) before the event
 * starts.
 */
export function balanceDueAt(settings: { balanceDueDaysBefore: number }, startsAt: Date): Date {
  return new Date(startsAt.getTime() - settings.balanceDueDaysBefore * MS_PER_DAY)
}

/** The money of a booking the balance amount is computed from. */
export interface BalanceFigures {
  totalCents: number
  depositPaidCents: number
  balancePaidCents: number
}

/** total − deposit paid − balance paid, never below 0. */
export function balanceAmountCents(b: BalanceFigures): number {
  return Math.max(0, b.totalCents - b.depositPaidCents - b.balancePaidCents)
}

/** The part of a booking the automatic balance charge reads. */
export interface BalanceChargeBooking extends BalanceFigures {
  status: string
  startsAt: Date
  refundedCents: number
  /** The customer's card was saved for off-session use when the deposit was paid. */
  hasSavedCard: boolean
  /** The last automatic charge attempt; null when none was made. */
  lastBalanceAttemptAt: Date | null
}

/**
 * The automatic balance charge to make now, or null. Charges only when ALL hold:
 * the booking is confirmed; its deposit was paid (> 0); a card was saved; nothing was refunded
 * (a refund means staff have handled this booking's money, so the card is not charged behind
 * their back); the balance is above 0; balanceDueAt ≤ now < startsAt; and no automatic attempt
 * was made yet.
 */
export function balanceChargeFor(b: BalanceChargeBooking, settings: { balanceDueDaysBefore: number }, now: Date): { amountCents: number } | null {
  if (b.status !== 'confirmed' || b.depositPaidCents <= 0 || !b.hasSavedCard) return null
  if (b.refundedCents > 0 || b.lastBalanceAttemptAt !== null) return null
  const t = now.getTime()
  if (t < balanceDueAt(settings, b.startsAt).getTime() || t >= b.startsAt.getTime()) return null
  const amountCents = balanceAmountCents(b)
  return amountCents > 0 ? { amountCents } : null
}
