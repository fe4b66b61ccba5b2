/**
 * The booking rules through the public REST API: what the server decides alone, the quote,
 * field-named 400s, duplicates, the status lifecycle, customer find-or-create, chef assignment,
 * re-pricing on staff edits, and availability.
 */
import { createHash } from 'node:crypto'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  applySettings,
  bookingBody,
  conflictReason,
  createStaff,
  dateAhead,
  errorMessage,
  errorPaths,
  idOf,
  plainPricing,
  quoteBodyFor,
  runTag,
  staffAuth,
  type BookingBody,
  type BookingDoc,
  type DocResponse,
  type Pricing,
} from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const tag = runTag()

/** This file's event dates are 70–80 days ahead (no other booking test file uses them). */
const BASE = 70
const DAY = {
  serverOnly: dateAhead(BASE),
  quote: dateAhead(BASE + 1),
  validation: dateAhead(BASE + 2),
  blackout: dateAhead(BASE + 3),
  duplicate: dateAhead(BASE + 4),
  lifecycle: dateAhead(BASE + 5),
  customerA: dateAhead(BASE + 6),
  customerB: dateAhead(BASE + 7),
  chefs: dateAhead(BASE + 8),
  reprice: dateAhead(BASE + 9),
  availability: dateAhead(BASE + 10),
}

const PRICES = { adult: 6000, child: 3000, upgrade: 1500, travel: 2500, taxMicros: 88750, minimum: 55000, deposit: 10000 }

let payload: Payload
let manager: Record<string, string>
let admin: Record<string, string>
let chefId: number
let upgradeId: number

const email = (name: string) => `${name}-${tag}@example.test`

async function book(body: BookingBody) {
  return rest<DocResponse>('POST', '/bookings', { body })
}

