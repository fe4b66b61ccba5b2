// What a booking's money adds up to: paid, refunded, what is still due (deposit, balance, in all)
// and one word for where the payments stand. Decides only arithmetic on the stored amounts; must
// never move money, read the clock or look at the booking's status (the status rules live in
// lifecycle.ts; a cancelled booking that was paid is still "paid" here).
import { ValidationError } from '../errors'
import { assertCents } from './guards'

/** The stored money of one booking, all integer cents. */
export interface PaymentFigures {
  totalCents: number
  depositCents: number
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
}

/**
 * Where a booking's payments stand:
 * - `unpaid`: the deposit is not covered yet (nothing, or less than the deposit, was paid);
 * - `deposit_paid`: the deposit is covered, some of the total is still due;
 * - `paid_in_full`: everything was paid;
 * - `partly_refunded`: something was paid and some of it, not all, was refunded;
 * - `refunded`: everything paid was refunded.
 * The refund states win over the others.
 */
export type PaymentSummaryState = 'unpaid' | 'deposit_paid' | 'paid_in_full' | 'refunded' | 'partly_refunded'

export interface PaymentSummary {
  /** depositPaid + balancePaid. */
  paidCents: number
  refundedCents: number
  /** paid − refunded: what the business keeps. */
  netPaidCents: number
  /** What is still owed before the deposit counts as paid; 0 once the payments cover it. */
  depositDueCents: number
  /** What is owed after the deposit: total − paid once the deposit is covered, else total − deposit. */
  balanceDueCents: number
  /** total − paid, never below 0. depositDueCents + balanceDueCents always equals it. */
  dueCents: number
  state: PaymentSummaryState
}

/**
 * Sums up a booking's payments. Every figure must be a safe integer ≥ 0 (ValidationError naming
 * the field otherwise), and refundedCents may not exceed what was paid (ValidationError
 * `refundedCents`). A deposit larger than the total counts as the total.
 *
 * Every payment counts toward the deposit first: a single payment of the whole total leaves no
 * deposit due, even though it was recorded as balance. Refunds do not make anything due again.
 */
export function paymentSummary(f: PaymentFigures): PaymentSummary {
  assertCents('totalCents', f.totalCents)
  assertCents('depositCents', f.depositCents)
  assertCents('depositPaidCents', f.depositPaidCents)
  assertCents('balancePaidCents', f.balancePaidCents)
  assertCents('refundedCents', f.refundedCents)

  const paidCents = f.depositPaidCents + f.balancePaidCents
  if (f.refundedCents > paidCents) {
    throw ValidationError.single('refundedCents', `Refunded amount cannot exceed the ${paidCents} cents paid`)
  }
  const depositCents = Math.min(f.depositCents, f.totalCents)
  const depositDueCents = Math.max(0, depositCents - paidCents)
  const dueCents = Math.max(0, f.totalCents - paidCents)
  const balanceDueCents = depositDueCents === 0 ? dueCents : f.totalCents - depositCents

  return {
    paidCents,
    refundedCents: f.refundedCents,
    netPaidCents: paidCents - f.refundedCents,
    depositDueCents,
    balanceDueCents,
    dueCents,
    state: summaryState(paidCents, f.refundedCents, depositDueCents, dueCents),
  }
}

function summaryState(paidCents: number, refundedCents: number, depositDueCents: number, dueCents: number): PaymentSummaryState {
  if (refundedCents > 0) return refundedCents >= paidCents ? 'refunded' : 'partly_refunded'
  if (paidCents === 0 || depositDueCents > 0) return 'unpaid'
  return dueCents === 0 ? 'paid_in_full' : 'deposit_paid'
}
