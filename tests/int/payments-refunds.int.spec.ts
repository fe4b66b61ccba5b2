/**
 * Refunds, end to end over REST with Stripe faked only at the network boundary: a cancellation
 * (through the manage link or by staff in the admin) refunds what the policy's tier gives, to the
 * card, once (Idempotency-Key `refund:…` at Stripe, replays and repeats at our end), exactly the
 * amount the customer was shown before confirming; a Stripe failure leaves the booking as it was
 * (503) and a retry refunds once; a manager refunds by hand with a reason, nobody else can.
 * The tiers: 7+ days → 100 %, 3–6 days → 50 %, under 3 days → 0 %.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ManageView } from '../../src/collections/Bookings/manageView'
import { applySettings, bookingBody, conflictReason, dateAhead, errorPaths, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { bookAndPayDeposit, paymentCount, paymentRows, rawSql, signInActors, sql, type Actors, type PaidBooking } from '../helpers/paid-booking'
import { startStripeApp, type StripeApp } from '../helpers/stripe-app'

const TIERS = [
  { minDaysBefore: 7, refundPercent: 100 },
  { minDaysBefore: 3, refundPercent: 50 },
  { minDaysBefore: 0, refundPercent: 0 },
]
const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

let app: StripeApp
let actors: Actors

interface ViewResponse {
  booking: ManageView
}
interface CancelResponse extends ViewResponse {
  refund: { refundPercent: number; refundCents: number }
}

beforeAll(async () => {
  app = await startStripeApp()
  await applySettings(app.payload, { chefCount: 50, cancellationTiers: TIERS })
  actors = await signInActors(app)
})

afterAll(async () => {
  // Writes purge the availability cache again shortly after commit: let that run first.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await app.stop()
})

const manage = (b: PaidBooking, action = '') => `/bookings/manage/${b.token}${action}`
const refundsAtStripe = (b: PaidBooking) => app.fake.refunds().filter((r) => r.payment_intent === b.paymentIntentId)
const refundRequests = (b: PaidBooking) => app.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.form.payment_intent === b.paymentIntentId)
const refundRows = async (b: PaidBooking) => (await paymentRows(app, b.id)).filter((p) => p.kind === 'refund')
const stored = (b: PaidBooking) => app.payload.findByID({ collection: 'bookings', id: b.id, overrideAccess: true, depth: 0 })
const idOf = (v: number | { id: number } | null | undefined) => (v && typeof v === 'object' ? v.id : v)

/**
 * Moves a booking so that it starts `ms` from now. The lead time (48 h at least, a settings
 * limit) keeps a booking from being made this close, and the refund tier is counted from the
 * stored start (`refund_basis_starts_at`, the earliest start the booking has had): the booking is
 * made further out, paid, then both instants are moved in the database, as time passing would.
 */
async function startsIn(b: PaidBooking, ms: number): Promise<void> {
  const at = new Date(Date.now() + ms).toISOString()
  await rawSql(app, sql`UPDATE bookings SET starts_at = ${at}, refund_basis_starts_at = ${at}, ends_at = ${at}::timestamptz + interval '2 hours' WHERE id = ${b.id}`)
}

