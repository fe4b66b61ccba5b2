/**
 * Payment records staff enter by hand (cash, check, transfer; money received or given back) over
 * Payload's real REST and GraphQL handlers: checked against the booking's money, stamped by the
 * server (status, who, when, customer, currency; nothing Stripe's), credited to the booking in the
 * same transaction (a covered deposit confirms a pending booking), append-only for everyone, and
 * keeping their booking from being deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, conflictReason, dateAhead, errorPaths, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { graphqlClient } from '../helpers/graphql'
import { bookAndPayDeposit, paymentCount, paymentRows, signInActors, type Actors } from '../helpers/paid-booking'
import { startStripeApp, type StripeApp } from '../helpers/stripe-app'

let app: StripeApp
// This file books 95–106 days ahead: days no other integration file uses (they share one database).
let actors: Actors
let graphql: ReturnType<typeof graphqlClient>

interface PaymentDoc {
  id: number
  kind: string
  method: string
  status: string
  amountCents: number
}

beforeAll(async () => {
  app = await startStripeApp()
  await applySettings(app.payload, { chefCount: 50 })
  actors = await signInActors(app)
  graphql = graphqlClient(app.config)
})

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await app.stop()
})

const idOf = (v: number | { id: number } | null | undefined) => (v && typeof v === 'object' ? v.id : v)
const storedBooking = (id: number) => app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })

/** A web booking, held (pending) until its deposit is paid. */
async function heldBooking(days: number): Promise<{ id: number; depositCents: number; totalCents: number; customer: number }> {
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), `records-${runTag()}@example.com`) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const b = await storedBooking(res.body.doc.id)
  expect(b.status).toBe('pending')
  return { id: b.id, depositCents: Number(b.pricing?.depositCents), totalCents: Number(b.pricing?.totalCents), customer: Number(idOf(b.customer as number | { id: number })) }
}

const record = (body: Record<string, unknown>, who: keyof Actors['headers'] = 'manager') => app.rest<{ doc?: PaymentDoc }>('POST', '/payments', { body, headers: actors.headers[who] })

