// A booking's payment state, as one value the admin list filters on ("deposit unpaid", "balance
// due") and the dashboard counts. Decided from the stored money and the status only; it must never
// read the clock (a balance is "due" from the moment the deposit is paid, whenever it is charged).
import type { BookingStatus } from './lifecycle'

export const PAYMENT_STATES = ['deposit_unpaid', 'balance_due', 'paid', 'refunded', 'none'] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  deposit_unpaid: 'Deposit unpaid',
  balance_due: 'Balance due',
  paid: 'Paid in full',
  refunded: 'Refunded',
  none: 'Nothing due',
}

export interface PaymentStateInput {
  status: BookingStatus
  totalCents: number
  depositCents: number
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
}

/**
 * - An active booking (pending or confirmed) with less paid than its deposit: `deposit_unpaid`.
 * - An active or completed booking with the deposit paid and less than the total: `balance_due`.
 * - Everything paid: `paid`.
 * - Money went back (any refund) on a booking that is over (cancelled, expired): `refunded`.
 * - Anything else (an inactive booking that took no money, a free event): `none`.
 */
export function paymentStateOf(b: PaymentStateInput): PaymentState {
  const paid = b.depositPaidCents + b.balancePaidCents
  const live = b.status === 'pending' || b.status === 'confirmed' || b.status === 'completed'
  if (!live) return b.refundedCents > 0 ? 'refunded' : 'none'
  if (b.totalCents <= 0) return 'none'
  if (paid >= b.totalCents) return 'paid'
  if (paid < b.depositCents && b.status !== 'completed') return 'deposit_unpaid'
  return 'balance_due'
}
