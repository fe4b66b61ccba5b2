// Stripe Checkout as plain data: how long a session may live, the idempotency keys of every
// payment call, whether an open session can be reused, and the exact parameters of a new session.
// Decides only what to ask for; must never import the Stripe SDK, call Stripe or read the clock
// (callers pass `now`). The app layer hands checkoutSessionParams(...) to
// `stripe.checkout.sessions.create` as is.
import { ValidationError } from '../errors'
import { MS_PER_MINUTE } from './guards'

/** Stripe refuses a Checkout Session that expires less than 30 minutes after it is created. */
export const CHECKOUT_MIN_EXPIRY_MINUTES = 30
/** Stripe refuses a Checkout Session that expires more than 24 hours after it is created. */
export const CHECKOUT_MAX_EXPIRY_HOURS = 24
/**
 * Safety margin kept inside both of Stripe's limits: Stripe measures from when it receives the
 * request, a little after our `now`, and the result is cut to whole seconds.
 */
export const CHECKOUT_EXPIRY_MARGIN_MINUTES = 1
/** An open session with this many minutes left or fewer is not handed out again. */
export const CHECKOUT_REUSE_MIN_MINUTES_LEFT = 5

const MS_PER_SECOND = 1000

/**
 * When a new Checkout Session should expire: at the end of the booking's hold, clamped into
 * [now + 31 min, now + 24 h − 1 min] (Stripe's limits with a minute to spare), in whole seconds.
 * No hold (a balance payment, or a booking staff already keep) → the longest allowed.
 * A hold that is already over still gets the shortest session Stripe allows; the hold is then
 * extended to it (extendHoldTo).
 */
export function checkoutExpiresAt(now: Date, holdExpiresAt: Date | null): Date {
  const t = now.getTime()
  const earliest = ceilToSecond(t + (CHECKOUT_MIN_EXPIRY_MINUTES + CHECKOUT_EXPIRY_MARGIN_MINUTES) * MS_PER_MINUTE)
  const latest = floorToSecond(t + (CHECKOUT_MAX_EXPIRY_HOURS * 60 - CHECKOUT_EXPIRY_MARGIN_MINUTES) * MS_PER_MINUTE)
  const wanted = holdExpiresAt === null ? latest : floorToSecond(holdExpiresAt.getTime())
  return new Date(Math.min(latest, Math.max(earliest, wanted)))
}

function floorToSecond(ms: number): number {
  return Math.floor(ms / MS_PER_SECOND) * MS_PER_SECOND
}

function ceilToSecond(ms: number): number {
  return Math.ceil(ms / MS_PER_SECOND) * MS_PER_SECOND
}

/** A booking's id as the CMS stores it. */
export type PaymentBookingId = number | string

/**
 * Idempotency key of the deposit Checkout Session: `deposit:<bookingId>:<attempt>`. The attempt
 * goes up each time a new session is needed (the previous one expired or is about to), so a
 * retried request reuses its session and a new attempt gets a new one.
 */
export function depositIdempotencyKey(bookingId: PaymentBookingId, attempt: number): string {
  return `deposit:${bookingId}:${attempt}`
}

/** Idempotency key of the one automatic off-session balance charge: `balance:<bookingId>`. */
export function balanceIdempotencyKey(bookingId: PaymentBookingId): string {
  return `balance:${bookingId}`
}

/** Idempotency key of a balance-payment Checkout Session (the link): `balance-link:<bookingId>:<attempt>`. */
export function balanceLinkIdempotencyKey(bookingId: PaymentBookingId, attempt: number): string {
  return `balance-link:${bookingId}:${attempt}`
}

/**
 * Idempotency key of a refund: `refund:<bookingId>:<paymentIntentId>:<alreadyRefundedCents>:<amountCents>`.
 * The same refund asked twice (a double click, a retried request) maps to one key, so Stripe
 * refunds once; once it went through, alreadyRefundedCents has grown and a later refund, even
 * of the same amount, gets a new key.
 */