describe('recording an offline payment', () => {
  it('a manager records a cash deposit: stamped by the server, credited, and the pending booking is confirmed', async () => {
    const b = await heldBooking(95)
    const res = await record({ booking: b.id, kind: 'deposit', method: 'cash', amountCents: b.depositCents, note: 'Paid at the tasting' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = Number(res.body.doc?.id)
    // The answer names who recorded it, and nothing of their account (sessions, lock counters).
    const recordedBy = (res.body.doc as { recordedBy?: unknown } | undefined)?.recordedBy
    expect(recordedBy && typeof recordedBy === 'object' ? Object.keys(recordedBy).sort() : recordedBy).toEqual(['collection', 'email', 'id', 'name', 'role'])
    const row = await app.payload.findByID({ collection: 'payments', id, overrideAccess: true, depth: 0 })
    expect(row.status).toBe('succeeded')
    expect(row.method).toBe('cash')
    expect(row.amountCents).toBe(b.depositCents)
    expect(idOf(row.recordedBy)).toBe(actors.ids.manager)
    expect(idOf(row.customer)).toBe(b.customer)
    expect(row.currency).toBe('usd')
    expect(Number.isNaN(Date.parse(String(row.occurredAt)))).toBe(false)
    expect(row.stripePaymentIntentId ?? null).toBeNull()

    const after = await storedBooking(b.id)
    expect(after.status).toBe('confirmed')
    expect(after.payment?.depositPaidCents).toBe(b.depositCents)
    expect(after.payment?.paidAt).toBeTruthy()
    expect(after.payment?.holdExpiresAt ?? null).toBeNull()
    expect(after.paymentState).toBe('balance_due')
  })

  it('a part of the deposit keeps the booking pending; the rest confirms it; the balance pays it in full', async () => {
    const b = await heldBooking(96)
    const part = Math.floor(b.depositCents / 2)
    expect((await record({ booking: b.id, kind: 'deposit', method: 'check', amountCents: part, note: 'Check 1042' })).status).toBe(201)
    const partly = await storedBooking(b.id)
    expect(partly.status).toBe('pending')
    expect(partly.payment?.depositPaidCents).toBe(part)

    expect((await record({ booking: b.id, kind: 'deposit', method: 'transfer', amountCents: b.depositCents - part })).status).toBe(201)
    expect((await storedBooking(b.id)).status).toBe('confirmed')

    const balance = await record({ booking: b.id, kind: 'balance', method: 'cash', amountCents: b.totalCents - b.depositCents }, 'admin')
    expect(balance.status, JSON.stringify(balance.body)).toBe(201)
    const paid = await storedBooking(b.id)
    expect(paid.payment?.balancePaidCents).toBe(b.totalCents - b.depositCents)
    expect(paid.paymentState).toBe('paid')
    expect((await paymentRows(app, b.id)).map((p) => [p.kind, p.method])).toEqual([
      ['deposit', 'check'],
      ['deposit', 'transfer'],
      ['balance', 'cash'],
    ])
  })

  it('a refund given back in cash needs a note, and adds to the refunded total', async () => {
    const b = await heldBooking(97)
    expect((await record({ booking: b.id, kind: 'deposit', method: 'cash', amountCents: b.depositCents })).status).toBe(201)
    const res = await record({ booking: b.id, kind: 'refund', method: 'cash', amountCents: 1000, note: 'Returned at the door' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const after = await storedBooking(b.id)
    expect(after.payment?.refundedCents).toBe(1000)
    expect(after.payment?.depositPaidCents).toBe(b.depositCents)
  })

  it('refuses a card method, too much, a refund without a note and amounts that are not whole cents, writing nothing', async () => {
    const b = await heldBooking(98)
    expect((await record({ booking: b.id, kind: 'deposit', method: 'cash', amountCents: b.depositCents })).status).toBe(201)
    const rowsBefore = await paymentCount(app)
    const before = await storedBooking(b.id)
    const due = b.totalCents - b.depositCents
    const cases: [Record<string, unknown>, string][] = [
      [{ booking: b.id, kind: 'balance', method: 'card', amountCents: 100 }, 'method'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: due + 1 }, 'amountCents'],
      [{ booking: b.id, kind: 'refund', method: 'cash', amountCents: 100 }, 'note'],
      [{ booking: b.id, kind: 'refund', method: 'cash', amountCents: 100, note: '  ' }, 'note'],
      [{ booking: b.id, kind: 'refund', method: 'cash', amountCents: b.depositCents + 1, note: 'More than was paid' }, 'amountCents'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: -1 }, 'amountCents'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: 0 }, 'amountCents'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: 12.5 }, 'amountCents'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: '100' }, 'amountCents'],
      [{ booking: b.id, kind: 'balance', method: 'cash', amountCents: '100abc' }, 'amountCents'],
    ]
    for (const [body, field] of cases) {
      const res = await record(body)
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400)
      expect(errorPaths(res), JSON.stringify(body)).toContain(field)
      expect(await paymentCount(app), `nothing written for ${JSON.stringify(body)}`).toBe(rowsBefore)
    }
    const after = await storedBooking(b.id)
    expect(after.payment?.balancePaidCents).toBe(before.payment?.balancePaidCents)
    expect(after.payment?.refundedCents).toBe(before.payment?.refundedCents)
  })

  it('two staff recording the rest of the balance at the same moment: one is taken, the other refused', async () => {
    const b = await heldBooking(106)
    expect((await record({ booking: b.id, kind: 'deposit', method: 'cash', amountCents: b.depositCents })).status).toBe(201)
    const due = b.totalCents - b.depositCents
    const [x, y] = await Promise.all([
      record({ booking: b.id, kind: 'balance', method: 'cash', amountCents: due }),
      record({ booking: b.id, kind: 'balance', method: 'check', amountCents: due }, 'admin'),
    ])
    expect([x.status, y.status].sort(), JSON.stringify([x.body, y.body])).toEqual([201, 400])
    expect(errorPaths(x.status === 400 ? x : y)).toContain('amountCents')
    expect((await paymentRows(app, b.id)).filter((p) => p.kind === 'balance')).toHaveLength(1)
    expect((await storedBooking(b.id)).payment?.balancePaidCents).toBe(due)
  })

  it('ignores what the server sets: status, who recorded it, the customer, currency and the Stripe ids', async () => {
    const b = await heldBooking(99)
    const res = await record({
      booking: b.id,
      kind: 'deposit',
      method: 'cash',
      amountCents: b.depositCents,
      status: 'failed',
      recordedBy: actors.ids.admin,
      customer: actors.ids.customer,
      currency: 'eur',
      stripePaymentIntentId: 'pi_x',
      stripeCheckoutSessionId: 'cs_x',
      stripeRefundId: 're_x',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const row = await app.payload.findByID({ collection: 'payments', id: Number(res.body.doc?.id), overrideAccess: true, depth: 0 })
    expect(row.status).toBe('succeeded')
    expect(idOf(row.recordedBy)).toBe(actors.ids.manager)
    expect(idOf(row.customer)).toBe(b.customer)
    expect(row.currency).toBe('usd')
    expect(row.stripePaymentIntentId ?? null).toBeNull()
    expect(row.stripeCheckoutSessionId ?? null).toBeNull()
    expect(row.stripeRefundId ?? null).toBeNull()
    // It counted as the succeeded payment it is.
    expect((await storedBooking(b.id)).status).toBe('confirmed')
  })

  it.each([
    ['chef', [403]],
    ['editor', [403]],
    ['customer', [403]],
    ['anonymous', [401, 403]],
  ] as const)('a %s may not record a payment', async (who, statuses) => {
    const b = await heldBooking(100)
    const before = await paymentCount(app)
    const res = await record({ booking: b.id, kind: 'deposit', method: 'cash', amountCents: b.depositCents }, who)
    expect(statuses, JSON.stringify(res.body)).toContain(res.status)
    expect(await paymentCount(app)).toBe(before)
    expect((await storedBooking(b.id)).status).toBe('pending')
  })
})

