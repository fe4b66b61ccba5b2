/**
 * The deposit, end to end over REST with Stripe faked only at the network boundary: a web booking
 * is held; the manage link's deposit endpoint makes one Checkout Session (idempotency key
 * `deposit:<id>:<attempt>`, amount from the stored booking, the customer's Stripe customer,
 * off-session card saving, an expiry); paying it and a signed webhook confirm the booking, record
 * the payment and trade the return code for the return view.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { describe, expect, it } from 'vitest'

import { bookingBody, conflictReason, dateAhead, errorPaths, idOf, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import type { FakeStripeRequest } from '../helpers/fake-stripe'
import { stripeAppPerFile, type StripeApp } from '../helpers/stripe-app'

let app: StripeApp
// This file books 85–94 days ahead: days no other integration file uses (they share one database).

stripeAppPerFile((started) => {
  app = started
})

async function book(days = 85, email = `deposit-${runTag()}@example.com`): Promise<{ id: number; token: string; doc: DocResponse['doc'] }> {
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), email) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken), doc: res.body.doc }
}

const deposit = (token: string, body: unknown = {}) => app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body })

/** The form of a request as the fake read it: nested objects, every leaf a string. */
type Form = Record<string, unknown>
const formOf = (r: FakeStripeRequest): Form => r.form
const nestedForm = (form: Form, key: string): Form => {
  const value = form[key]
  return typeof value === 'object' && value !== null ? (value as Form) : {}
}

/** The Checkout Session creations the fake received for one booking (replays included). */
function sessionCreates(bookingId: number): FakeStripeRequest[] {
  return app.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && nestedForm(formOf(r), 'metadata').bookingId === String(bookingId))
}