describe('cancelling through the manage link', () => {
  it('10 days out refunds the whole deposit to the card, once, recorded against the deposit', async () => {
    const b = await bookAndPayDeposit(app, 10)
    const res = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: { reason: 'Plans changed' }, headers: { 'Idempotency-Key': `cancel-${runTag()}` } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refund).toEqual({ refundPercent: 100, refundCents: b.depositCents })
    expect(res.body.booking.status).toBe('cancelled')

    const atStripe = refundsAtStripe(b)
    expect(atStripe.map((r) => r.amount)).toEqual([b.depositCents])
    const requests = refundRequests(b)
    expect(requests).toHaveLength(1)
    expect(requests[0]?.idempotencyKey).toMatch(/^refund:/)
    expect(requests[0]?.idempotencyKey).toContain(String(b.id))

    const rows = await refundRows(b)
    expect(rows).toHaveLength(1)
    const row = rows[0]
    expect(row?.method).toBe('card')
    expect(row?.status).toBe('succeeded')
    expect(row?.amountCents).toBe(b.depositCents)
    expect(idOf(row?.refundOf)).toBe(b.depositPaymentId)
    expect(row?.stripeRefundId).toBe(atStripe[0]?.id)
    expect(row?.stripePaymentIntentId).toBe(b.paymentIntentId)
    expect(row?.note).toMatch(/100%.*policy/)
    // Cancelled by the customer: no staff member started it.
    expect(row?.recordedBy ?? null).toBeNull()

    const after = await stored(b)
    expect(after.status).toBe('cancelled')
    expect(after.payment?.refundedCents).toBe(b.depositCents)
    expect(after.cancellation?.refundCents).toBe(b.depositCents)
    expect(after.cancellation?.reason).toBe('Plans changed')
    expect(after.paymentState).toBe('refunded')
  })

  it('a retried cancel refunds once: the same key is replayed, a new request is refused', async () => {
    const b = await bookAndPayDeposit(app, 11)
    const key = `cancel-${runTag()}`
    const first = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect(first.status, JSON.stringify(first.body)).toBe(200)

    const replay = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.body.refund).toEqual(first.body.refund)

    const again = await app.rest('POST', manage(b, '/cancel'), { body: {} })
    expect(again.status).toBe(409)
    expect(conflictReason(again)).toBe('invalid_transition')

    expect(refundsAtStripe(b)).toHaveLength(1)
    expect(refundRequests(b)).toHaveLength(1)
    expect(await refundRows(b)).toHaveLength(1)
    expect((await stored(b)).payment?.refundedCents).toBe(b.depositCents)
  })

  it('refunds exactly what the manage page showed before the customer confirmed', async () => {
    const b = await bookAndPayDeposit(app, 12)
    const view = await app.rest<ViewResponse>('GET', manage(b))
    expect(view.status).toBe(200)
    const shown = view.body.booking.refundIfCancelledNow
    expect(shown).toMatchObject({ refundPercent: 100, refundCents: b.depositCents })

    const res = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refund.refundCents).toBe(shown?.refundCents)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([shown?.refundCents])
  })

  it('a booking paid in full by card is refunded from both payments, the latest first', async () => {
    const b = await bookAndPayDeposit(app, 24)
    const open = await app.rest<{ url: string }>('POST', manage(b, '/balance'), { body: {} })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    const session = app.fake.sessions().find((s) => s.url === open.body.url)
    const paid = app.fake.paySession(String(session?.id))
    expect((await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))).status).toBe(200)
    expect((await stored(b)).paymentState).toBe('paid')

    const res = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refund).toEqual({ refundPercent: 100, refundCents: b.totalCents })
    const balance = b.totalCents - b.depositCents
    const atStripe = app.fake.refunds().filter((r) => r.payment_intent === paid.payment_intent || r.payment_intent === b.paymentIntentId)
    expect(atStripe.map((r) => [r.payment_intent, r.amount])).toEqual([
      [paid.payment_intent, balance],
      [b.paymentIntentId, b.depositCents],
    ])
    const rows = await paymentRows(app, b.id)
    const balanceRow = rows.find((p) => p.kind === 'balance')
    expect(rows.filter((p) => p.kind === 'refund').map((p) => [idOf(p.refundOf), p.amountCents])).toEqual([
      [balanceRow?.id, balance],
      [b.depositPaymentId, b.depositCents],
    ])
    const after = await stored(b)
    expect(after.payment?.refundedCents).toBe(b.totalCents)
    expect(after.paymentState).toBe('refunded')
  })

  it('2 days out, under the "< 3 days: 0 %" tier, refunds nothing and says so before', async () => {
    const b = await bookAndPayDeposit(app, 13)
    await startsIn(b, 2 * DAY_MS + 2 * HOUR_MS)
    const view = await app.rest<ViewResponse>('GET', manage(b))
    expect(view.body.booking.canCancel).toBe(true)
    expect(view.body.booking.refundIfCancelledNow).toMatchObject({ refundPercent: 0, refundCents: 0, daysBefore: 2 })

    const res = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refund).toEqual({ refundPercent: 0, refundCents: 0 })
    expect(refundRequests(b)).toEqual([])
    expect(refundsAtStripe(b)).toEqual([])
    expect(await refundRows(b)).toEqual([])
    const after = await stored(b)
    expect(after.status).toBe('cancelled')
    expect(after.payment?.refundedCents).toBe(0)
    expect(after.payment?.lastPaymentError ?? null).toBeNull()
  })

  it('5 days out, under the 50 % tier, refunds half of what was paid', async () => {
    const b = await bookAndPayDeposit(app, 14)
    await startsIn(b, 5 * DAY_MS + 2 * HOUR_MS)
    const half = Math.round(b.depositCents / 2)
    const view = await app.rest<ViewResponse>('GET', manage(b))
    expect(view.body.booking.refundIfCancelledNow).toMatchObject({ refundPercent: 50, refundCents: half })

    const res = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {} })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refund).toEqual({ refundPercent: 50, refundCents: half })
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([half])
    expect((await refundRows(b)).map((r) => r.amountCents)).toEqual([half])
    const after = await stored(b)
    expect(after.payment?.refundedCents).toBe(half)
    expect(after.paymentState).toBe('refunded')
  })
})

