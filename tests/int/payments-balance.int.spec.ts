/**
 * The balance, end to end with Stripe faked at the network boundary and a real SMTP sink: when it
 * falls due, the background job (runDueTasks) charges the card saved with the deposit off-session,
 * once (Idempotency-Key `balance:<id>`); a card that needs the customer (authentication required,
 * declined) is recorded as a failed payment, never retried automatically, and the customer is
 * emailed a link to pay the balance on Stripe Checkout (queued as the booking's "balance due"
 * email, sent here through the real jobs queue). Staff send such a link from the admin; a new link
 * retires the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runDueTasks } from '../../src/jobs/runner'
import { sendBookingEmails } from '../helpers/booking-mail'
import { applySettings, conflictReason } from '../helpers/bookings-fixtures'
import { bookAndPayDeposit, paymentRows, rawSql, signInActors, sql, type Actors, type PaidBooking } from '../helpers/paid-booking'
import { startStripeApp, type StripeApp } from '../helpers/stripe-app'

const HOUR_MS = 3_600_000

let app: StripeApp
// This file books 110–118 days ahead: days no other integration file uses (they share one database).
let actors: Actors

beforeAll(async () => {
  app = await startStripeApp({ mail: true })
  await applySettings(app.payload, { chefCount: 50 })
  actors = await signInActors(app)
})

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await app.stop()
})

const stored = (b: PaidBooking) => app.payload.findByID({ collection: 'bookings', id: b.id, overrideAccess: true, depth: 0 })
const balanceOf = (b: PaidBooking) => b.totalCents - b.depositCents
/** The off-session charges asked of Stripe for this booking (by their idempotency key). */
const balanceCharges = (b: PaidBooking) => app.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.idempotencyKey === `balance:${b.id}`)
const chargesOf = (b: PaidBooking) => app.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && JSON.stringify(r.form.metadata ?? {}).includes(`"bookingId":"${b.id}"`))

/**
 * Makes the balance due now: the event starts in a day and its stored due time has passed. Both
 * move, as time passing would: the job selects bookings by the stored `payment_balance_due_at`,
 * then decides on the settings' due time counted back from the start (2 days before).
 */
async function balanceDueNow(b: PaidBooking): Promise<void> {
  const startsAt = new Date(Date.now() + 24 * HOUR_MS).toISOString()
  const dueAt = new Date(Date.now() - HOUR_MS).toISOString()
  await rawSql(app, sql`UPDATE bookings SET starts_at = ${startsAt}, refund_basis_starts_at = ${startsAt}, payment_balance_due_at = ${dueAt} WHERE id = ${b.id}`)
}

/**
 * The balance-payment link in the next email to the customer, and that email. The email is queued
 * with the link (a `balance_due` message) and sent by the jobs runner: this sends the booking's
 * queued balance emails now (the booking's other emails stay queued, so the sink gets only these).
 */
async function linkEmailed(b: PaidBooking): Promise<{ token: string; subject: string; text: string }> {
  await sendBookingEmails(app.payload, b.id, 'balance_due')
  const message = await app.sink?.nextMessageTo(b.email)
  if (!message) throw new Error('startStripeApp was started without a mail sink')
  const token = /\/pay\/([A-Za-z0-9_-]+)/.exec(message.text)?.[1]
  if (!token) throw new Error(`no /pay/<token> link in: ${message.text}`)
  return { token, subject: message.subject, text: message.text }
}

/** Pays a balance Checkout Session at the fake and delivers its webhook. */
async function payBalanceSession(url: string): Promise<void> {
  const session = app.fake.sessions().find((s) => s.url === url)
  if (!session) throw new Error('the URL is no session of the fake')
  const paid = app.fake.paySession(session.id)
  const delivered = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))
  expect(delivered.status, JSON.stringify(delivered.body)).toBe(200)
}