describe('deposit', () => {
  it('a web booking is held, and paying its deposit confirms it through the webhook', async () => {
    const { id, token } = await book()
    const held = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(held.status).toBe('pending')
    expect(held.payment?.holdExpiresAt).toBeTruthy()
    expect(held.paymentState).toBe('deposit_unpaid')

    const res = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === res.body.url)
    expect(session).toBeDefined()
    if (!session) return
    const created = app.fake.requests.find((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST')
    expect(created?.idempotencyKey).toBe(`deposit:${id}:1`)
    expect(session.amount_total).toBe(held.pricing?.depositCents)
    expect(session.metadata.bookingId).toBe(String(id))
    expect(session.success_url).not.toContain(token)

    app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', session)
    const delivered = await app.webhook(JSON.stringify(event))
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200)
    const after = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(held.pricing?.depositCents)
    expect(after.paymentState).toBe('balance_due')
    const payments = await app.payload.find({ collection: 'payments', where: { booking: { equals: id } }, overrideAccess: true })
    expect(payments.docs.map((p) => [p.kind, p.method, p.status, p.amountCents])).toEqual([['deposit', 'card', 'succeeded', held.pricing?.depositCents]])
  })

  it('gives two deposit requests at once the same session, and makes only one', async () => {
    const { id, token } = await book(86)
    const [a, b] = await Promise.all([deposit(token), deposit(token)])
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    expect(b.status, JSON.stringify(b.body)).toBe(200)
    expect(a.body.url).toBe(b.body.url)
    expect(sessionCreates(id)).toHaveLength(1)
    expect(app.fake.sessions().filter((s) => s.metadata.bookingId === String(id))).toHaveLength(1)
  })

  it('hands out the open session again, and makes attempt 2 once it expired, within Stripe\'s limits', async () => {
    const { id, token } = await book(87)
    const first = await deposit(token)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const again = await deposit(token)
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body.url).toBe(first.body.url)
    expect(sessionCreates(id).map((r) => r.idempotencyKey)).toEqual([`deposit:${id}:1`])

    const session = app.fake.sessions().find((s) => s.url === first.body.url)
    if (!session) throw new Error('no fake session for the first deposit request')
    const heldBefore = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    app.fake.expireSession(session.id)
    const requestedAt = Math.floor(Date.now() / 1000)
    const second = await deposit(token)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body.url).not.toBe(first.body.url)
    expect(sessionCreates(id).map((r) => r.idempotencyKey)).toEqual([`deposit:${id}:1`, `deposit:${id}:2`])
    const renewed = app.fake.sessions().find((s) => s.url === second.body.url)
    if (!renewed) throw new Error('no fake session for the second deposit request')
    expect(renewed.status).toBe('open')
    // Stripe's window: at least 30 minutes, at most 24 hours after creation.
    expect(renewed.expires_at - renewed.created).toBeGreaterThanOrEqual(30 * 60)
    expect(renewed.expires_at - requestedAt).toBeLessThanOrEqual(24 * 3600)
    const after = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(after.payment?.depositAttempt).toBe(2)
    expect(after.payment?.depositSessionId).toBe(renewed.id)
    // The hold runs to the later of its own end and the new session's end, and no further.
    const holdBefore = new Date(String(heldBefore.payment?.holdExpiresAt)).getTime()
    const holdAfter = new Date(String(after.payment?.holdExpiresAt)).getTime()
    expect(holdAfter).toBe(Math.max(holdBefore, renewed.expires_at * 1000))
  })

  it('sends Stripe the customer, off-session saving, an expiry and the booking id, and reuses the Stripe customer', async () => {
    const email = `deposit-same-${runTag()}@example.com`
    const one = await book(88, email)
    const two = await book(89, email)
    expect(one.doc.customer).toBeTruthy()
    const customerId = idOf(one.doc.customer as number | { id: number })
    expect(idOf(two.doc.customer as number | { id: number })).toBe(customerId)

    const first = await deposit(one.token)
    const second = await deposit(two.token)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    const [created] = sessionCreates(one.id)
    if (!created) throw new Error('no Checkout Session request for the first booking')
    const form = formOf(created)
    expect(form.customer).toMatch(/^cus_/)
    expect(nestedForm(form, 'payment_intent_data').setup_future_usage).toBe('off_session')
    expect(form.expires_at).toMatch(/^\d+$/)
    expect(nestedForm(form, 'metadata').bookingId).toBe(String(one.id))
    expect(nestedForm(form, 'metadata').kind).toBe('deposit')
    const [createdTwo] = sessionCreates(two.id)
    expect(createdTwo && formOf(createdTwo).customer).toBe(form.customer)

    const customerCreates = app.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers' && formOf(r).email === email)
    expect(customerCreates.map((r) => r.idempotencyKey)).toEqual([`customer:${customerId}`])
    const stored = await app.payload.findByID({ collection: 'customers', id: customerId, overrideAccess: true, depth: 0 })
    expect(stored.stripeCustomerId).toBe(form.customer)
  })

  it('takes no amount from the browser: a body naming amountCents is a 400 and makes no session', async () => {
    const { id, token } = await book(90)
    const res = await deposit(token, { amountCents: 1 })
    expect(res.status).toBe(400)
    expect(errorPaths(res), JSON.stringify(res.body)).toEqual(['amountCents'])
    expect(sessionCreates(id)).toHaveLength(0)
    const held = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(held.payment?.depositSessionId ?? null).toBeNull()
  })

  it('refuses a deposit on a confirmed or expired booking with 409, and an unknown token with 404', async () => {
    const confirmed = await book(91)
    const opened = await deposit(confirmed.token)
    expect(opened.status, JSON.stringify(opened.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === opened.body.url)
    if (!session) throw new Error('no fake session')
    const paid = app.fake.paySession(session.id)
    expect((await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))).status).toBe(200)
    const onConfirmed = await deposit(confirmed.token)
    expect(onConfirmed.status).toBe(409)
    expect(conflictReason(onConfirmed)).toBe('payment_not_due')

    const expired = await book(92)
    await (app.payload.db as unknown as PostgresAdapter).drizzle.execute(sql`UPDATE bookings SET status = 'expired' WHERE id = ${expired.id}`)
    const onExpired = await deposit(expired.token)
    expect(onExpired.status).toBe(409)
    expect(conflictReason(onExpired)).toBe('payment_not_due')
    expect(sessionCreates(expired.id)).toHaveLength(0)

    const unknown = await deposit('x'.repeat(43))
    expect(unknown.status).toBe(404)
  })

  it('gives Stripe return URLs without the manage token', async () => {
    const { id, token } = await book(93)
    const res = await deposit(token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [created] = sessionCreates(id)
    if (!created) throw new Error('no Checkout Session request')
    const form = formOf(created)
    for (const url of [form.success_url, form.cancel_url]) {
      expect(typeof url).toBe('string')
      expect(String(url)).not.toContain(token)
      expect(String(url)).not.toContain(encodeURIComponent(token))
      expect(new URL(String(url)).searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    }
  })

  it('confirms a booking paid before its webhook came when the deposit is asked for again', async () => {
    const { id, token } = await book(94)
    const opened = await deposit(token)
    expect(opened.status, JSON.stringify(opened.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === opened.body.url)
    if (!session) throw new Error('no fake session')
    const paid = app.fake.paySession(session.id)

    const again = await deposit(token)
    expect(again.status).toBe(409)
    expect(conflictReason(again)).toBe('payment_not_due')
    const after = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(after.pricing?.depositCents)
    const payments = await app.payload.find({ collection: 'payments', where: { booking: { equals: id } }, overrideAccess: true })
    expect(payments.docs.map((p) => [p.kind, p.status, p.stripePaymentIntentId])).toEqual([['deposit', 'succeeded', paid.payment_intent]])

    // The webhook that arrives afterwards changes nothing more.
    const late = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))
    expect(late.status).toBe(200)
    expect(late.body.outcome).toBe('ignore')
    expect((await app.payload.count({ collection: 'payments', where: { booking: { equals: id } }, overrideAccess: true })).totalDocs).toBe(1)
  })
})
