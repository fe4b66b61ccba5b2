/**
 * The customer's manage link over REST: the customer-safe view, rescheduling through every
 * booking rule (capacity, lead time, strict body), cancelling with the policy's refund,
 * Idempotency-Key replays, and the calendar file. Real Postgres and Redis, Payload's own handlers.
 */
import config from '@payload-config'
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, handleEndpoints, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ManageView } from '../../src/collections/Bookings/manageView'
import { env } from '../../src/server/env'
import {
  applySettings,
  bookingBody,
  conflictReason,
  createStaff,
  dateAhead,
  errorPaths,
  runTag,
  type DocResponse,
  type PayloadErrorBody,
} from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
let payload: Payload
let menuItemId: number

interface ViewResponse {
  booking: ManageView
}
interface CancelResponse extends ViewResponse {
  refund: { refundPercent: number; refundCents: number }
}

beforeAll(async () => {
  payload = await getPayload({ config })
  // One chef: one booking fills a slot, so "full" is easy to reach.
  await applySettings(payload, { chefCount: 1 })
  const item = await payload.create({
    collection: 'menu-items',
    data: { name: `Filet Mignon ${runTag()}`, category: 'upgrade', priceCents: 1500, pricing: 'per_guest', active: true },
    overrideAccess: true,
  })
  menuItemId = item.id
})

afterAll(async () => {
  // Writes purge the availability cache again 750 ms later (src/infra/cache.ts, purgeAroundCommit):
  // let the last one run before the file's teardown closes Redis.
  await new Promise((resolve) => setTimeout(resolve, 1000))
})

async function book(eventDate: string, startTime = '12:00', withMenu = false): Promise<{ id: number; token: string }> {
  const body = bookingBody(eventDate, `manage-${runTag()}@example.com`, { startTime, ...(withMenu ? { menu: [{ item: menuItemId, quantity: 2 }] } : {}) })
  const res = await rest<DocResponse>('POST', '/bookings', { body })
  expect(res.status).toBe(201)
  const token = res.body.doc.manageToken
  if (typeof token !== 'string') throw new Error('the create response carries no manage token')
  return { id: res.body.doc.id, token }
}

const path = (token: string, rest = '') => `/bookings/manage/${token}${rest}`

async function versionsOf(id: number): Promise<number> {
  return (await payload.findVersions({ collection: 'bookings', where: { parent: { equals: id } }, overrideAccess: true, limit: 0 })).totalDocs
}

async function stored(id: number) {
  return payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
}

/** The stored hash (a hidden field: the Local API does not return it). */
async function storedTokenHash(id: number): Promise<string> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  const result = await db.execute<{ hash: string }>(sql`SELECT manage_token_hash AS hash FROM bookings WHERE id = ${id}`)
  return String(result.rows[0]?.hash)
}

function expectPrivate(headers: Headers): void {
  expect(headers.get('cache-control')).toBe('no-store')
  expect(headers.get('referrer-policy')).toBe('no-referrer')
}

