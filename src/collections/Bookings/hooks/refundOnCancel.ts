/**
 * When a booking becomes cancelled (through the manage link or by staff), the refund the policy
 * gave (`cancellation.refundCents`, decided by the booking hook from the tiers, and shown to the
 * customer before they confirmed) goes back to the card through Stripe, in the same transaction:
 * if Stripe refuses or does not answer, the cancellation is not saved either, and a retry refunds
 * once (idempotency keys). What was paid offline cannot go back by card: staff are told on the
 * booking how much to return by hand.
 */
import type { CollectionAfterChangeHook } from 'payload'

import { cancellationRefundCents } from '../../../domain'
import { toPayloadError } from '../../../http/errors'
import { paymentsEnabled } from '../../../infra/stripe'
import type { Booking } from '../../../payload-types'
import { lockBooking, updateBookingAsSystem } from '../../Payments/ledger'
import { cardRefundableCents, refundToCard } from '../../Payments/refunds'

export const refundOnCancel: CollectionAfterChangeHook<Booking> = async ({ doc, previousDoc, operation, req }) => {
  if (operation !== 'update' || doc.status !== 'cancelled' || previousDoc?.status === 'cancelled') return doc
  const booking = await lockBooking(req, doc.id)
  if (!booking) return doc
  const due = cancellationRefundCents(doc.cancellation?.refundCents ?? 0, booking.refundedCents)
  if (due <= 0) return doc
  try {
    const toCard = paymentsEnabled() ? Math.min(due, await cardRefundableCents(req, booking.id)) : 0
    if (toCard > 0) {
      await refundToCard(req, booking, toCard, { reason: `Cancellation: ${doc.cancellation?.refundPercent ?? 0}% refund by the policy`, recordedBy: req.user?.collection === 'users' ? req.user.id : null })
    }
    if (due > toCard) {
      await updateBookingAsSystem(req, booking, { payment: { lastPaymentError: `Return ${due - toCard} cents by hand: that part was paid offline; then record it under Payments (kind refund).` } })
    }
  } catch (err) {
    throw toPayloadError(err)
  }
  return doc
}