async function created(body: BookingBody): Promise<BookingDoc> {
  const res = await book(body)
  if (res.status !== 201) throw new Error(`booking failed with ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body.doc
}

async function patch(id: number, body: Record<string, unknown>) {
  return rest<DocResponse>('PATCH', `/bookings/${id}`, { body, headers: manager })
}

/** POST /api/quote answers the pricing plus whether the travel fee is in it yet. */
async function quote(body: Record<string, unknown>) {
  return rest<Pricing & { travelFeeKnown: boolean }>('POST', '/quote', { body })
}

async function bookingCount(): Promise<number> {
  return (await payload.count({ collection: 'bookings', overrideAccess: true })).totalDocs
}

async function stored(id: number) {
  return payload.findByID({ collection: 'bookings', id, overrideAccess: true, showHiddenFields: true, depth: 0 })
}

/** Half-up rounding of amount × micros / 1e6 for the non-negative integers used here. */
const taxOf = (cents: number) => Math.floor((cents * PRICES.taxMicros + 500_000) / 1_000_000)

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, {
    chefCount: 2,
    guestsPerChef: 15,
    adultPriceCents: PRICES.adult,
    childPriceCents: PRICES.child,
    minimumOrderCents: PRICES.minimum,
    taxRateMicros: PRICES.taxMicros,
    depositKind: 'fixed',
    depositAmountCents: PRICES.deposit,
    serviceAreas: [{ zone: 'Manhattan', zips: '10001-10099', travelFeeCents: PRICES.travel }],
    cancellationTiers: [
      { minDaysBefore: 90, refundPercent: 100 },
      { minDaysBefore: 14, refundPercent: 50 },
      { minDaysBefore: 0, refundPercent: 0 },
    ],
    blackoutDates: [{ date: DAY.blackout }],
  })
  await createStaff(payload, `admin-${tag}@myhibachi.test`, 'admin')
  await createStaff(payload, `manager-${tag}@myhibachi.test`, 'manager')
  chefId = await createStaff(payload, `chef-${tag}@myhibachi.test`, 'chef')
  admin = await staffAuth(rest, `admin-${tag}@myhibachi.test`)
  manager = await staffAuth(rest, `manager-${tag}@myhibachi.test`)
  const upgrade = await payload.create({
    collection: 'menu-items',
    data: { name: `Filet Mignon Upgrade ${tag}`, category: 'upgrade', priceCents: PRICES.upgrade, pricing: 'per_guest', active: true },
    overrideAccess: true,
  })
  upgradeId = upgrade.id
})

describe('server-only fields', () => {
  it('ignores status, pricing, payment, chefs, token hash and source sent by an anonymous caller', async () => {
    const party = bookingBody(DAY.serverOnly, email('sneaky'), { guests: { adults: 6, children: 1 }, menu: [{ item: upgradeId, quantity: 3 }] })
    const res = await book({
      ...party,
      status: 'confirmed',
      pricing: { totalCents: 0 },
      payment: { depositPaidCents: 99999 },
      assignedChefs: [chefId],
      manageTokenHash: 'not-a-real-hash',
      source: 'admin',
    })
    expect(res.status).toBe(201)
    const doc = res.body.doc
    expect(doc.status).toBe('pending')
    expect(doc.source).toBe('web')
    expect(doc.payment?.depositPaidCents).toBe(0)
    expect(doc.assignedChefs ?? []).toEqual([])
    expect(doc.manageTokenHash).toBeUndefined()

    const q = await quote(quoteBodyFor(party))
    expect(q.status).toBe(200)
    expect(q.body.totalCents).toBeGreaterThan(0)
    expect(plainPricing(doc.pricing)).toEqual({ ...q.body, travelFeeKnown: undefined })

    const row = await stored(doc.id)
    expect(row.status).toBe('pending')
    expect(row.source).toBe('web')
    expect(row.payment?.depositPaidCents).toBe(0)
    expect(row.pricing?.totalCents).toBe(q.body.totalCents)
    expect(row.assignedChefs ?? []).toEqual([])

    expect(typeof doc.manageToken).toBe('string')
    expect(doc.manageToken?.length).toBeGreaterThanOrEqual(24)
    const hash = createHash('sha256')
      .update(doc.manageToken ?? '')
      .digest('hex')
    expect(row.manageTokenHash).toBe(hash)

    const read = await rest<BookingDoc>('GET', `/bookings/${doc.id}`, { headers: admin })
    expect(read.status).toBe(200)
    expect(read.body.id).toBe(doc.id)
    expect(read.body).not.toHaveProperty('manageToken')
    expect(read.body).not.toHaveProperty('manageTokenHash')
  })
})

describe('POST /api/quote', () => {
  const party = () =>
    bookingBody(DAY.quote, email('quote'), { guests: { adults: 8, children: 2 }, menu: [{ item: upgradeId, quantity: 4 }] })

  it('itemizes 8 adults + 2 children with an upgrade inside the service area', async () => {
    const res = await quote(quoteBodyFor(party()))
    expect(res.status).toBe(200)
    const food = 8 * PRICES.adult + 2 * PRICES.child + 4 * PRICES.upgrade
    expect(food).toBeGreaterThan(PRICES.minimum)
    const tax = taxOf(food + PRICES.travel)
    expect(res.body).toEqual({
      lineItems: [
        { label: 'Adults × 8', amountCents: 48000 },
        { label: 'Children × 2', amountCents: 6000 },
        { label: `Filet Mignon Upgrade ${tag} × 4`, amountCents: 6000 },
      ],
      subtotalCents: food,
      travelFeeCents: PRICES.travel,
      taxCents: tax,
      depositCents: PRICES.deposit,
      totalCents: food + PRICES.travel + tax,
      currency: 'usd',
      travelFeeKnown: true,
    })
    // 60000 + 2500 = 62500; 8.875% of it is 5546.875 → 5547; total 68047.
    expect(res.body.taxCents).toBe(5547)
    expect(res.body.totalCents).toBe(68047)
  })

  it('prices the party before the address is known, without a travel fee, and adds it once the ZIP is known', async () => {
    const { address: _address, ...noAddress } = quoteBodyFor(party())
    const early = await quote(noAddress)
    expect(early.status).toBe(200)
    expect(early.body.travelFeeKnown).toBe(false)
    expect(early.body.travelFeeCents).toBe(0)
    const withZip = await quote({ ...noAddress, address: { zip: '10001' } })
    expect(withZip.status).toBe(200)
    expect(withZip.body.travelFeeKnown).toBe(true)
    expect(withZip.body.travelFeeCents).toBe(PRICES.travel)
    expect(withZip.body.totalCents).toBeGreaterThan(early.body.totalCents)
  })

  it('accepts menu item ids as strings as well as numbers', async () => {
    const body = bookingBody(DAY.quote, email('string-id'), { menu: [{ item: String(upgradeId), quantity: 1 }] })
    const res = await rest<{ doc: BookingDoc }>('POST', '/bookings', { body })
    expect(res.status).toBe(201)
    expect(res.body.doc.pricing.lineItems.some((l) => l.label.startsWith('Filet Mignon Upgrade'))).toBe(true)
  })

  it('answers 400 at address.zip outside the service area, 400 for an unknown key, and saves nothing', async () => {
    const before = await bookingCount()
    const outside = await quote(quoteBodyFor({ ...party(), address: { street: '1 Elm St', city: 'Boston', state: 'MA', zip: '02108' } }))
    expect(outside.status).toBe(400)
    expect(errorPaths(outside)).toContain('address.zip')

    const extra = await quote({ ...quoteBodyFor(party()), coupon: 'FREE' })
    expect(extra.status).toBe(400)
    expect(errorPaths(extra)).toContain('coupon')

    const ok = await quote(quoteBodyFor(party()))
    expect(ok.status).toBe(200)
    expect(await bookingCount()).toBe(before)
  })
})

describe('400 names each bad field', () => {
  const base = (name: string) => bookingBody(DAY.validation, email(name))

  it('startTime 25:00 → startTime', async () => {
    const res = await book({ ...base('bad-time'), startTime: '25:00' })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('startTime')
  })

  it('special requests of 501 characters → specialRequests', async () => {
    const res = await book({ ...base('long-notes'), specialRequests: 'x'.repeat(501) })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('specialRequests')
  })

  it('a date inside the lead time → eventDate', async () => {
    const res = await book(bookingBody(dateAhead(1), email('too-soon')))
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('eventDate')
  })

  it('a blackout date → 400 at eventDate', async () => {
    const res = await book(bookingBody(DAY.blackout, email('blackout')))
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('eventDate')
  })

  it('no adults → 400 at guests.adults', async () => {
    const res = await book({ ...base('no-adults'), guests: { adults: 0, children: 2 } })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('guests.adults')
  })

  it('saved none of them', async () => {
    // By this file's addresses, not by date: files that ran earlier on this worker's database
    // may hold bookings on any date (a CI run once found two of theirs on these dates).
    const names = ['bad-time', 'long-notes', 'too-soon', 'blackout', 'no-adults']
    const res = await payload.count({
      collection: 'bookings',
      where: { 'contact.email': { in: names.map(email) } },
      overrideAccess: true,
    })
    expect(res.totalDocs).toBe(0)
  })
})

describe('one booking per email and date', () => {
  it('refuses the same email in another case on the same date with 409 duplicate_booking, until the first is cancelled', async () => {
    const first = await created(bookingBody(DAY.duplicate, `Dup-${tag}@Example.TEST`))
    expect(first.contact.email).toBe(`dup-${tag}@example.test`)

    const again = await book(bookingBody(DAY.duplicate, `dup-${tag}@example.test`, { startTime: '18:00' }))
    expect(again.status).toBe(409)
    expect(conflictReason(again)).toBe('duplicate_booking')

    const cancelled = await patch(first.id, { status: 'cancelled' })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.doc.status).toBe('cancelled')

    const rebooked = await book(bookingBody(DAY.duplicate, `DUP-${tag}@example.test`, { startTime: '18:00' }))
    expect(rebooked.status).toBe(201)
    expect(rebooked.body.doc.status).toBe('pending')
  })
})

describe('status lifecycle (manager through REST)', () => {
  it('moves pending → confirmed → completed and refuses completed → pending, naming both states', async () => {
    const b = await created(bookingBody(DAY.lifecycle, email('life'), { startTime: '11:00' }))
    const confirmed = await patch(b.id, { status: 'confirmed' })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.doc.status).toBe('confirmed')
    const completed = await patch(b.id, { status: 'completed' })
    expect(completed.status).toBe(200)
    expect(completed.body.doc.status).toBe('completed')

    const back = await patch(b.id, { status: 'pending' })
    expect(back.status).toBe(409)
    expect(conflictReason(back)).toBe('invalid_transition')
    expect(errorMessage(back)).toMatch(/completed/)
    expect(errorMessage(back)).toMatch(/pending/)
    expect((await stored(b.id)).status).toBe('completed')
  })

  it('refuses pending → completed with 409', async () => {
    const b = await created(bookingBody(DAY.lifecycle, email('skip'), { startTime: '15:00' }))
    const res = await patch(b.id, { status: 'completed' })
    expect(res.status).toBe(409)
    expect(conflictReason(res)).toBe('invalid_transition')
    expect((await stored(b.id)).status).toBe('pending')
  })

  it('stores the refund percent of the matching cancellation tier', async () => {
    const b = await created(bookingBody(DAY.lifecycle, email('cancel'), { startTime: '19:00' }))
    const res = await patch(b.id, { status: 'cancelled' })
    expect(res.status).toBe(200)
    const row = await stored(b.id)
    expect(row.status).toBe('cancelled')
    // 75 days ahead: at least 14 but fewer than 90 whole days before → the 50 % tier.
    expect(row.cancellation?.refundPercent).toBe(50)
    expect(row.cancellation?.refundCents).toBe(0)
    expect(row.cancellation?.cancelledAt).toBeTruthy()
  })
})

describe('customers', () => {
  it('finds or creates the customer by email: two bookings, one lower-cased customer', async () => {
    const mixed = `Repeat.Guest-${tag}@Example.TEST`
    const a = await created(bookingBody(DAY.customerA, mixed))
    const b = await created(bookingBody(DAY.customerB, mixed.toLowerCase()))
    const rowA = await stored(a.id)
    const rowB = await stored(b.id)
    expect(rowA.customer).toBeTruthy()
    expect(rowB.customer).toBe(rowA.customer)

    const customers = await payload.find({ collection: 'customers', where: { email: { like: `repeat.guest-${tag}` } }, overrideAccess: true })
    expect(customers.totalDocs).toBe(1)
    expect(customers.docs[0]?.id).toBe(rowA.customer)
    expect(customers.docs[0]?.email).toBe(mixed.toLowerCase())
  })
})

describe('chef assignment', () => {
  const chefsOf = async (id: number) => ((await stored(id)).assignedChefs ?? []).map(idOf)

  it('lets a manager assign a chef to a booking', async () => {
    const b = await created(bookingBody(DAY.chefs, email('chef-m'), { startTime: '11:00' }))
    const res = await patch(b.id, { assignedChefs: [chefId] })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await chefsOf(b.id)).toEqual([chefId])
  })

  it('refuses the same chef on an overlapping booking with 409 chef_unavailable, never 500', async () => {
    const a = await created(bookingBody(DAY.chefs, email('chef-a'), { startTime: '17:00' }))
    const b = await created(bookingBody(DAY.chefs, email('chef-b'), { startTime: '18:00' }))
    const first = await patch(a.id, { assignedChefs: [chefId] })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(await chefsOf(a.id)).toEqual([chefId])

    const second = await patch(b.id, { assignedChefs: [chefId] })
    expect(second.status, JSON.stringify(second.body)).toBe(409)
    expect(conflictReason(second)).toBe('chef_unavailable')
    expect(await chefsOf(b.id)).toEqual([])
  })
})

describe('staff edits re-price', () => {
  it('changing guests.adults sets the price to the quote for the new party', async () => {
    const party = bookingBody(DAY.reprice, email('reprice'), { guests: { adults: 4, children: 2 } })
    const b = await created(party)
    const res = await patch(b.id, { guests: { adults: 10 } })
    expect(res.status).toBe(200)
    const q = await quote(quoteBodyFor({ ...party, guests: { adults: 10, children: 2 } }))
    expect(q.status).toBe(200)
    expect(q.body.totalCents).not.toBe(b.pricing.totalCents)
    expect(res.body.doc.pricing.totalCents).toBe(q.body.totalCents)
    const row = await stored(b.id)
    expect(row.guests.adults).toBe(10)
    expect(row.guests.children).toBe(2)
    expect(row.pricing?.totalCents).toBe(q.body.totalCents)
  })
})

interface AvailabilityBody {
  timezone: string
  days: { date: string; slots: { time: string; available: boolean; remaining: number }[] }[]
}

describe('GET /api/availability', () => {
  const D = DAY.availability
  const slotAt = (body: AvailabilityBody, time: string) => body.days[0]?.slots.find((s) => s.time === time)

  it('lists the day’s slots and marks a slot full once both chefs are booked', async () => {
    const before = await rest<AvailabilityBody>('GET', `/availability?from=${D}&to=${D}`)
    expect(before.status).toBe(200)
    expect(before.body.timezone).toBe('America/New_York')
    expect(before.body.days.map((d) => d.date)).toEqual([D])
    expect(slotAt(before.body, '18:00')).toMatchObject({ time: '18:00', available: true, remaining: 2 })

    await created(bookingBody(D, email('avail-1'), { startTime: '18:00' }))
    await created(bookingBody(D, email('avail-2'), { startTime: '18:00' }))

    const after = await rest<AvailabilityBody>('GET', `/availability?from=${D}&to=${D}`)
    expect(after.status).toBe(200)
    expect(slotAt(after.body, '18:00')).toMatchObject({ time: '18:00', available: false, remaining: 0 })
    // Far enough from 18:00 (buffers included) to be untouched.
    expect(slotAt(after.body, '11:00')).toMatchObject({ available: true, remaining: 2 })

    const third = await book(bookingBody(D, email('avail-3'), { startTime: '18:00' }))
    expect(third.status).toBe(409)
    expect(conflictReason(third)).toBe('slot_full')
  })

  it('answers 400 when the range ends before it starts', async () => {
    const res = await rest('GET', `/availability?from=${D}&to=${dateAhead(BASE + 9)}`)
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('to')
  })
})