describe('GET /api/bookings/manage/:token', () => {
  it('shows the booking, its price and policy, and nothing internal', async () => {
    const { id, token } = await book(dateAhead(300), '12:00', true)
    const chefEmail = `chef-${runTag()}@myhibachi.test`
    const chefId = await createStaff(payload, chefEmail, 'chef')
    await payload.update({ collection: 'bookings', id, data: { assignedChefs: [chefId] }, overrideAccess: true })
    const doc = await stored(id)

    const res = await rest<ViewResponse>('GET', path(token))
    expect(res.status).toBe(200)
    expectPrivate(res.headers)
    const view = res.body.booking
    expect(Object.keys(view).sort()).toEqual(
      [
        'address',
        'canCancel',
        'canPayBalance',
        'canPayDeposit',
        'canReschedule',
        'cancellation',
        'cancellationTiers',
        'contact',
        'dietaryNotes',
        'durationMinutes',
        'endsAt',
        'eventDate',
        'guests',
        'id',
        'menu',
        'payment',
        'pricing',
        'refundIfCancelledNow',
        'specialRequests',
        'startTime',
        'startsAt',
        'status',
        'timezone',
      ].sort(),
    )
    expect(view).toMatchObject({
      id,
      status: 'pending',
      eventDate: dateAhead(300),
      startTime: '12:00',
      durationMinutes: 120,
      timezone: 'America/New_York',
      guests: { adults: 2, children: 0 },
      menu: [{ name: expect.stringMatching(/^Filet Mignon /) as unknown, quantity: 2 }],
      // This file's app has no Stripe key: nothing is held and nothing can be paid online.
      payment: { depositPaidCents: 0, balancePaidCents: 0, refundedCents: 0, state: 'deposit_unpaid', online: false, holdExpiresAt: null },
      canPayDeposit: false,
      canPayBalance: false,
      cancellation: null,
      canReschedule: true,
      canCancel: true,
      refundIfCancelledNow: { refundPercent: 100, refundCents: 0 },
      cancellationTiers: [
        { minDaysBefore: 90, refundPercent: 100 },
        { minDaysBefore: 14, refundPercent: 50 },
        { minDaysBefore: 0, refundPercent: 0 },
      ],
    })
    expect(view.startsAt).toBe(new Date(String(doc.startsAt)).toISOString())
    expect(view.pricing.totalCents).toBe(doc.pricing?.totalCents)
    expect(view.pricing.lineItems.every((l) => Object.keys(l).sort().join() === 'amountCents,label')).toBe(true)

    const raw = JSON.stringify(res.body)
    const hash = await storedTokenHash(id)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    for (const leak of [hash, token, 'manageTokenHash', 'customer', 'assignedChefs', 'blockedFrom', 'chefUnits', 'source', chefEmail]) {
      expect(raw).not.toContain(leak)
    }
  })

  it('answers the same 404 for unknown and malformed tokens', async () => {
    const unknown = await rest<PayloadErrorBody>('GET', path('A'.repeat(32)))
    const malformed = await rest<PayloadErrorBody>('GET', path('short'))
    const dotted = await rest<PayloadErrorBody>('GET', path('not.a.token.but.long.enough.to.pass'))
    for (const res of [unknown, malformed, dotted]) {
      expect(res.status).toBe(404)
      expectPrivate(res.headers)
      expect(res.body).toEqual({ errors: [{ name: 'NotFound', message: 'No booking was found for this link.' }] })
    }
    const post = await rest('POST', path('A'.repeat(32), '/cancel'), { body: {} })
    expect(post.status).toBe(404)
  })
})