export function refundIdempotencyKey(bookingId: PaymentBookingId, paymentIntentId: string, alreadyRefundedCents: number, amountCents: number): string {
  return `refund:${bookingId}:${paymentIntentId}:${alreadyRefundedCents}:${amountCents}`
}

/** The part of a stored Checkout Session the reuse rule reads. */
export interface StoredCheckoutSession {
  status: 'open' | 'complete' | 'expired'
  expiresAt: Date
}

/**
 * True when an existing session may be sent to the customer again instead of creating a new one:
 * it is open and has MORE than 5 minutes left (exactly 5 minutes left → create a new one), so
 * the customer has time to pay before it expires.
 */
export function isReusableSession(s: StoredCheckoutSession, now: Date): boolean {
  return s.status === 'open' && s.expiresAt.getTime() - now.getTime() > CHECKOUT_REUSE_MIN_MINUTES_LEFT * MS_PER_MINUTE
}

/** What a payment session is for. */
export type CheckoutKind = 'deposit' | 'balance'

/** What checkoutSessionParams needs to describe one payment. */
export interface CheckoutSessionInput {
  kind: CheckoutKind
  bookingId: number
  amountCents: number
  /** ISO 4217, lower case (Stripe style), e.g. 'usd'. */
  currency: string
  /** Shown under the product name on the payment page, e.g. 'Hibachi party on 2027-01-15 at 18:00'. */
  description: string
  /** The Stripe customer (cus_…) the card is saved to. */
  customerId: string
  successUrl: string
  cancelUrl: string
  expiresAt: Date
  businessName: string
}

/** The metadata put on both the session and its PaymentIntent: how a webhook finds the booking. */
export interface CheckoutMetadata {
  [key: string]: string
  bookingId: string
  kind: CheckoutKind
}

/** The subset of Stripe's `Stripe.Checkout.SessionCreateParams` this app sends, with Stripe's own field names. */
export interface CheckoutSessionCreateParams {
  mode: 'payment'
  customer: string
  client_reference_id: string
  line_items: Array<{
    quantity: number
    price_data: {
      currency: string
      unit_amount: number
      product_data: { name: string; description?: string }
    }
  }>
  metadata: CheckoutMetadata
  payment_intent_data: {
    setup_future_usage: 'off_session'
    metadata: CheckoutMetadata
  }
  success_url: string
  cancel_url: string
  /** Unix time in seconds. */
  expires_at: number
}

/**
 * The parameters of `stripe.checkout.sessions.create` for one deposit or balance payment: one line
 * named `<businessName> deposit` / `<businessName> balance`, the booking id as
 * client_reference_id and in the metadata of the session and of its PaymentIntent, and the card
 * saved for off-session use (the automatic balance charge). expires_at is in whole Unix seconds.
 * An empty description is left out (Stripe refuses empty strings).
 * Throws ValidationError('amountCents') unless the amount is a whole number of cents above 0.
 */
export function checkoutSessionParams(i: CheckoutSessionInput): CheckoutSessionCreateParams {
  if (!Number.isSafeInteger(i.amountCents) || i.amountCents <= 0) {
    throw ValidationError.single('amountCents', 'The amount to pay must be a whole number of cents, more than 0')
  }
  const metadata: CheckoutMetadata = { bookingId: String(i.bookingId), kind: i.kind }
  const description = i.description.trim()
  return {
    mode: 'payment',
    customer: i.customerId,
    client_reference_id: String(i.bookingId),
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: i.currency,
          unit_amount: i.amountCents,
          product_data: { name: `${i.businessName} ${i.kind}`, ...(description ? { description } : {}) },
        },
      },
    ],
    metadata,
    payment_intent_data: { setup_future_usage: 'off_session', metadata: { ...metadata } },
    success_url: i.successUrl,
    cancel_url: i.cancelUrl,
    expires_at: Math.floor(i.expiresAt.getTime() / MS_PER_SECOND),
  }
}
