/**
 * POST /api/stripe/webhook — Stripe's event deliveries.
 * - The raw body is read first (at most 256 kB, else 413) and its Stripe-Signature verified with
 *   STRIPE_WEBHOOK_SECRET and a 300 s tolerance: a bad signature, a tampered body or an old
 *   timestamp is a 400 and changes nothing. 503 when online payment is off.
 * - Each event id is stored once (unique index) in the same transaction as its effect: concurrent
 *   or repeated deliveries change state once, and all are answered 200.
 * - The effect is decided on the object as Stripe has it NOW (the session is read back), so
 *   events arriving out of order converge (src/collections/Payments/checkout.ts applySession).
 * - Event types it does not handle are acknowledged (200) and stored.
 * - A failure of ours answers 500 without storing the event: Stripe retries it.
 * Exempt from the public rate limit (src/infra/rate-limit.ts). Must never log the body or the secret.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import Stripe from 'stripe'

import { UnavailableError } from '../../../domain'
import { BodyTooLargeError, readCappedText } from '../../../http/body'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import { inTransaction, sql, transactionDb } from '../../../infra/db'
import { requireStripe, stripeUnavailable, verifyStripeWebhook } from '../../../infra/stripe'
import { logger } from '../../../server/logger'
import { applySession } from '../checkout'
import { lockBooking } from '../ledger'

const log = logger.child({ module: 'stripe-webhook' })

export const MAX_WEBHOOK_BYTES = 256 * 1024

const SESSION_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed', 'checkout.session.expired'])

/** Claims the event id inside the transaction; false when it was already applied (or is being, by a concurrent delivery that then commits). */
async function claimEvent(req: PayloadRequest, event: Stripe.Event, objectId: string | null): Promise<boolean> {
  const db = await transactionDb(req)
  const result = await db.execute(sql`
    INSERT INTO stripe_events (event_id, type, object_id) VALUES (${event.id}, ${event.type}, ${objectId})
    ON CONFLICT (event_id) DO NOTHING RETURNING id`)
  return result.rows.length > 0
}

async function recordOutcome(req: PayloadRequest, eventId: string, outcome: string): Promise<void> {
  const db = await transactionDb(req)
  await db.execute(sql`UPDATE stripe_events SET outcome = ${outcome} WHERE event_id = ${eventId}`)
}

function objectIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as { id?: unknown }
  return typeof object.id === 'string' ? object.id : null
}

/** Applies one verified event; returns what it did. */
async function applyEvent(req: PayloadRequest, event: Stripe.Event): Promise<string> {
  return inTransaction(req, async () => {
    if (!(await claimEvent(req, event, objectIdOf(event)))) return 'duplicate'
    let outcome = 'acknowledged'
    if (SESSION_EVENTS.has(event.type)) {
      const sent = event.data.object as Stripe.Checkout.Session
      const bookingId = Number(sent.metadata?.bookingId)
      const booking = Number.isSafeInteger(bookingId) && bookingId > 0 ? await lockBooking(req, bookingId) : undefined
      if (!booking) {
        outcome = 'no_booking'
      } else {
        // The session as it is now, not as the (possibly old, possibly reordered) event says.
        const session = await requireStripe()
          .checkout.sessions.retrieve(sent.id)
          .catch((err: unknown) => {
            // A session Stripe does not know (another account's, deleted): retrying for days cannot help.
            if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null
            throw err
          })
        outcome = session ? await applySession(req, session, booking) : 'unknown_session'
      }
    }
    await recordOutcome(req, event.id, outcome)
    return outcome
  })
}

/** Whether a verified body has what every event has: an id, a type and a data object. */
function isEventShaped(event: Stripe.Event): boolean {
  const e = event as unknown as { id?: unknown; type?: unknown; data?: { object?: unknown } | null }
  return typeof e.id === 'string' && e.id !== '' && typeof e.type === 'string' && typeof e.data?.object === 'object' && e.data.object !== null
}

export const stripeWebhookEndpoint: Endpoint = {
  method: 'post',
  path: '/stripe/webhook',
  handler: async (req) => {
    let event: Stripe.Event
    try {
      requireStripe()
      const raw = await readCappedText(req, MAX_WEBHOOK_BYTES)
      event = verifyStripeWebhook(raw, req.headers.get('stripe-signature') ?? '')
      if (!isEventShaped(event)) return jsonResponse({ status: 400, body: errorBody('WebhookPayloadError', 'The signed body is not a Stripe event (id, type and data.object are required).') })
    } catch (err) {
      // Signed, but not JSON: only the secret's holder can send it, and no retry can make it readable.
      if (err instanceof SyntaxError) return jsonResponse({ status: 400, body: errorBody('WebhookPayloadError', 'The signed body is not JSON.') })
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
        log.warn('a webhook delivery failed signature verification')
        return jsonResponse({ status: 400, body: errorBody('WebhookSignatureError', 'The Stripe-Signature header does not match this body, or it is too old.') })
      }
      if (err instanceof BodyTooLargeError || err instanceof UnavailableError) return jsonResponse(refusal(err))
      throw err
    }
    try {
      const outcome = await applyEvent(req, event)
      log.info({ eventId: event.id, type: event.type, outcome }, 'stripe event')
      return jsonResponse({ status: 200, body: JSON.stringify({ received: true, outcome }) })
    } catch (err) {
      const unavailable = stripeUnavailable(err)
      // Not stored: Stripe delivers it again later.
      if (unavailable) return jsonResponse(refusal(unavailable))
      throw err
    }
  },
}
