/**
 * The Stripe webhook over Payload's real REST handler, with Stripe faked only at the network
 * boundary: every delivery is checked against its Stripe-Signature (a tampered body, an old
 * timestamp or no signature is a 400 that changes nothing); one event delivered twenty times at
 * once changes the booking once, records one payment and is stored once; an event that arrives out
 * of order is decided on the session as Stripe has it now; unknown types are acknowledged and
 * stored; an oversized body is a 413.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { handleEndpoints } from 'payload'
import { describe, expect, it } from 'vitest'

import type { FakeCheckoutSession } from '../helpers/fake-stripe'
import { bookingBody, dateAhead, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { stripeAppPerFile, type StripeApp } from '../helpers/stripe-app'
import { signStripeEvent, TEST_WEBHOOK_SECRET } from '../helpers/stripe-webhook'

let app: StripeApp
// Each booking a day of its own, 120 days ahead and on: days no other integration file uses.
let day = 119

stripeAppPerFile((started) => {
  app = started
})

const db = () => (app.payload.db as unknown as PostgresAdapter).drizzle

/** A held web booking with an open deposit session. */
async function bookWithSession(): Promise<{ id: number; token: string; session: FakeCheckoutSession }> {
  day += 1
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), `webhook-${runTag()}@example.com`) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const id = res.body.doc.id
  const token = String(res.body.doc.manageToken)
  const deposit = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
  expect(deposit.status, JSON.stringify(deposit.body)).toBe(200)
  const session = app.fake.sessions().find((s) => s.url === deposit.body.url)
  if (!session) throw new Error(`no fake session for booking ${id}`)
  return { id, token, session }
}

async function booking(id: number) {
  return app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
}

async function versionCount(id: number): Promise<number> {
  return (await app.payload.countVersions({ collection: 'bookings', where: { parent: { equals: id } }, overrideAccess: true })).totalDocs
}

async function paymentCount(id: number): Promise<number> {
  return (await app.payload.count({ collection: 'payments', where: { booking: { equals: id } }, overrideAccess: true })).totalDocs
}

async function storedEvents(eventId: string): Promise<{ type: string; outcome: string | null }[]> {
  const result = await db().execute<{ type: string; outcome: string | null }>(sql`SELECT type, outcome FROM stripe_events WHERE event_id = ${eventId}`)
  return result.rows
}

