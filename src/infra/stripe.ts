/**
 * The one Stripe client of the process, from STRIPE_SECRET_KEY (null when online payment is off),
 * and the webhook signature check. STRIPE_API_BASE sends the SDK elsewhere (tests: a local fake)
 * through its host/port/protocol options. Calls are bounded (STRIPE_TIMEOUT_MS) and retried by the
 * SDK on network errors (it sends the same Idempotency-Key again, so a retry never pays twice).
 * Must never log or return the key, the webhook secret, or a card detail (Checkout hosts cards:
 * none reaches this app).
 */
import Stripe from 'stripe'

import { UnavailableError } from '../domain'
import { env } from '../server/env'
import { logger } from '../server/logger'

const log = logger.child({ module: 'stripe' })

/** Webhook timestamps older than this are refused (Stripe's own default tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 300

let client: Stripe | null | undefined

function hostOptions(base: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!base) return {}
  const url = new URL(base)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return { host: url.hostname, port: Number(url.port || (protocol === 'http' ? 80 : 443)), protocol }
}

/** The Stripe client, or null when STRIPE_SECRET_KEY is unset (payments are taken offline). */
export function stripeClient(): Stripe | null {
  if (client !== undefined) return client
  const e = env()
  if (!e.STRIPE_SECRET_KEY) {
    client = null
    return client
  }
  if (e.STRIPE_API_BASE) log.warn('STRIPE_API_BASE is set: Stripe requests go to that address, not to api.stripe.com (tests only)')
  client = new Stripe(e.STRIPE_SECRET_KEY, {
    timeout: e.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: 2,
    appInfo: { name: 'MyHibachi' },
    telemetry: false,
    ...hostOptions(e.STRIPE_API_BASE),
  })
  return client
}

/** Whether online payment is set up (a key and a webhook secret). */
export function paymentsEnabled(): boolean {
  return stripeClient() !== null
}

/** What staff are told when they ask for something online payment would do. */
export const STAFF_PAYMENTS_OFF = 'Online payment is not set up (STRIPE_SECRET_KEY is unset): take the payment by hand and record it under Payments.'

/**
 * The client, or an UnavailableError (503 `payments_not_configured`) when online payment is off,
 * with `message` (the customer's wording unless the caller is staff: STAFF_PAYMENTS_OFF).
 */
export function requireStripe(message = 'Online payment is not set up. Staff will confirm your booking and take the deposit.'): Stripe {
  const stripe = stripeClient()
  if (!stripe) throw new UnavailableError(message, 'payments_not_configured')
  return stripe
}

/**
 * The verified event for a raw body and its Stripe-Signature header. Throws
 * `Stripe.errors.StripeSignatureVerificationError` for a bad signature, a tampered body or a
 * timestamp outside the tolerance.
 */
export function verifyStripeWebhook(rawBody: string, signature: string): Stripe.Event {
  const stripe = requireStripe()
  const secret = env().STRIPE_WEBHOOK_SECRET
  if (!secret) throw new UnavailableError('The Stripe webhook secret is not set.', 'payments_not_configured')
  return stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS)
}

/** Logs once at start whether online payment is on (never the key). */
export function describePayments(): void {
  const e = env()
  if (e.STRIPE_SECRET_KEY) log.info({ mode: e.STRIPE_SECRET_KEY.includes('_live_') ? 'live' : 'test' }, 'online payment on (Stripe)')
  else log.info('online payment off (STRIPE_SECRET_KEY unset): staff record payments in the admin')
}

/**
 * Stripe did not answer usefully (network, its outage, rate limit, a key it refuses): the
 * UnavailableError (503) the customer sees instead of a 500. Card errors and invalid requests are
 * returned as they are: the caller decides about those.
 */
export function stripeUnavailable(err: unknown): UnavailableError | undefined {
  if (!(err instanceof Stripe.errors.StripeError)) return undefined
  if (err instanceof Stripe.errors.StripeCardError || err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripeIdempotencyError) return undefined
  // The type and code only: Stripe's message may quote the request.
  log.error({ type: err.type, code: err.code, statusCode: err.statusCode }, 'Stripe request failed')
  return new UnavailableError('The payment service did not answer. Please try again in a minute.', 'payment_provider_unavailable')
}
