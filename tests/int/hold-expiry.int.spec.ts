/**
 * The deposit hold runs out (src/jobs/payments.ts expireUnpaidHolds through src/jobs/runner.ts
 * runDueTasks), against real Postgres and a fake Stripe: an unpaid web booking whose hold ended
 * becomes `expired` and frees its slot and its email-per-date; its open Checkout Session is
 * expired at Stripe first, and one paid in the meantime confirms the booking instead. Phone
 * bookings hold nothing and never run out. Only one runner works at a time (advisory lock).
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { JOBS_LOCK_KEY, runDueTasks } from '../../src/jobs/runner'
import { applySettings, bookingBody, createStaff, dateAhead, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import type { FakeCheckoutSession } from '../helpers/fake-stripe'
import { withRawClient } from '../helpers/sql'
import { startStripeApp, type StripeApp } from '../helpers/stripe-app'

let app: StripeApp
let manager: Record<string, string>
// Each booking a day of its own, 137 days ahead and on: days no other integration file uses.
let day = 136

beforeAll(async () => {
  app = await startStripeApp()
  await applySettings(app.payload, { chefCount: 1 })
  const email = `hold-mgr-${runTag()}@example.com`
  await createStaff(app.payload, email, 'manager')
  manager = await staffAuth(app.rest, email)
  // A settings change purges the availability cache again 750 ms later: let that pass first.
  await new Promise((resolve) => setTimeout(resolve, 1000))
})

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await app.stop()
})

const db = () => (app.payload.db as unknown as PostgresAdapter).drizzle
const nextDate = (): string => dateAhead((day += 1))

async function book(date: string, email = `hold-${runTag()}@example.com`): Promise<{ id: number; token: string }> {
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(date, email) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken) }
}

async function openDeposit(token: string): Promise<FakeCheckoutSession> {
  const res = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const session = app.fake.sessions().find((s) => s.url === res.body.url)
  if (!session) throw new Error('no fake session for the deposit request')
  return session
}

async function endHold(id: number): Promise<void> {
  await db().execute(sql`UPDATE bookings SET payment_hold_expires_at = now() - interval '1 minute' WHERE id = ${id}`)
}

async function booking(id: number) {
  return app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
}

/** Seats left at 12:00 on `date`, as the public availability endpoint says. */
async function remainingAtNoon(date: string): Promise<number | undefined> {
  const res = await app.rest<{ days: { slots: { time: string; remaining: number }[] }[] }>('GET', `/availability?from=${date}&to=${date}`)
  expect(res.status).toBe(200)
  return res.body.days[0]?.slots.find((s) => s.time === '12:00')?.remaining
}

describe('hold expiry', () => {
  it('expires an unpaid web booking whose hold ended, freeing its slot and its date for the same email', async () => {
    const date = nextDate()
    const email = `hold-free-${runTag()}@example.com`
    expect(await remainingAtNoon(date)).toBe(1)
    const { id } = await book(date, email)
    const held = await booking(id)
    expect(held.status).toBe('pending')
    expect(held.payment?.holdExpiresAt).toBeTruthy()
    expect(await remainingAtNoon(date)).toBe(0)
    const refused = await app.rest('POST', '/bookings', { body: bookingBody(date, email) })
    expect(refused.status).toBe(409)

    await endHold(id)
    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    expect(tick.expired).toBeGreaterThanOrEqual(1)
    const after = await booking(id)
    expect(after.status).toBe('expired')
    expect(after.paymentState).toBe('none')
    expect(after.payment?.holdExpiresAt ?? null).toBeNull()
    expect(await remainingAtNoon(date)).toBe(1)

    const again = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(date, email) })
    expect(again.status, JSON.stringify(again.body)).toBe(201)
    expect(again.body.doc.id).not.toBe(id)
  })

  it('expires the open deposit session at Stripe before expiring the booking', async () => {
    const { id, token } = await book(nextDate())
    const session = await openDeposit(token)
    expect(session.status).toBe('open')
    await endHold(id)
    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    expect(app.fake.sessions().find((s) => s.id === session.id)?.status).toBe('expired')
    expect(app.fake.requests.some((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${session.id}/expire`)).toBe(true)
    expect((await booking(id)).status).toBe('expired')
  })

  it('confirms instead of expiring a booking whose session was paid before the sweep', async () => {
    const date = nextDate()
    const { id, token } = await book(date)
    const session = await openDeposit(token)
    const paid = app.fake.paySession(session.id)
    await endHold(id)
    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    const after = await booking(id)
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(after.pricing?.depositCents)
    expect(after.paymentState).toBe('balance_due')
    const payments = await app.payload.find({ collection: 'payments', where: { booking: { equals: id } }, overrideAccess: true, depth: 0 })
    expect(payments.docs.map((p) => [p.kind, p.status, p.stripePaymentIntentId])).toEqual([['deposit', 'succeeded', paid.payment_intent]])
    expect(await remainingAtNoon(date)).toBe(0)
  })

  it('never expires a phone booking made by staff: it holds nothing', async () => {
    const phoneDate = nextDate()
    const res = await app.rest<DocResponse>('POST', '/bookings', { body: { ...bookingBody(phoneDate, `hold-phone-${runTag()}@example.com`), source: 'phone' }, headers: manager })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const phone = res.body.doc.id
    const made = await booking(phone)
    expect(made.source).toBe('phone')
    expect(made.status).toBe('pending')
    expect(made.payment?.holdExpiresAt ?? null).toBeNull()

    // A web booking that runs out in the same sweep shows the sweep did run.
    const web = await book(nextDate())
    await endHold(web.id)
    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    expect((await booking(web.id)).status).toBe('expired')
    const after = await booking(phone)
    expect(after.status).toBe('pending')
    expect(after.payment?.holdExpiresAt ?? null).toBeNull()
    expect(await remainingAtNoon(phoneDate)).toBe(0)
  })

  it('keeps holding nothing for a phone booking whose customer opened a deposit session and left', async () => {
    const res = await app.rest<DocResponse>('POST', '/bookings', { body: { ...bookingBody(nextDate(), `hold-phone-pay-${runTag()}@example.com`), source: 'phone' }, headers: manager })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = res.body.doc.id
    const session = await openDeposit(String(res.body.doc.manageToken))
    const opened = await booking(id)
    expect(opened.payment?.depositSessionId).toBe(session.id)
    expect(opened.payment?.holdExpiresAt ?? null).toBeNull()

    // A sweep after the session would have ended (Stripe's longest is 24 hours).
    const tick = await runDueTasks(app.payload, new Date(Date.now() + 25 * 3_600_000))
    expect(tick.ran).toBe(true)
    const after = await booking(id)
    expect(after.status).toBe('pending')
    expect(after.paymentState).toBe('deposit_unpaid')
  })

  it('does nothing while another connection holds the runner lock', async () => {
    const { id } = await book(nextDate())
    await endHold(id)
    await withRawClient(async (client) => {
      await client.query('SELECT pg_advisory_lock($1)', [JOBS_LOCK_KEY])
      try {
        const skipped = await runDueTasks(app.payload)
        expect(skipped).toEqual({ ran: false, expired: 0, charged: 0, failed: 0 })
        expect((await booking(id)).status).toBe('pending')
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [JOBS_LOCK_KEY])
      }
    })
    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    expect((await booking(id)).status).toBe('expired')
  })
})