describe('payments are append-only', () => {
  it('PATCH and DELETE are refused to a manager and an admin, and the record is unchanged', async () => {
    const paid = await bookAndPayDeposit(app, 101)
    const before = await app.payload.findByID({ collection: 'payments', id: paid.depositPaymentId, overrideAccess: true, depth: 0 })
    for (const who of ['manager', 'admin'] as const) {
      const patch = await app.rest('PATCH', `/payments/${paid.depositPaymentId}`, { body: { amountCents: 1, note: 'Edited' }, headers: actors.headers[who] })
      expect(patch.status, JSON.stringify(patch.body)).toBe(403)
      const del = await app.rest('DELETE', `/payments/${paid.depositPaymentId}`, { headers: actors.headers[who] })
      expect(del.status, JSON.stringify(del.body)).toBe(403)
      const bulk = await app.rest('DELETE', `/payments?where[booking][equals]=${paid.id}`, { headers: actors.headers[who] })
      expect(bulk.status === 403 || (bulk.body as { docs?: unknown[] }).docs?.length === 0, JSON.stringify(bulk.body)).toBe(true)
    }
    const after = await app.payload.findByID({ collection: 'payments', id: paid.depositPaymentId, overrideAccess: true, depth: 0 })
    expect(after).toMatchObject({ amountCents: before.amountCents, note: before.note ?? null, updatedAt: before.updatedAt })
  })

  it('GraphQL update and delete mutations are refused to staff too', async () => {
    const paid = await bookAndPayDeposit(app, 102)
    for (const who of ['manager', 'admin'] as const) {
      const update = await graphql(`mutation { updatePayment(id: ${paid.depositPaymentId}, data: { amountCents: 1 }) { id amountCents } }`, { headers: actors.headers[who] })
      expect(update.errors?.length, JSON.stringify(update)).toBeGreaterThan(0)
      expect(update.data?.updatePayment ?? null).toBeNull()
      const remove = await graphql(`mutation { deletePayment(id: ${paid.depositPaymentId}) { id } }`, { headers: actors.headers[who] })
      expect(remove.errors?.length, JSON.stringify(remove)).toBeGreaterThan(0)
      expect(remove.data?.deletePayment ?? null).toBeNull()
    }
    const after = await app.payload.findByID({ collection: 'payments', id: paid.depositPaymentId, overrideAccess: true, depth: 0 })
    expect(after.amountCents).toBe(paid.depositCents)
  })

  it('a GraphQL create by a manager passes the same checks as REST', async () => {
    const b = await heldBooking(103)
    const before = await paymentCount(app)
    const card = await graphql(`mutation { createPayment(data: { booking: ${b.id}, kind: deposit, method: card, amountCents: ${b.depositCents} }) { id } }`, { headers: actors.headers.manager })
    expect(card.errors?.length, JSON.stringify(card)).toBeGreaterThan(0)
    expect(await paymentCount(app)).toBe(before)
    const cash = await graphql<{ createPayment: { id: number; status: string } }>(
      `mutation { createPayment(data: { booking: ${b.id}, kind: deposit, method: cash, amountCents: ${b.depositCents}, status: failed }) { id status } }`,
      { headers: actors.headers.manager },
    )
    expect(cash.errors ?? [], JSON.stringify(cash)).toEqual([])
    expect(cash.data?.createPayment.status).toBe('succeeded')
    expect((await storedBooking(b.id)).status).toBe('confirmed')
  })
})

describe('a booking with payments', () => {
  it('cannot be deleted, even by an admin: 409 has_payments, and it is still there', async () => {
    const paid = await bookAndPayDeposit(app, 104)
    const res = await app.rest('DELETE', `/bookings/${paid.id}`, { headers: actors.headers.admin })
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect(conflictReason(res)).toBe('has_payments')
    expect((await storedBooking(paid.id)).status).toBe('confirmed')
    expect(await paymentRows(app, paid.id)).toHaveLength(1)
  })

  it('a booking without payments can still be deleted by an admin', async () => {
    const b = await heldBooking(105)
    const res = await app.rest('DELETE', `/bookings/${b.id}`, { headers: actors.headers.admin })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await app.payload.count({ collection: 'bookings', where: { id: { equals: b.id } }, overrideAccess: true })).toMatchObject({ totalDocs: 0 })
  })
})