describe('money that arrives after the cancel', () => {
  it('a balance paid on a Checkout page left open before cancelling is recorded and flagged for staff to refund', async () => {
    const b = await bookAndPayDeposit(app, 22)
    const open = await app.rest<{ url: string }>('POST', manage(b, '/balance'), { body: {} })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    const cancelled = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {} })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)

    const session = app.fake.sessions().find((s) => s.url === open.body.url)
    const paid = app.fake.paySession(String(session?.id))
    const delivered = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200)
    expect(delivered.body.outcome).toBe('record_late_payment')

    const after = await stored(b)
    expect(after.status).toBe('cancelled')
    expect(after.payment?.lastPaymentError).toMatch(/refund/i)
    // The money is on the booking's totals too, so it can be refunded by hand.
    expect(after.payment?.balancePaidCents).toBe(b.totalCents - b.depositCents)
    expect(after.payment?.refundedCents).toBe(b.depositCents)
    const balance = (await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')
    expect(balance.map((p) => [p.status, p.amountCents])).toEqual([['succeeded', b.totalCents - b.depositCents]])
    expect(balance[0]?.note).toMatch(/refund/i)

    // Staff send it back by hand, to the card it came from.
    const refunded = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: b.totalCents - b.depositCents, reason: 'Paid after cancelling' }, headers: actors.headers.manager })
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200)
    expect(app.fake.refunds().filter((r) => r.payment_intent === paid.payment_intent).map((r) => r.amount)).toEqual([b.totalCents - b.depositCents])
    expect((await stored(b)).payment?.refundedCents).toBe(b.totalCents)
  })

  it('what was paid in cash is not refunded to a card: staff are told to return it by hand', async () => {
    const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(23), `cash-${runTag()}@example.com`) })
    expect(res.status).toBe(201)
    const id = res.body.doc.id
    const token = String(res.body.doc.manageToken)
    const depositCents = res.body.doc.pricing.depositCents
    const cash = await app.rest('POST', '/payments', { body: { booking: id, kind: 'deposit', method: 'cash', amountCents: depositCents }, headers: actors.headers.manager })
    expect(cash.status, JSON.stringify(cash.body)).toBe(201)
    const requestsBefore = app.fake.requests.filter((r) => r.path === '/v1/refunds').length

    const cancelled = await app.rest<CancelResponse>('POST', `/bookings/manage/${token}/cancel`, { body: {} })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(cancelled.body.refund).toEqual({ refundPercent: 100, refundCents: depositCents })
    expect(app.fake.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(requestsBefore)
    const after = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(after.payment?.refundedCents).toBe(0)
    expect(after.payment?.lastPaymentError).toContain(`Return ${depositCents} cents by hand`)

    const byHand = await app.rest('POST', '/payments', { body: { booking: id, kind: 'refund', method: 'cash', amountCents: depositCents, note: 'Returned in cash' }, headers: actors.headers.manager })
    expect(byHand.status, JSON.stringify(byHand.body)).toBe(201)
    const settled = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
    expect(settled.payment?.refundedCents).toBe(depositCents)
    expect(settled.payment?.lastPaymentError ?? null).toBeNull()
    expect(settled.paymentState).toBe('refunded')
  })
})

