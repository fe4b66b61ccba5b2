/**
 * Stripe credentials and webhook signing for tests. The key and the signing secret are fixed
 * strings (not random) so that separate processes — the test runner, the app under test, the fake
 * Stripe API (tests/helpers/fake-stripe.ts) started by Playwright — agree on them without passing
 * anything around; both match the formats src/server/env.ts accepts. They are test values only:
 * the key opens nothing but the fake, the secret signs nothing but test events.
 */
import Stripe from 'stripe'

/** A webhook signing secret (`whsec_…`) for tests. */
export const TEST_WEBHOOK_SECRET = 'whsec_test_myhibachi_fake_signing_secret'

/** A secret API key (`sk_test_…`) that the fake Stripe API accepts and the real one never would. */
export const TEST_STRIPE_KEY = 'sk_test_fake_myhibachi_0000000000000000'

/**
 * The `Stripe-Signature` header value for `payload` (the exact request body, as sent), signed
 * with `secret` at `timestamp` (seconds since the epoch; default now) — what Stripe sends and
 * `Stripe.webhooks.constructEvent` checks.
 */
export function signStripeEvent(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp })
}
