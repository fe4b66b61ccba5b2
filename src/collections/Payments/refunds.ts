/**
 * Card refunds through Stripe, inside the caller's transaction with the booking locked: the amount
 * is spread over the booking's card charges, the most recent first (src/domain/payments/refunds.ts),
 * each refund is created with an idempotency key that names the charge, what was refunded of it
 * before and the amount (a retried request refunds once), recorded as a payment of kind `refund`
 * with who and why, and added to the booking's refunded total.
 */
import type { PayloadRequest } from 'payload'

import { allocateRefund, refundIdempotencyKey } from '../../domain'
import { requireStripe } from '../../infra/stripe'
import { cardCharges, recordPayment, updateBookingAsSystem, type LockedBooking } from './ledger'

export interface RefundResult {
  refundedCents: number
  refundIds: string[]
}

/** What can still be refunded to cards for this booking. */
export async function cardRefundableCents(req: PayloadRequest, bookingId: number): Promise<number> {
  return (await cardCharges(req, bookingId)).reduce((sum, c) => sum + Math.max(0, c.amountCents - c.refundedCents), 0)
}

export async function refundToCard(req: PayloadRequest, booking: LockedBooking, amountCents: number, why: { reason: string; recordedBy: number | null }): Promise<RefundResult> {
  const charges = await cardCharges(req, booking.id)
  const parts = allocateRefund(charges, amountCents)
  const stripe = requireStripe()
  const refundIds: string[] = []
  for (const part of parts) {
    const charge = charges.find((c) => c.paymentIntentId === part.paymentIntentId)
    if (!charge) continue
    const refund = await stripe.refunds.create(
      { payment_intent: part.paymentIntentId, amount: part.amountCents, reason: 'requested_by_customer', metadata: { bookingId: String(booking.id) } },
      { idempotencyKey: refundIdempotencyKey(booking.id, part.paymentIntentId, charge.refundedCents, part.amountCents) },
    )
    await recordPayment(req, {
      booking,
      kind: 'refund',
      method: 'card',
      status: 'succeeded',
      amountCents: part.amountCents,
      occurredAt: new Date(),
      note: why.reason,
      recordedBy: why.recordedBy,
      refundOf: charge.id,
      stripePaymentIntentId: part.paymentIntentId,
      stripeRefundId: refund.id,
    })
    refundIds.push(refund.id)
  }
  await updateBookingAsSystem(req, booking, { payment: { refundedCents: booking.refundedCents + amountCents } })
  return { refundedCents: amountCents, refundIds }
}
