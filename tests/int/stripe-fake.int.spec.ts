/**
 * The fake Stripe API (tests/helpers/fake-stripe.ts) against the real `stripe` SDK: the fake
 * understands what the SDK sends (form encoding with nested keys, Idempotency-Key, expand), the
 * SDK reads what the fake answers as Stripe's own answers (objects, and its error class for each
 * failure), and the hosted page's Pay button delivers a webhook that `Stripe.webhooks.constructEvent`
 * accepts. Uses no database; it is in the int project because it runs real servers and a process.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe'
import { startHelperServer } from '../helpers/processes'
import { signStripeEvent, TEST_STRIPE_KEY, TEST_WEBHOOK_SECRET } from '../helpers/stripe-webhook'

const SUCCESS_URL = 'https://app.test/booking/paid?session={CHECKOUT_SESSION_ID}'
const CANCEL_URL = 'https://app.test/booking/cancelled'

function clientFor(port: number, key = TEST_STRIPE_KEY): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 })
}

function inMinutes(minutes: number): number {
  return Math.floor(Date.now() / 1000) + minutes * 60
}

/** The error `promise` rejects with, checked to be a `kind`. */
async function failure<T extends Error>(promise: Promise<unknown>, kind: new (...args: never[]) => T): Promise<T> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(kind)
  return err as T
}

/** A deposit-like session: two lines (2 × $25 + $10 = $60), the card saved for off-session use. */
function sessionParams(customer: string, overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    customer,
    client_reference_id: '7',
    line_items: [
      { quantity: 2, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'MyHibachi deposit' } } },
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 1000, product_data: { name: 'Travel fee' } } },
    ],
    metadata: { bookingId: '7', kind: 'deposit' },
    payment_intent_data: { setup_future_usage: 'off_session', metadata: { bookingId: '7' } },
    success_url: SUCCESS_URL,
    cancel_url: CANCEL_URL,
    expires_at: inMinutes(60),
    ...overrides,
  }
}