describe('the automatic balance charge', () => {
  it('charges the saved card off-session, once, for total − deposit, and records it', async () => {
    const b = await bookAndPayDeposit(app, 110)
    const before = await stored(b)
    const savedCard = before.payment?.stripePaymentMethodId
    expect(savedCard).toMatch(/^pm_/)
    const customer = await app.payload.findByID({ collection: 'customers', id: Number(before.customer), overrideAccess: true, depth: 0 })
    expect(customer.stripeCustomerId).toMatch(/^cus_/)
    await balanceDueNow(b)

    const tick = await runDueTasks(app.payload)
    expect(tick.ran).toBe(true)
    expect(tick.charged).toBeGreaterThanOrEqual(1)
    const requests = balanceCharges(b)
    expect(requests).toHaveLength(1)
    expect(requests[0]?.form).toMatchObject({
      amount: String(balanceOf(b)),
      off_session: 'true',
      confirm: 'true',
      payment_method: savedCard,
      customer: customer.stripeCustomerId,
    })
    const intent = app.fake.paymentIntents().find((pi) => pi.metadata.bookingId === String(b.id) && pi.metadata.kind === 'balance')
    expect(intent?.status).toBe('succeeded')
    expect(intent?.amount).toBe(balanceOf(b))

    const after = await stored(b)
    expect(after.paymentState).toBe('paid')
    expect(after.payment?.balancePaidCents).toBe(balanceOf(b))
    expect(after.payment?.depositPaidCents).toBe(b.depositCents)
    expect(after.payment?.balanceAttemptAt).toBeTruthy()
    expect(after.payment?.lastPaymentError ?? null).toBeNull()
    const balanceRows = (await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')
    expect(balanceRows.map((p) => [p.method, p.status, p.amountCents, p.stripePaymentIntentId])).toEqual([['card', 'succeeded', balanceOf(b), intent?.id]])

    await runDueTasks(app.payload)
    expect(chargesOf(b)).toHaveLength(1)
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')).toHaveLength(1)
    expect((await stored(b)).payment?.balancePaidCents).toBe(balanceOf(b))
  })

  it('when the card needs authentication: a failed row, the error on the booking, an emailed link that pays the balance, and no second charge', async () => {
    const b = await bookAndPayDeposit(app, 111)
    await balanceDueNow(b)
    app.fake.failNextPaymentIntent('authentication_required')
    const tick = await runDueTasks(app.payload)
    expect(tick.failed).toBeGreaterThanOrEqual(1)

    expect(app.fake.paymentIntents().filter((pi) => pi.metadata.bookingId === String(b.id) && pi.status === 'succeeded' && pi.metadata.kind === 'balance')).toEqual([])
    const failed = (await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')
    expect(failed.map((p) => [p.method, p.status, p.amountCents])).toEqual([['card', 'failed', balanceOf(b)]])
    expect(failed[0]?.note).toContain('authentication_required')
    const after = await stored(b)
    expect(after.status).toBe('confirmed')
    expect(after.paymentState).toBe('balance_due')
    expect(after.payment?.balancePaidCents).toBe(0)
    expect(after.payment?.lastPaymentError).toContain('authentication_required')
    expect(after.payment?.balanceAttemptAt).toBeTruthy()

    const mail = await linkEmailed(b)
    expect(mail.subject).toMatch(/balance/i)
    // The link opens a Checkout Session for the balance; opening it twice gives the same session.
    const open = await app.rest<{ url: string }>('POST', `/bookings/pay/${mail.token}`, { body: {} })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === open.body.url)
    expect(session?.metadata).toMatchObject({ bookingId: String(b.id), kind: 'balance' })
    expect(session?.amount_total).toBe(balanceOf(b))
    const reopened = await app.rest<{ url: string }>('POST', `/bookings/pay/${mail.token}`, { body: {} })
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200)
    expect(reopened.body.url).toBe(open.body.url)

    await payBalanceSession(open.body.url)
    const paid = await stored(b)
    expect(paid.paymentState).toBe('paid')
    expect(paid.payment?.balancePaidCents).toBe(balanceOf(b))
    expect(paid.payment?.lastPaymentError ?? null).toBeNull()
    // Nothing is left to pay through the link.
    const again = await app.rest('POST', `/bookings/pay/${mail.token}`, { body: {} })
    expect(again.status, JSON.stringify(again.body)).toBe(409)
    expect(conflictReason(again)).toBe('payment_not_due')

    await runDueTasks(app.payload)
    expect(balanceCharges(b)).toHaveLength(1)
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance').map((p) => p.status)).toEqual(['failed', 'succeeded'])
  })

  it('a charge that is still processing is tried once, recorded nowhere as paid, and shown to staff', async () => {
    const b = await bookAndPayDeposit(app, 118)
    await balanceDueNow(b)
    app.fake.processNextPaymentIntent()
    await runDueTasks(app.payload)
    const intents = app.fake.paymentIntents().filter((pi) => pi.metadata.bookingId === String(b.id) && pi.metadata.kind === 'balance')
    expect(intents.map((pi) => pi.status)).toEqual(['processing'])
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')).toEqual([])
    const after = await stored(b)
    expect(after.paymentState).toBe('balance_due')
    expect(after.payment?.balanceAttemptAt).toBeTruthy()
    expect(after.payment?.lastPaymentError).toContain('processing')
    // Not tried again on the next run.
    await runDueTasks(app.payload)
    expect(app.fake.paymentIntents().filter((pi) => pi.metadata.bookingId === String(b.id) && pi.metadata.kind === 'balance')).toHaveLength(1)
  })

  it('a balance Checkout page the customer left open cannot be paid after the card was charged', async () => {
    const b = await bookAndPayDeposit(app, 116)
    const open = await app.rest<{ url: string }>('POST', `/bookings/manage/${b.token}/balance`, { body: {} })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === open.body.url)
    expect(session?.status).toBe('open')
    await balanceDueNow(b)

    await runDueTasks(app.payload)
    expect(balanceCharges(b)).toHaveLength(1)
    expect((await stored(b)).paymentState).toBe('paid')
    const after = app.fake.sessions().find((s) => s.id === session?.id)
    expect(after?.status, 'the open balance session was expired before the off-session charge').toBe('expired')
    expect(() => app.fake.paySession(String(session?.id))).toThrow(/not open/)
    expect((await stored(b)).payment?.balancePaidCents).toBe(balanceOf(b))
  })

  it('a balance paid on the open Checkout page in the meantime is recorded, and the card is not charged', async () => {
    const b = await bookAndPayDeposit(app, 117)
    const open = await app.rest<{ url: string }>('POST', `/bookings/manage/${b.token}/balance`, { body: {} })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === open.body.url)
    // Paid at Stripe, but its webhook has not arrived yet.
    app.fake.paySession(String(session?.id))
    await balanceDueNow(b)

    await runDueTasks(app.payload)
    expect(balanceCharges(b)).toEqual([])
    const after = await stored(b)
    expect(after.paymentState).toBe('paid')
    expect(after.payment?.balancePaidCents).toBe(balanceOf(b))
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance').map((p) => [p.status, p.stripeCheckoutSessionId])).toEqual([['succeeded', session?.id]])
  })

  it('a declined card is recorded the same way and not charged again on the next run', async () => {
    const b = await bookAndPayDeposit(app, 112)
    await balanceDueNow(b)
    app.fake.failNextPaymentIntent('card_declined')
    await runDueTasks(app.payload)
    const rows = (await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')
    expect(rows.map((p) => p.status)).toEqual(['failed'])
    expect(rows[0]?.note).toContain('card_declined')
    const after = await stored(b)
    expect(after.payment?.lastPaymentError).toContain('card_declined')
    expect(after.payment?.balanceAttemptAt).toBeTruthy()
    expect(after.paymentState).toBe('balance_due')
    const mail = await linkEmailed(b)
    expect(mail.text).toContain('/pay/')

    await runDueTasks(app.payload)
    expect(balanceCharges(b)).toHaveLength(1)
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')).toHaveLength(1)
  })
})