describe('cancelling in the admin', () => {
  it('a manager setting the status to cancelled refunds by the policy, recorded as theirs', async () => {
    const b = await bookAndPayDeposit(app, 15)
    const res = await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'cancelled' }, headers: actors.headers.manager })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([b.depositCents])
    const rows = await refundRows(b)
    expect(rows).toHaveLength(1)
    expect(idOf(rows[0]?.recordedBy)).toBe(actors.ids.manager)
    expect(idOf(rows[0]?.refundOf)).toBe(b.depositPaymentId)
    const after = await stored(b)
    expect(after.status).toBe('cancelled')
    expect(after.cancellation?.refundPercent).toBe(100)
    expect(after.payment?.refundedCents).toBe(b.depositCents)
    expect(after.paymentState).toBe('refunded')
  })
})

describe('when Stripe fails on the refund', () => {
  it('the cancel answers 503, nothing is half-done, and a retry with the same key refunds once', async () => {
    const b = await bookAndPayDeposit(app, 16)
    const key = `cancel-${runTag()}`
    app.fake.failNext('/v1/refunds', 500)
    const failed = await app.rest('POST', manage(b, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect(failed.status, JSON.stringify(failed.body)).toBe(503)
    const kept = await stored(b)
    expect(kept.status).toBe('confirmed')
    expect(kept.cancellation?.cancelledAt ?? null).toBeNull()
    expect(kept.payment?.refundedCents).toBe(0)
    expect(refundsAtStripe(b)).toEqual([])
    expect(await refundRows(b)).toEqual([])

    // Stripe is back: the customer's retry (the browser resends its key) goes through, once.
    const retried = await app.rest<CancelResponse>('POST', manage(b, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull()
    expect(retried.body.refund.refundCents).toBe(b.depositCents)
    const again = await app.rest('POST', manage(b, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect(again.status).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([b.depositCents])
    expect(await refundRows(b)).toHaveLength(1)
    expect((await stored(b)).status).toBe('cancelled')
  })

  it('a staff cancel answers 503 and the booking stays confirmed', async () => {
    const b = await bookAndPayDeposit(app, 17)
    app.fake.failNext('/v1/refunds', 500)
    const failed = await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'cancelled' }, headers: actors.headers.manager })
    expect(failed.status, JSON.stringify(failed.body)).toBe(503)
    expect((await stored(b)).status).toBe('confirmed')
    expect(await refundRows(b)).toEqual([])

    const retried = await app.rest('PATCH', `/bookings/${b.id}`, { body: { status: 'cancelled' }, headers: actors.headers.manager })
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([b.depositCents])
    expect(await refundRows(b)).toHaveLength(1)
  })
})

describe('POST /api/payments/refund (by hand)', () => {
  it('a manager refunds part of a payment with a reason: at Stripe, in payments, on the booking', async () => {
    const b = await bookAndPayDeposit(app, 18)
    const res = await app.rest<{ refundedCents: number; refundIds: string[] }>('POST', '/payments/refund', {
      body: { booking: b.id, amountCents: 1000, reason: 'Goodwill: the chef was late' },
      headers: actors.headers.manager,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.refundedCents).toBe(1000)
    const atStripe = refundsAtStripe(b)
    expect(atStripe.map((r) => r.amount)).toEqual([1000])
    expect(res.body.refundIds).toEqual([atStripe[0]?.id])
    const rows = await refundRows(b)
    expect(rows).toHaveLength(1)
    expect(idOf(rows[0]?.recordedBy)).toBe(actors.ids.manager)
    expect(rows[0]?.note).toBe('Goodwill: the chef was late')
    expect(rows[0]?.amountCents).toBe(1000)
    expect(idOf(rows[0]?.refundOf)).toBe(b.depositPaymentId)
    const after = await stored(b)
    expect(after.status).toBe('confirmed')
    expect(after.payment?.refundedCents).toBe(1000)
  })

  it('refuses more than is left to refund (400 amountCents) and a missing reason (400 reason), refunding nothing', async () => {
    const b = await bookAndPayDeposit(app, 19)
    const before = await paymentCount(app)
    const tooMuch = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: b.depositCents + 1, reason: 'Too much' }, headers: actors.headers.manager })
    expect(tooMuch.status, JSON.stringify(tooMuch.body)).toBe(400)
    expect(errorPaths(tooMuch)).toContain('amountCents')
    const noReason = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: 100 }, headers: actors.headers.manager })
    expect(noReason.status, JSON.stringify(noReason.body)).toBe(400)
    expect(errorPaths(noReason)).toContain('reason')
    const blankReason = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: 100, reason: '   ' }, headers: actors.headers.manager })
    expect(blankReason.status).toBe(400)
    expect(errorPaths(blankReason)).toContain('reason')
    expect(refundRequests(b)).toEqual([])
    expect(await paymentCount(app)).toBe(before)
    expect((await stored(b)).payment?.refundedCents).toBe(0)
  })

  it('after a refund, only what is left can be refunded', async () => {
    const b = await bookAndPayDeposit(app, 20)
    const first = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: b.depositCents - 500, reason: 'Most of it' }, headers: actors.headers.manager })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const over = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: 501, reason: 'One cent too many' }, headers: actors.headers.manager })
    expect(over.status).toBe(400)
    expect(errorPaths(over)).toContain('amountCents')
    const rest = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: 500, reason: 'The rest' }, headers: actors.headers.admin })
    expect(rest.status, JSON.stringify(rest.body)).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([b.depositCents - 500, 500])
    expect((await stored(b)).payment?.refundedCents).toBe(b.depositCents)
  })

  it('the same request with the same Idempotency-Key refunds once; without a key, a repeat is a new refund', async () => {
    const b = await bookAndPayDeposit(app, 25)
    const key = `refund-${runTag()}`
    const body = { booking: b.id, amountCents: 700, reason: 'Double-clicked' }
    const first = await app.rest('POST', '/payments/refund', { body, headers: { ...actors.headers.manager, 'Idempotency-Key': key } })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const replay = await app.rest('POST', '/payments/refund', { body, headers: { ...actors.headers.manager, 'Idempotency-Key': key } })
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.body).toEqual(first.body)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([700])
    expect(await refundRows(b)).toHaveLength(1)

    const repeat = await app.rest('POST', '/payments/refund', { body, headers: actors.headers.manager })
    expect(repeat.status, JSON.stringify(repeat.body)).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([700, 700])
    const keys = refundRequests(b).map((r) => r.idempotencyKey)
    expect(new Set(keys).size, 'a second refund gets a key of its own').toBe(2)
    expect((await stored(b)).payment?.refundedCents).toBe(1400)
  })

  it('answers 503 when Stripe fails, records nothing, and refunds once when asked again', async () => {
    const b = await bookAndPayDeposit(app, 26)
    const key = `refund-${runTag()}`
    const body = { booking: b.id, amountCents: 900, reason: 'Stripe was down' }
    app.fake.failNext('/v1/refunds', 500)
    const failed = await app.rest('POST', '/payments/refund', { body, headers: { ...actors.headers.manager, 'Idempotency-Key': key } })
    expect(failed.status, JSON.stringify(failed.body)).toBe(503)
    expect(await refundRows(b)).toEqual([])
    expect((await stored(b)).payment?.refundedCents).toBe(0)
    const retried = await app.rest('POST', '/payments/refund', { body, headers: { ...actors.headers.manager, 'Idempotency-Key': key } })
    expect(retried.status, JSON.stringify(retried.body)).toBe(200)
    expect(refundsAtStripe(b).map((r) => r.amount)).toEqual([900])
    expect(await refundRows(b)).toHaveLength(1)
  })

  it('answers 404 for a booking that does not exist', async () => {
    const res = await app.rest('POST', '/payments/refund', { body: { booking: 2_000_000_000, amountCents: 100, reason: 'No such booking' }, headers: actors.headers.manager })
    expect(res.status, JSON.stringify(res.body)).toBe(404)
  })

  it.each([
    ['chef', 403],
    ['editor', 403],
    ['customer', 403],
    ['anonymous', 401],
  ] as const)('a %s is refused (%i) and nothing is refunded', async (who, status) => {
    const b = await bookAndPayDeposit(app, 21)
    const before = await paymentCount(app)
    const res = await app.rest('POST', '/payments/refund', { body: { booking: b.id, amountCents: 100, reason: 'Not allowed' }, headers: actors.headers[who] })
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(refundRequests(b)).toEqual([])
    expect(await paymentCount(app)).toBe(before)
    expect((await stored(b)).payment?.refundedCents).toBe(0)
  })
})