describe('POST /api/bookings/manage/:token/reschedule', () => {
  it('moves the booking to a free slot, recomputes its instants and keeps a version', async () => {
    const { id, token } = await book(dateAhead(302))
    const before = await stored(id)
    const versionsBefore = await versionsOf(id)
    const res = await rest<ViewResponse>('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(303), startTime: '15:30' } })
    expect(res.status).toBe(200)
    expectPrivate(res.headers)
    expect(res.body.booking).toMatchObject({ eventDate: dateAhead(303), startTime: '15:30', status: 'pending' })
    const after = await stored(id)
    expect(after.startsAt).not.toBe(before.startsAt)
    expect(new Date(String(after.startsAt)).toISOString()).toBe(res.body.booking.startsAt)
    expect(after.eventDate).toBe(dateAhead(303))
    expect(await versionsOf(id)).toBe(versionsBefore + 1)
  })

  it('refuses a full slot with 409 slot_full and changes nothing', async () => {
    await book(dateAhead(305), '18:00')
    const { id, token } = await book(dateAhead(306), '18:00')
    const before = await stored(id)
    const versionsBefore = await versionsOf(id)
    const res = await rest('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(305), startTime: '18:30' } })
    expect(res.status).toBe(409)
    expect(conflictReason(res)).toBe('slot_full')
    expectPrivate(res.headers)
    const after = await stored(id)
    expect({ eventDate: after.eventDate, startTime: after.startTime, startsAt: after.startsAt, updatedAt: after.updatedAt }).toEqual({
      eventDate: before.eventDate,
      startTime: before.startTime,
      startsAt: before.startsAt,
      updatedAt: before.updatedAt,
    })
    expect(await versionsOf(id)).toBe(versionsBefore)
  })

  it('lets only one of two simultaneous moves into the last free slot win', async () => {
    const a = await book(dateAhead(307), '12:00')
    const b = await book(dateAhead(308), '12:00')
    const target = { eventDate: dateAhead(309), startTime: '19:00' }
    const results = await Promise.all([a, b].map((x) => rest('POST', path(x.token, '/reschedule'), { body: target })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(results.map((r) => conflictReason(r)).filter(Boolean)).toEqual(['slot_full'])
  })

  it('refuses a time inside the lead time with 400 naming the date or time', async () => {
    const { id, token } = await book(dateAhead(310))
    const res = await rest('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(1), startTime: '12:00' } })
    expect(res.status).toBe(400)
    expect(errorPaths(res).some((p) => p === 'eventDate' || p === 'startTime')).toBe(true)
    expect((await stored(id)).eventDate).toBe(dateAhead(310))
  })

  it('refuses the same date and time with 400 on startTime', async () => {
    const { token } = await book(dateAhead(311))
    const res = await rest<PayloadErrorBody>('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(311), startTime: '12:00' } })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toEqual(['startTime'])
    expect(res.body.errors[0]?.data?.errors?.[0]?.message).toBe('Choose a different date or time')
  })

  it('refuses unknown keys, malformed values and non-JSON bodies with 400 naming the field', async () => {
    const { id, token } = await book(dateAhead(312))
    const extra = await rest('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(313), startTime: '12:00', guests: { adults: 40 } } })
    expect(extra.status).toBe(400)
    expect(errorPaths(extra)).toEqual(['guests'])
    const bad = await rest('POST', path(token, '/reschedule'), { body: { eventDate: '2026-02-30', startTime: '7pm' } })
    expect(errorPaths(bad).sort()).toEqual(['eventDate', 'startTime'])
    const notJson = await payloadRaw(path(token, '/reschedule'), '{"eventDate":')
    expect(notJson.status).toBe(400)
    expect((await stored(id)).eventDate).toBe(dateAhead(312))
  })
})

/** A POST with a raw (possibly broken) JSON body. */
async function payloadRaw(p: string, body: string): Promise<{ status: number }> {
  const request = new Request(`http://localhost:3000/api${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
  const res = await handleEndpoints({ config, path: `/api${p}`, request })
  return { status: res.status }
}

async function setDepositPaid(id: number, cents: number): Promise<void> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  await db.execute(sql`UPDATE bookings SET payment_deposit_paid_cents = ${cents} WHERE id = ${id}`)
}

describe('POST /api/bookings/manage/:token/cancel', () => {
  it('cancels with the refund of the policy tier (50% at 14–89 days) and records the reason', async () => {
    const { id, token } = await book(dateAhead(30))
    await setDepositPaid(id, 12_345)
    const res = await rest<CancelResponse>('POST', path(token, '/cancel'), { body: { reason: 'Change of plans' } })
    expect(res.status).toBe(200)
    expectPrivate(res.headers)
    expect(res.body.refund).toEqual({ refundPercent: 50, refundCents: 6173 })
    expect(res.body.booking).toMatchObject({
      status: 'cancelled',
      canCancel: false,
      canReschedule: false,
      refundIfCancelledNow: null,
      payment: { depositPaidCents: 12_345 },
      cancellation: { refundPercent: 50, refundCents: 6173 },
    })
    const after = await stored(id)
    expect(after.status).toBe('cancelled')
    expect(after.cancellation?.reason).toBe('Change of plans')
  })

  it('refuses a second cancel and a reschedule after cancelling with 409', async () => {
    const { token } = await book(dateAhead(315))
    expect((await rest('POST', path(token, '/cancel'), { body: {} })).status).toBe(200)
    const again = await rest('POST', path(token, '/cancel'), { body: {} })
    expect(again.status).toBe(409)
    expect(conflictReason(again)).toBe('invalid_transition')
    const move = await rest('POST', path(token, '/reschedule'), { body: { eventDate: dateAhead(316), startTime: '12:00' } })
    expect(move.status).toBe(409)
    expect(conflictReason(move)).toBe('not_reschedulable')
    const view = await rest<ViewResponse>('GET', path(token))
    expect(view.body.booking.status).toBe('cancelled')
  })

  it('refuses unknown keys with 400', async () => {
    const { token } = await book(dateAhead(317))
    const res = await rest('POST', path(token, '/cancel'), { body: { reason: 'x', refundPercent: 100 } })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toEqual(['refundPercent'])
  })
})

describe('Idempotency-Key on manage writes', () => {
  it('replays the first cancel for the same key and body, 422 for another body, 400 for a malformed key', async () => {
    const { id, token } = await book(dateAhead(318))
    const key = `cancel-${runTag()}`
    const body = { reason: 'Double click' }
    const first = await rest<CancelResponse>('POST', path(token, '/cancel'), { body, headers: { 'Idempotency-Key': key } })
    expect(first.status).toBe(200)
    const versions = await versionsOf(id)
    const replay = await rest<CancelResponse>('POST', path(token, '/cancel'), { body, headers: { 'Idempotency-Key': key } })
    expect(replay.status).toBe(200)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expectPrivate(replay.headers)
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(first.body))
    expect(await versionsOf(id)).toBe(versions)
    const other = await rest('POST', path(token, '/cancel'), { body: { reason: 'Something else' }, headers: { 'Idempotency-Key': key } })
    expect(other.status).toBe(422)
    const malformed = await rest('POST', path(token, '/cancel'), { body, headers: { 'Idempotency-Key': 'has spaces' } })
    expect(malformed.status).toBe(400)
    expect(errorPaths(malformed)).toEqual(['Idempotency-Key'])
  })

  it('runs many simultaneous cancels with one key once', async () => {
    const { id, token } = await book(dateAhead(319))
    const key = `burst-${runTag()}`
    const results = await Promise.all(Array.from({ length: 10 }, () => rest('POST', path(token, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })))
    expect(results.filter((r) => r.status >= 500)).toEqual([])
    const ok = results.filter((r) => r.status === 200)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((r) => JSON.stringify(r.body))).size).toBe(1)
    for (const r of results.filter((x) => x.status !== 200)) expect(conflictReason(r)).toBe('idempotency_in_progress')
    const cancelledVersions = (await payload.findVersions({ collection: 'bookings', where: { and: [{ parent: { equals: id } }, { 'version.status': { equals: 'cancelled' } }] }, overrideAccess: true })).totalDocs
    expect(cancelledVersions).toBe(1)
  })

  it('keeps the keys of different bookings apart', async () => {
    const a = await book(dateAhead(320))
    const b = await book(dateAhead(321))
    const key = `shared-${runTag()}`
    const ra = await rest<CancelResponse>('POST', path(a.token, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    const rb = await rest<CancelResponse>('POST', path(b.token, '/cancel'), { body: {}, headers: { 'Idempotency-Key': key } })
    expect([ra.status, rb.status]).toEqual([200, 200])
    expect(rb.headers.get('idempotent-replayed')).toBeNull()
    expect(rb.body.booking.id).toBe(b.id)
  })
})

describe('GET /api/bookings/manage/:token/calendar.ics', () => {
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

  it('downloads the booking as one calendar event', async () => {
    const { id, token } = await book(dateAhead(322), '17:30')
    const doc = await stored(id)
    const res = await rest<string>('GET', path(token, '/calendar.ics'))
    expect(res.status).toBe(200)
    expectPrivate(res.headers)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="hibachi-${dateAhead(322)}.ics"`)
    const ics = unfold(res.body)
    const site = env().PUBLIC_SERVER_URL.replace(/\/+$/, '')
    const startUtc = new Date(String(doc.startsAt)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    expect(ics).toContain(`UID:booking-${id}@${new URL(site).hostname}\r\n`)
    expect(ics).toContain(`DTSTART:${startUtc}\r\n`)
    expect(ics).toContain('DURATION:PT120M\r\n')
    expect(ics).toContain('SUMMARY:MyHibachi hibachi dinner\r\n')
    expect(ics).toContain('LOCATION:1 Main St\\, New York\\, NY 10001\r\n')
    expect(ics).toContain('STATUS:TENTATIVE\r\n')
    expect(ics).toContain('2 guests (2 adults)')
    expect(ics).toContain(`${site}/booking/${token}`)

    expect((await rest('POST', path(token, '/cancel'), { body: {} })).status).toBe(200)
    const cancelled = unfold((await rest<string>('GET', path(token, '/calendar.ics'))).body)
    expect(cancelled).toContain('METHOD:CANCEL\r\n')
    expect(cancelled).toContain('STATUS:CANCELLED\r\n')
  })

  it('answers 404 for an unknown token', async () => {
    const res = await rest('GET', path('B'.repeat(32), '/calendar.ics'))
    expect(res.status).toBe(404)
    expectPrivate(res.headers)
  })
})