describe('POST /api/bookings/:id/balance-link (staff)', () => {
  it('a manager emails a link; a newer link retires the previous one', async () => {
    const b = await bookAndPayDeposit(app, 113)
    const sent = await app.rest<{ sent: boolean; amountCents: number }>('POST', `/bookings/${b.id}/balance-link`, { body: {}, headers: actors.headers.manager })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body).toEqual({ sent: true, amountCents: balanceOf(b) })
    const first = await linkEmailed(b)
    expect(first.subject).toMatch(/balance/i)

    const resent = await app.rest('POST', `/bookings/${b.id}/balance-link`, { body: {}, headers: actors.headers.admin })
    expect(resent.status, JSON.stringify(resent.body)).toBe(200)
    const second = await linkEmailed(b)
    expect(second.token).not.toBe(first.token)

    const old = await app.rest('POST', `/bookings/pay/${first.token}`, { body: {} })
    expect(old.status).toBe(404)
    const current = await app.rest<{ url: string }>('POST', `/bookings/pay/${second.token}`, { body: {} })
    expect(current.status, JSON.stringify(current.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === current.body.url)
    expect(session?.amount_total).toBe(balanceOf(b))
    expect(session?.metadata.kind).toBe('balance')
  })

  it.each([
    ['chef', 403],
    ['editor', 403],
    ['customer', 403],
    ['anonymous', 401],
  ] as const)('a %s is refused (%i) and no link is minted', async (who, status) => {
    const b = await bookAndPayDeposit(app, 114)
    const before = app.sink?.received.length
    const res = await app.rest('POST', `/bookings/${b.id}/balance-link`, { body: {}, headers: actors.headers[who] })
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    const [row] = await rawSql<{ hash: string | null }>(app, sql`SELECT payment_balance_link_token_hash AS hash FROM bookings WHERE id = ${b.id}`)
    expect(row?.hash ?? null).toBeNull()
    expect(app.sink?.received.length).toBe(before)
  })

  it('answers 409 for a booking with nothing due', async () => {
    const b = await bookAndPayDeposit(app, 115)
    const paid = await app.rest('POST', '/payments', { body: { booking: b.id, kind: 'balance', method: 'cash', amountCents: balanceOf(b) }, headers: actors.headers.manager })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    expect((await stored(b)).paymentState).toBe('paid')
    const res = await app.rest('POST', `/bookings/${b.id}/balance-link`, { body: {}, headers: actors.headers.manager })
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect(conflictReason(res)).toBe('payment_not_due')
  })
})