describe('fake Stripe API, through the real SDK', () => {
  let fake: FakeStripe
  let stripe: Stripe

  beforeAll(async () => {
    fake = await startFakeStripe()
    stripe = clientFor(fake.port)
  })

  afterAll(() => fake.close())

  function newCustomer(): Promise<Stripe.Customer> {
    return stripe.customers.create({ email: 'ana@example.com', name: 'Ana Diaz', metadata: { customerId: '42' } })
  }

  /** A paid session's PaymentIntent: its saved card (`pm_…`) and customer. */
  async function savedCard(): Promise<{ customer: string; paymentMethod: string }> {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(sessionParams(customer.id))
    const paid = fake.paySession(session.id)
    const pi = await stripe.paymentIntents.retrieve(paid.payment_intent ?? 'missing')
    return { customer: customer.id, paymentMethod: String(pi.payment_method) }
  }

  it('creates a customer from the form fields the SDK sends, and retrieves it', async () => {
    const created = await newCustomer()
    expect(created).toMatchObject({ object: 'customer', email: 'ana@example.com', name: 'Ana Diaz', metadata: { customerId: '42' }, livemode: false })
    expect(created.id).toMatch(/^cus_\w+$/)
    expect(fake.requests.findLast((r) => r.method === 'POST' && r.path === '/v1/customers')?.form).toEqual({
      email: 'ana@example.com',
      name: 'Ana Diaz',
      metadata: { customerId: '42' },
    })

    const retrieved = await stripe.customers.retrieve(created.id)
    expect(retrieved).toMatchObject({ id: created.id, email: 'ana@example.com' })

    const missing = await failure(stripe.customers.retrieve('cus_nope'), Stripe.errors.StripeInvalidRequestError)
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('creates a Checkout Session from nested line items, summing the amount and recording the idempotency key and fields', async () => {
    const customer = await newCustomer()
    const key = `deposit:${randomUUID()}`
    const params = sessionParams(customer.id)
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: key })

    expect(session.id).toMatch(/^cs_test_\w+$/)
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 6000,
      currency: 'usd',
      customer: customer.id,
      client_reference_id: '7',
      metadata: { bookingId: '7', kind: 'deposit' },
      success_url: SUCCESS_URL,
      cancel_url: CANCEL_URL,
      expires_at: params.expires_at,
      payment_intent: null,
      url: `${fake.url}/c/pay/${session.id}`,
    })

    const recorded = fake.requests.findLast((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
    expect(recorded?.idempotencyKey).toBe(key)
    expect(recorded?.replayed).toBe(false)
    expect(recorded?.form).toMatchObject({
      mode: 'payment',
      expires_at: String(params.expires_at),
      metadata: { bookingId: '7', kind: 'deposit' },
      payment_intent_data: { setup_future_usage: 'off_session', metadata: { bookingId: '7' } },
      line_items: [
        { quantity: '2', price_data: { currency: 'usd', unit_amount: '2500', product_data: { name: 'MyHibachi deposit' } } },
        { quantity: '1', price_data: { currency: 'usd', unit_amount: '1000', product_data: { name: 'Travel fee' } } },
      ],
    })
  })

  it('replays a repeated key: the same session, no second one, the first answer byte for byte', async () => {
    const customer = await newCustomer()
    const key = `deposit:${randomUUID()}`
    const first = await stripe.checkout.sessions.create(sessionParams(customer.id, { expires_at: inMinutes(90) }), { idempotencyKey: key })
    const count = fake.sessions().length
    const again = await stripe.checkout.sessions.create(sessionParams(customer.id, { expires_at: first.expires_at }), { idempotencyKey: key })
    expect(again.id).toBe(first.id)
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect(fake.sessions()).toHaveLength(count)
    expect(fake.requests.at(-1)?.replayed).toBe(true)

    // Byte for byte, seen without the SDK in between.
    const raw = () =>
      fetch(`${fake.url}/v1/customers`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_STRIPE_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': `raw:${key}` },
        body: 'email=raw%40example.com&metadata[n]=1',
      })
    const a = await raw()
    const b = await raw()
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.headers.get('idempotent-replayed')).toBeNull()
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    expect(await b.text()).toBe(await a.text())

    // Two at once with one key: one session, both callers get it.
    const concurrentKey = `deposit:${randomUUID()}`
    const before = fake.sessions().length
    const [x, y] = await Promise.all([0, 1].map(() => stripe.checkout.sessions.create(sessionParams(customer.id, { expires_at: first.expires_at }), { idempotencyKey: concurrentKey })))
    expect(x?.id).toBeDefined()
    expect(y?.id).toBe(x?.id)
    expect(fake.sessions()).toHaveLength(before + 1)
  })

  it('refuses the same key with other parameters as an idempotency error', async () => {
    const customer = await newCustomer()
    const key = `deposit:${randomUUID()}`
    await stripe.checkout.sessions.create(sessionParams(customer.id), { idempotencyKey: key })
    const count = fake.sessions().length
    const err = await failure(stripe.checkout.sessions.create(sessionParams(customer.id, { client_reference_id: '8' }), { idempotencyKey: key }), Stripe.errors.StripeIdempotencyError)
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain(key)
    expect(fake.sessions()).toHaveLength(count)
  })

  it("holds expires_at to Stripe's window: 30 minutes to 24 hours, 24 hours when left out", async () => {
    const customer = await newCustomer()
    const soon = await failure(stripe.checkout.sessions.create(sessionParams(customer.id, { expires_at: inMinutes(10) })), Stripe.errors.StripeInvalidRequestError)
    expect(soon).toMatchObject({ statusCode: 400, param: 'expires_at' })
    const late = await failure(stripe.checkout.sessions.create(sessionParams(customer.id, { expires_at: inMinutes(25 * 60) })), Stripe.errors.StripeInvalidRequestError)
    expect(late).toMatchObject({ statusCode: 400, param: 'expires_at' })

    const { expires_at: _omitted, ...rest } = sessionParams(customer.id)
    const defaulted = await stripe.checkout.sessions.create(rest)
    expect(Math.abs(defaulted.expires_at - inMinutes(24 * 60))).toBeLessThanOrEqual(5)
  })

  it('shows a paid session as paid with its PaymentIntent expanded, and refuses to expire it', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(sessionParams(customer.id))
    expect(fake.paySession(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid' })

    const got = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] })
    expect(got).toMatchObject({ status: 'complete', payment_status: 'paid', url: null })
    expect(fake.requests.findLast((r) => r.method === 'GET')?.form).toEqual({ expand: ['payment_intent'] })
    const pi = got.payment_intent as Stripe.PaymentIntent
    expect(pi).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 6000, amount_received: 6000, currency: 'usd', customer: customer.id, setup_future_usage: 'off_session' })
    expect(pi.metadata.bookingId).toBe('7')
    expect(pi.payment_method).toMatch(/^pm_\w+$/)
    expect(pi.latest_charge).toMatch(/^ch_\w+$/)

    const err = await failure(stripe.checkout.sessions.expire(session.id), Stripe.errors.StripeInvalidRequestError)
    expect(err.message).toContain('complete')

    const open = await stripe.checkout.sessions.create(sessionParams(customer.id))
    expect(await stripe.checkout.sessions.expire(open.id)).toMatchObject({ status: 'expired', url: null })
    expect(() => fake.paySession(open.id)).toThrow(/expired/)
  })

  it('charges a saved card off-session, and fails the next attempts as Stripe does', async () => {
    const { customer, paymentMethod } = await savedCard()
    const charge = (amount: number) =>
      stripe.paymentIntents.create({ amount, currency: 'usd', customer, payment_method: paymentMethod, off_session: true, confirm: true, metadata: { bookingId: '7' } }, { idempotencyKey: `balance:${randomUUID()}` })

    const ok = await charge(4000)
    expect(ok).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 4000, amount_received: 4000, customer, payment_method: paymentMethod, metadata: { bookingId: '7' } })
    expect(ok.latest_charge).toMatch(/^ch_\w+$/)
    expect(fake.requests.findLast((r) => r.path === '/v1/payment_intents')?.form).toMatchObject({ amount: '4000', off_session: 'true', confirm: 'true' })

    fake.failNextPaymentIntent('authentication_required')
    const auth = await failure(charge(4000), Stripe.errors.StripeCardError)
    expect(auth).toMatchObject({ statusCode: 402, code: 'authentication_required' })
    const failed = auth.payment_intent
    expect(failed?.status).toBe('requires_payment_method')
    expect(failed?.last_payment_error?.code).toBe('authentication_required')
    expect((await stripe.paymentIntents.retrieve(failed?.id ?? 'missing')).status).toBe('requires_payment_method')

    fake.failNextPaymentIntent('card_declined')
    const declined = await failure(charge(4000), Stripe.errors.StripeCardError)
    expect(declined).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline' })

    expect((await charge(4000)).status).toBe('succeeded')
  })

  it('refuses a card paid once without being saved, and a saved card without its customer', async () => {
    const customer = await newCustomer()
    const session = await stripe.checkout.sessions.create(sessionParams(customer.id, { payment_intent_data: { metadata: { bookingId: '7' } } }))
    const paid = fake.paySession(session.id)
    const spent = await stripe.paymentIntents.retrieve(paid.payment_intent ?? 'missing')
    const reuse = await failure(
      stripe.paymentIntents.create({ amount: 4000, currency: 'usd', customer: customer.id, payment_method: String(spent.payment_method), off_session: true, confirm: true }),
      Stripe.errors.StripeInvalidRequestError,
    )
    expect(reuse.param).toBe('payment_method')
    expect(reuse.message).toContain('It may not be used again')

    const saved = await savedCard()
    const noCustomer = await failure(
      stripe.paymentIntents.create({ amount: 4000, currency: 'usd', payment_method: saved.paymentMethod, off_session: true, confirm: true }),
      Stripe.errors.StripeInvalidRequestError,
    )
    expect(noCustomer.message).toContain(saved.customer)
  })

  it('refunds part, then the rest, then refuses more', async () => {
    const { customer, paymentMethod } = await savedCard()
    const pi = await stripe.paymentIntents.create({ amount: 10_000, currency: 'usd', customer, payment_method: paymentMethod, off_session: true, confirm: true })

    const part = await stripe.refunds.create({ payment_intent: pi.id, amount: 4000, reason: 'requested_by_customer', metadata: { paymentId: '1' } }, { idempotencyKey: `refund:${randomUUID()}` })
    expect(part).toMatchObject({ object: 'refund', status: 'succeeded', amount: 4000, payment_intent: pi.id, charge: pi.latest_charge, reason: 'requested_by_customer', metadata: { paymentId: '1' } })
    expect(part.id).toMatch(/^re_\w+$/)

    const tooMuch = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 7000 }), Stripe.errors.StripeInvalidRequestError)
    expect(tooMuch).toMatchObject({ statusCode: 400, param: 'amount', code: 'amount_too_large' })

    const rest = await stripe.refunds.create({ payment_intent: pi.id })
    expect(rest.amount).toBe(6000)

    const more = await failure(stripe.refunds.create({ payment_intent: pi.id, amount: 1 }), Stripe.errors.StripeInvalidRequestError)
    expect(more.code).toBe('charge_already_refunded')
    expect((await stripe.refunds.retrieve(part.id)).amount).toBe(4000)
    expect(fake.refunds().filter((r) => r.payment_intent === pi.id).map((r) => r.amount)).toEqual([4000, 6000])
  })

  it("answers a bad key with 401 and an unknown route with 404, in Stripe's error shape", async () => {
    const err = await failure(clientFor(fake.port, 'pk_test_publishable0000').customers.create({ email: 'x@example.com' }), Stripe.errors.StripeAuthenticationError)
    expect(err.statusCode).toBe(401)
    expect(err.message).toContain('Invalid API Key')

    const noKey = await fetch(`${fake.url}/v1/customers`, { method: 'POST', body: 'email=x%40example.com', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(noKey.status).toBe(401)
    expect(await noKey.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('did not provide an API key') } })

    const unknown = await fetch(`${fake.url}/v1/charges`, { headers: { Authorization: `Bearer ${TEST_STRIPE_KEY}` } })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL (GET: /v1/charges)') } })
  })

  it('makes events that constructEvent accepts when signed with signStripeEvent', () => {
    const event = fake.event('payment_intent.succeeded', { id: 'pi_123', object: 'payment_intent' })
    expect(event).toMatchObject({ object: 'event', api_version: '2026-10-28.endive', livemode: false, pending_webhooks: 1, type: 'payment_intent.succeeded', data: { object: { id: 'pi_123' } } })
    const payload = JSON.stringify(event)
    const parsed = Stripe.webhooks.constructEvent(payload, signStripeEvent(payload, TEST_WEBHOOK_SECRET), TEST_WEBHOOK_SECRET)
    expect(parsed.id).toBe(event.id)
    expect(() => Stripe.webhooks.constructEvent(payload, signStripeEvent(payload, TEST_WEBHOOK_SECRET, inMinutes(-10)), TEST_WEBHOOK_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError)
  })
})

