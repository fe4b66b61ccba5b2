/**
 * An app whose Payload talks to a local fake Stripe (tests/helpers/fake-stripe.ts) through the
 * official SDK: starts the fake, sets STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE
 * (and SMTP_URL when a mail sink is asked for) BEFORE the config is first imported (env() is
 * parsed once per module graph; each spec file has its own), then loads Payload. `webhook()`
 * posts a signed event through Payload's real REST handler, as Stripe would.
 * `stop()` closes the fake and the sink and removes the variables it set.
 */
import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll } from 'vitest'

import { applySettings } from './bookings-fixtures'

import { startFakeStripe, type FakeStripe } from './fake-stripe'
import { restClient, type RestResponse } from './rest'
import { startSmtpSink, type SmtpSink } from './smtp-sink'
import { signStripeEvent, TEST_STRIPE_KEY, TEST_WEBHOOK_SECRET } from './stripe-webhook'

export interface StripeApp {
  fake: FakeStripe
  payload: Payload
  config: Promise<SanitizedConfig>
  rest: ReturnType<typeof restClient>
  sink?: SmtpSink
  /** POSTs `body` to /api/stripe/webhook, signed for real (or with `signature` as given). */
  webhook(body: string, opts?: { signature?: string; timestamp?: number }): Promise<RestResponse<Record<string, unknown>>>
  stop(): Promise<void>
}

const SET = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'SMTP_URL'] as const

export async function startStripeApp(opts: { mail?: boolean } = {}): Promise<StripeApp> {
  const fake = await startFakeStripe()
  const sink = opts.mail ? await startSmtpSink() : undefined
  process.env.STRIPE_SECRET_KEY = TEST_STRIPE_KEY
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET
  process.env.STRIPE_API_BASE = fake.url
  if (sink) process.env.SMTP_URL = sink.url
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  const rest = restClient(config)
  const payload = await getPayload({ config })
  return {
    fake,
    payload,
    config,
    rest,
    ...(sink ? { sink } : {}),
    webhook: async (body, o = {}) => {
      const request = new Request('http://localhost:3000/api/stripe/webhook', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': o.signature ?? signStripeEvent(body, TEST_WEBHOOK_SECRET, o.timestamp) },
        body,
      })
      const { handleEndpoints } = await import('payload')
      const response = await handleEndpoints({ config, path: '/api/stripe/webhook', request })
      const text = await response.text()
      return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
    },
    stop: async () => {
      await fake.close()
      await sink?.close()
      for (const name of SET) Reflect.deleteProperty(process.env, name)
    },
  }
}

/**
 * The usual life of a spec file's app: started with `settings` (10 chefs unless said) before the
 * file's tests, stopped after them — a second after the last write, whose cache purge runs 750 ms
 * after its commit (src/infra/cache.ts) and must not find Redis closed.
 */
export function stripeAppPerFile(set: (app: StripeApp) => void, settings: Record<string, unknown> = { chefCount: 10 }, opts: { mail?: boolean } = {}): void {
  let app: StripeApp | undefined
  beforeAll(async () => {
    app = await startStripeApp(opts)
    await applySettings(app.payload, settings)
    set(app)
  })
  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    await app?.stop()
  })
}