async function storedEventsFor(objectId: string): Promise<number> {
  const result = await db().execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM stripe_events WHERE object_id = ${objectId}`)
  return Number(result.rows[0]?.n)
}

/** The booking, its payments and the events stored for its session are as they were before a refused delivery. */
async function expectUntouched(id: number, session: FakeCheckoutSession, versionsBefore: number): Promise<void> {
  const after = await booking(id)
  expect(after.status).toBe('pending')
  expect(after.payment?.depositPaidCents ?? 0).toBe(0)
  expect(await paymentCount(id)).toBe(0)
  expect(await versionCount(id)).toBe(versionsBefore)
  expect(await storedEventsFor(session.id)).toBe(0)
}

describe('stripe webhook', () => {
  it('applies one event delivered twenty times at once exactly once', async () => {
    // A control booking paid with one delivery: the versions one confirmation makes.
    const control = await bookWithSession()
    const controlBefore = await versionCount(control.id)
    const controlPaid = app.fake.paySession(control.session.id)
    const single = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', controlPaid)))
    expect(single.status, JSON.stringify(single.body)).toBe(200)
    const oneConfirmation = (await versionCount(control.id)) - controlBefore
    expect(oneConfirmation).toBeGreaterThan(0)

    const { id, session } = await bookWithSession()
    const before = await versionCount(id)
    const paid = app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', paid)
    const body = JSON.stringify(event)
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.webhook(body)))

    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200))
    const outcomes = answers.map((a) => a.body.outcome)
    expect(outcomes.filter((o) => o === 'confirm_deposit')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19)
    const after = await booking(id)
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(after.pricing?.depositCents)
    expect(await versionCount(id)).toBe(before + oneConfirmation)
    const confirmedVersions = await app.payload.countVersions({
      collection: 'bookings',
      where: { and: [{ parent: { equals: id } }, { 'version.status': { equals: 'confirmed' } }] },
      overrideAccess: true,
    })
    const controlConfirmed = await app.payload.countVersions({
      collection: 'bookings',
      where: { and: [{ parent: { equals: control.id } }, { 'version.status': { equals: 'confirmed' } }] },
      overrideAccess: true,
    })
    expect(confirmedVersions.totalDocs).toBe(controlConfirmed.totalDocs)
    expect(await paymentCount(id)).toBe(1)
    expect(await storedEvents(event.id)).toEqual([{ type: 'checkout.session.completed', outcome: 'confirm_deposit' }])
  })

  it('refuses a tampered body with 400 and changes nothing', async () => {
    const { id, session } = await bookWithSession()
    const before = await versionCount(id)
    const paid = app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', paid)
    const original = JSON.stringify(event)
    const tampered = JSON.stringify({ ...event, data: { object: { ...paid, amount_total: 1 } } })
    const res = await app.webhook(tampered, { signature: signStripeEvent(original, TEST_WEBHOOK_SECRET) })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ errors: [{ name: 'WebhookSignatureError' }] })
    await expectUntouched(id, session, before)
    expect(await storedEvents(event.id)).toEqual([])
  })

  it('refuses a signature made ten minutes ago with 400 and changes nothing', async () => {
    const { id, session } = await bookWithSession()
    const before = await versionCount(id)
    const paid = app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', paid)
    const res = await app.webhook(JSON.stringify(event), { timestamp: Math.floor(Date.now() / 1000) - 600 })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ errors: [{ name: 'WebhookSignatureError' }] })
    await expectUntouched(id, session, before)
    expect(await storedEvents(event.id)).toEqual([])
  })

  it('refuses a delivery without a signature with 400', async () => {
    const { id, session } = await bookWithSession()
    const before = await versionCount(id)
    const paid = app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', paid)
    const request = new Request('http://localhost:3000/api/stripe/webhook', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) })
    const res = await handleEndpoints({ config: await app.config, path: '/api/stripe/webhook', request })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ errors: [{ name: 'WebhookSignatureError' }] })
    const empty = await app.webhook(JSON.stringify(event), { signature: '' })
    expect(empty.status).toBe(400)
    await expectUntouched(id, session, before)
    expect(await storedEvents(event.id)).toEqual([])
  })

  it('confirms a paid booking even when a stale "expired" event for its session arrives', async () => {
    const { id, session } = await bookWithSession()
    const stale = structuredClone(session)
    stale.status = 'expired'
    stale.url = null
    app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.expired', stale)
    const res = await app.webhook(JSON.stringify(event))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const after = await booking(id)
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(after.pricing?.depositCents)
    expect(await paymentCount(id)).toBe(1)
    expect(await storedEvents(event.id)).toEqual([{ type: 'checkout.session.expired', outcome: 'confirm_deposit' }])
  })

  it('releases the date on an expired session only once the booking\'s hold is over', async () => {
    const { id, session } = await bookWithSession()
    const expired = app.fake.expireSession(session.id)
    const early = await app.webhook(JSON.stringify(app.fake.event('checkout.session.expired', expired)))
    expect(early.status, JSON.stringify(early.body)).toBe(200)
    const held = await booking(id)
    expect(held.status).toBe('pending')
    expect(held.payment?.holdExpiresAt).toBeTruthy()

    await db().execute(sql`UPDATE bookings SET payment_hold_expires_at = now() - interval '1 minute' WHERE id = ${id}`)
    const late = await app.webhook(JSON.stringify(app.fake.event('checkout.session.expired', expired)))
    expect(late.status, JSON.stringify(late.body)).toBe(200)
    expect(late.body.outcome).toBe('expire_hold')
    const after = await booking(id)
    expect(after.status).toBe('expired')
    expect(await paymentCount(id)).toBe(0)
  })

  it('acknowledges an event type it does not handle and stores it once', async () => {
    const customer = app.fake.customers()[0] ?? { id: `cus_${runTag()}`, object: 'customer' }
    const event = app.fake.event('customer.created', customer)
    const body = JSON.stringify(event)
    const first = await app.webhook(body)
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ received: true, outcome: 'acknowledged' })
    const again = await app.webhook(body)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ received: true, outcome: 'duplicate' })
    expect(await storedEvents(event.id)).toEqual([{ type: 'customer.created', outcome: 'acknowledged' }])
  })

  it('refuses a body over 256 kB with 413 and stores nothing', async () => {
    const { id, session } = await bookWithSession()
    const before = await versionCount(id)
    const paid = app.fake.paySession(session.id)
    const event = app.fake.event('checkout.session.completed', { ...paid, metadata: { ...paid.metadata, padding: 'x'.repeat(300 * 1024) } })
    const res = await app.webhook(JSON.stringify(event))
    expect(res.status).toBe(413)
    await expectUntouched(id, session, before)
    expect(await storedEvents(event.id)).toEqual([])
  })

  it('refuses a correctly signed body that is not a Stripe event with 400 (a retry could not help) and stores nothing', async () => {
    const count = async () => Number((await db().execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM stripe_events`)).rows[0]?.n)
    const before = await count()
    for (const body of ['not json', '{"id":"evt_no_data","type":"checkout.session.completed"}', '{"id":"evt_null","type":"x","data":null}', '{"type":"x","data":{"object":{}}}']) {
      const res = await app.webhook(body)
      expect(res.status, body).toBe(400)
      expect((res.body as { errors?: { name?: string }[] }).errors?.[0]?.name, body).toBe('WebhookPayloadError')
    }
    expect(await count()).toBe(before)
  })
})