describe('fake Stripe hosted checkout page', () => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = []
  const receiver = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.end('{"received":true}')
    })
  })
  let fake: FakeStripe
  let stripe: Stripe

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const { port } = receiver.address() as AddressInfo
    fake = await startFakeStripe({ webhookUrl: `http://127.0.0.1:${String(port)}/api/stripe/webhook`, webhookSecret: TEST_WEBHOOK_SECRET })
    stripe = clientFor(fake.port)
  })

  afterAll(async () => {
    await fake.close()
    await new Promise<void>((resolve, reject) => receiver.close((err) => (err ? reject(err) : resolve())))
  })

  it('shows the amount, pays on POST, delivers a signed checkout.session.completed, and redirects 303 to success_url', async () => {
    const customer = await stripe.customers.create({ email: 'ana@example.com' })
    const session = await stripe.checkout.sessions.create(sessionParams(customer.id))

    const page = await fetch(session.url ?? 'missing')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Fake Stripe Checkout</title>')
    expect(html).toContain('$60.00')
    expect(html).toMatch(/<form method="post" action="\/c\/pay\/cs_test_\w+"><button type="submit">Pay<\/button><\/form>/)
    expect(html).toContain(`<a href="${CANCEL_URL}">Cancel</a>`)

    const paid = await fetch(session.url ?? 'missing', { method: 'POST', redirect: 'manual' })
    expect(paid.status).toBe(303)
    expect(paid.headers.get('location')).toBe(`https://app.test/booking/paid?session=${session.id}`)

    expect(received).toHaveLength(1)
    const delivery = received[0]
    const event = Stripe.webhooks.constructEvent(delivery?.body ?? '', String(delivery?.headers['stripe-signature']), TEST_WEBHOOK_SECRET)
    expect(event.type).toBe('checkout.session.completed')
    const object = event.data.object as Stripe.Checkout.Session
    expect(object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', metadata: { bookingId: '7', kind: 'deposit' } })
    expect(object.payment_intent).toMatch(/^pi_\w+$/)
    expect(fake.deliveries).toEqual([{ eventId: event.id, type: 'checkout.session.completed', status: 200 }])
    expect(() => Stripe.webhooks.constructEvent(delivery?.body ?? '', String(delivery?.headers['stripe-signature']), 'whsec_someone_else_secret')).toThrow(Stripe.errors.StripeSignatureVerificationError)

    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid')
    const twice = await fetch(session.url ?? 'missing', { method: 'POST', redirect: 'manual' })
    expect(twice.status).toBe(410)
    expect(await twice.text()).toContain('already paid')
    expect(received).toHaveLength(1)
  })

  it('shows an expired session as gone', async () => {
    const customer = await stripe.customers.create({ email: 'ana@example.com' })
    const session = await stripe.checkout.sessions.create(sessionParams(customer.id))
    fake.expireSession(session.id)
    const page = await fetch(session.url ?? 'missing')
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('expired')
  })
})

describe('fake Stripe as a process (tests/helpers/fake-stripe-server.ts)', () => {
  it('prints its port, answers the SDK there, and exits 0 on SIGTERM', async () => {
    const server = await startHelperServer('tests/helpers/fake-stripe-server.ts', { FAKE_STRIPE_PORT: '0' })
    try {
      const customer = await clientFor(server.port).customers.create({ email: 'ana@example.com' })
      expect(customer.id).toMatch(/^cus_\w+$/)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
})
