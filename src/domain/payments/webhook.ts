// What a Stripe Checkout webhook means for a booking. Decides only the outcome from the session
// and the booking as they are now; must never verify signatures, parse Stripe events, write to
// the booking or read the clock. The same event may arrive more than once or out of order, so
// every outcome is safe to decide again: an already-confirmed booking is left alone.
import type { CheckoutKind } from './checkout'

/** The part of a Checkout Session (from the webhook event) the decision reads. */
export interface WebhookSession {
  status: 'open' | 'complete' | 'expired'
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required'
  /** metadata.kind; null when the session carries none (not one of ours). */
  kind: CheckoutKind | null
  amountTotalCents: number
}

/** The booking the session's metadata points at. */
export interface WebhookBooking {
  status: string
  /** The booking's current deposit session: the last one created for it. */
  depositSessionId: string | null
  /** The id of the session in the event. */
  sessionId: string
}

/** What the caller does next; see sessionOutcome. */
export type SessionOutcome = 'confirm_deposit' | 'record_balance' | 'expire_hold' | 'record_late_payment' | 'ignore'

/**
 * Decides what a Checkout Session event means for its booking:
 * - `confirm_deposit`: a paid deposit session (status complete, payment paid, an amount above 0)
 *   for a pending booking: record the deposit and confirm the booking.
 * - `ignore` for a paid deposit on a booking that is confirmed, completed or a no-show: the
 *   deposit was already recorded (a repeated or late duplicate event).
 * - `record_late_payment`: a paid deposit on an expired or cancelled booking: the money arrived
 *   after the hold ended or the booking was cancelled; staff must see it, and it is refunded.
 * - `record_balance`: a paid balance session, whatever the booking's status: money arrived and
 *   is recorded.
 * - `expire_hold`: an expired session that is the booking's CURRENT deposit session, on a pending
 *   booking: the customer did not pay in time. The caller releases the slot only if
 *   isHoldOver(...) agrees at that moment. An older, superseded session expiring changes nothing.
 * - `ignore` for everything else: open sessions, completed but unpaid sessions (a delayed payment
 *   method: a later event brings the money), 'no_payment_required', a paid session with no amount,
 *   sessions without our kind, and bookings in statuses not named above.
 */
export function sessionOutcome(session: WebhookSession, booking: WebhookBooking): SessionOutcome {
  const paid = session.status === 'complete' && session.paymentStatus === 'paid' && Number.isSafeInteger(session.amountTotalCents) && session.amountTotalCents > 0

  if (paid && session.kind === 'deposit') {
    if (booking.status === 'pending') return 'confirm_deposit'
    if (booking.status === 'expired' || booking.status === 'cancelled') return 'record_late_payment'
    return 'ignore'
  }
  if (paid && session.kind === 'balance') return 'record_balance'

  if (session.status === 'expired' && booking.status === 'pending' && booking.depositSessionId !== null && booking.depositSessionId === booking.sessionId) {
    return 'expire_hold'
  }
  return 'ignore'
}
