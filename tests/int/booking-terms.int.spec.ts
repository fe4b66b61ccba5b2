/**
 * The terms a customer cannot game (src/domain/bookingTerms.ts), through the public REST API and
 * the manage link: the duration the settings give, start times on the slot grid, a price fixed
 * when booked, refunds counted from the earliest start, and no link changes once the event began.
 * Each of these failed on the main branch before they were written.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  applySettings,
  bookingBody,
  conflictReason,
  createStaff,
  dateAhead,
  errorPaths,
  quoteBodyFor,
  runTag,
  staffAuth,
  type BookingBody,
  type DocResponse,
  type Pricing,
} from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const tag = runTag()
const email = (name: string) => `${name}-${tag}@terms.test`

let payload: Payload
let manager: Record<string, string>
let upgradeId: number

interface ManageAnswer {
  booking: { canReschedule: boolean; canCancel: boolean; refundIfCancelledNow: { refundPercent: number } | null; pricing: Pricing }
  refund?: { refundPercent: number }
}

beforeAll(async () => {
  payload = await getPayload({ config })
  // Refund tiers (baseSettings): 90+ days 100 %, 14+ days 50 %, less 0 %. Slots every 30 minutes from 11:00.
  // Twenty chefs: other files (the seed's bookings among them) may hold the same days.
  await applySettings(payload, { chefCount: 20 })
  const managerEmail = `manager-${tag}@myhibachi.test`
  await createStaff(payload, managerEmail, 'manager')
  manager = await staffAuth(rest, managerEmail)
  const item = await payload.create({
    collection: 'menu-items',
    data: { name: `Lobster ${tag}`, category: 'upgrade', priceCents: 2000, pricing: 'per_guest', active: true },
    overrideAccess: true,
  })
  upgradeId = item.id
})

afterAll(async () => {
  await applySettings(payload)
  // Writes purge the availability cache again 750 ms later: let it run before teardown closes Redis.
  await new Promise((resolve) => setTimeout(resolve, 1000))
})

async function book(body: BookingBody, headers: Record<string, string> = {}) {
  return rest<DocResponse & { doc: { manageToken?: string; durationMinutes?: number; startsAt?: string; endsAt?: string; blockedUntil?: string } }>('POST', '/bookings', { body, headers })
}

async function stored(id: number) {
  return payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
}

async function countFor(address: string): Promise<number> {
  return (await payload.count({ collection: 'bookings', where: { 'contact.email': { equals: address } }, overrideAccess: true })).totalDocs
}

const manage = (token: string, action = '') => `/bookings/manage/${token}${action}`

describe('duration', () => {
  it('gives an anonymous booking that asks for 8 hours the 2 hours the settings give its party', async () => {
    const res = await book({ ...bookingBody(dateAhead(57), email('long')), durationMinutes: 480 })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const row = await stored(res.body.doc.id)
    expect(row.durationMinutes).toBe(120)
    expect(new Date(String(row.endsAt)).getTime() - new Date(String(row.startsAt)).getTime()).toBe(120 * 60_000)
  })

  it('lets staff sell a longer event', async () => {
    const res = await book({ ...bookingBody(dateAhead(58), email('staff-long')), durationMinutes: 240 }, manager)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect((await stored(res.body.doc.id)).durationMinutes).toBe(240)
  })
})

describe('start times', () => {
  it('refuses a customer start time off the slot grid with a 400 naming startTime, writing nothing', async () => {
    const address = email('offgrid')
    const res = await book(bookingBody(dateAhead(59), address, { startTime: '17:15' }))
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(errorPaths(res)).toContain('startTime')
    expect(await countFor(address)).toBe(0)
  })

  it('refuses an off-grid time in a quote and in a reschedule through the manage link', async () => {
    const quote = await rest('POST', '/quote', { body: quoteBodyFor(bookingBody(dateAhead(59), email('q'), { startTime: '12:10' })) })
    expect(quote.status).toBe(400)
    expect(errorPaths(quote)).toContain('startTime')
    const made = await book(bookingBody(dateAhead(60), email('move-offgrid')))
    const token = String(made.body.doc.manageToken)
    const moved = await rest('POST', manage(token, '/reschedule'), { body: { eventDate: dateAhead(61), startTime: '13:05' } })
    expect(moved.status).toBe(400)
    expect(errorPaths(moved)).toContain('startTime')
    expect((await stored(made.body.doc.id)).eventDate).toBe(dateAhead(60))
  })

  it('lets staff book 17:15 for a phone customer', async () => {
    const res = await book(bookingBody(dateAhead(59), email('phone'), { startTime: '17:15' }), manager)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })
})

describe('refunds count from the earliest start', () => {
  it('refunds a booking moved from 62 days out to 330 days out as the 62-day booking (50 %, not 100 %)', async () => {
    const made = await book(bookingBody(dateAhead(62), email('gamer')))
    expect(made.status).toBe(201)
    const token = String(made.body.doc.manageToken)
    const moved = await rest<ManageAnswer>('POST', manage(token, '/reschedule'), { body: { eventDate: dateAhead(330), startTime: '12:00' } })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.booking.refundIfCancelledNow?.refundPercent).toBe(50)
    const cancelled = await rest<ManageAnswer>('POST', manage(token, '/cancel'), { body: {} })
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200)
    expect(cancelled.body.refund?.refundPercent).toBe(50)
    expect((await stored(made.body.doc.id)).cancellation?.refundPercent).toBe(50)
  })

  it('counts from the new start when a booking is moved earlier', async () => {
    const made = await book(bookingBody(dateAhead(331), email('earlier')))
    const token = String(made.body.doc.manageToken)
    const moved = await rest<ManageAnswer>('POST', manage(token, '/reschedule'), { body: { eventDate: dateAhead(63), startTime: '12:00' } })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.booking.refundIfCancelledNow?.refundPercent).toBe(50)
  })
})

describe('the manage link after the event has started', () => {
  it('neither reschedules nor cancels, and says so in the view', async () => {
    const made = await book(bookingBody(dateAhead(64), email('past')))
    const token = String(made.body.doc.manageToken)
    // The event began an hour ago (moved by the system, as time would).
    const started = new Date(Date.now() - 3_600_000)
    await payload.db.updateOne({ collection: 'bookings', where: { id: { equals: made.body.doc.id } }, data: { startsAt: started.toISOString(), refundBasisStartsAt: started.toISOString() } })
    const view = await rest<ManageAnswer>('GET', manage(token))
    expect(view.status).toBe(200)
    expect(view.body.booking.canReschedule).toBe(false)
    expect(view.body.booking.canCancel).toBe(false)
    const moved = await rest('POST', manage(token, '/reschedule'), { body: { eventDate: dateAhead(65), startTime: '12:00' } })
    expect(moved.status).toBe(409)
    expect(conflictReason(moved)).toBe('event_passed')
    const cancelled = await rest('POST', manage(token, '/cancel'), { body: {} })
    expect(cancelled.status).toBe(409)
    expect(conflictReason(cancelled)).toBe('event_passed')
    expect((await stored(made.body.doc.id)).status).toBe('pending')
  })
})

describe('the price is fixed when booked', () => {
  const raise = () => applySettings(payload, { chefCount: 20, adultPriceCents: 9900 })

  it('keeps the price through a contact edit and a reschedule made after prices rose', async () => {
    const made = await book(bookingBody(dateAhead(66), email('fixed'), { guests: { adults: 10, children: 0 } }))
    expect(made.status).toBe(201)
    const price = made.body.doc.pricing.totalCents
    await raise()
    try {
      const edit = await rest<DocResponse>('PATCH', `/bookings/${made.body.doc.id}`, { body: { contact: { name: 'New Name', email: email('fixed'), phone: '212-555-0199' } }, headers: manager })
      expect(edit.status, JSON.stringify(edit.body)).toBe(200)
      expect(edit.body.doc.pricing.totalCents).toBe(price)
      const moved = await rest<ManageAnswer>('POST', manage(String(made.body.doc.manageToken), '/reschedule'), { body: { eventDate: dateAhead(67), startTime: '12:00' } })
      expect(moved.status, JSON.stringify(moved.body)).toBe(200)
      expect(moved.body.booking.pricing.totalCents).toBe(price)
      expect((await stored(made.body.doc.id)).pricing?.totalCents).toBe(price)
    } finally {
      await applySettings(payload, { chefCount: 20 })
    }
  })

  it('re-prices when staff ask for it, and when the party changes', async () => {
    const made = await book(bookingBody(dateAhead(68), email('reprice'), { guests: { adults: 10, children: 0 } }))
    const price = made.body.doc.pricing.totalCents
    await raise()
    try {
      const asked = await rest<DocResponse>('PATCH', `/bookings/${made.body.doc.id}`, { body: { repriceNow: true }, headers: manager })
      expect(asked.status, JSON.stringify(asked.body)).toBe(200)
      expect(asked.body.doc.pricing.totalCents).toBeGreaterThan(price)
      const fresh = await rest<Pricing>('POST', '/quote', { body: quoteBodyFor(bookingBody(dateAhead(68), email('reprice'), { guests: { adults: 10, children: 0 } })) })
      expect(asked.body.doc.pricing.totalCents).toBe(fresh.body.totalCents)
      // An anonymous caller cannot ask for it (the field is staff-only and the booking not theirs).
      const anonymous = await rest('PATCH', `/bookings/${made.body.doc.id}`, { body: { repriceNow: true } })
      expect([401, 403]).toContain(anonymous.status)
    } finally {
      await applySettings(payload, { chefCount: 20 })
    }
  })

  it('never lets a menu item retired since booking block an unrelated edit, or a party change', async () => {
    const made = await book(bookingBody(dateAhead(69), email('retired'), { guests: { adults: 10, children: 0 }, menu: [{ item: upgradeId, quantity: 10 }] }))
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    await payload.update({ collection: 'menu-items', id: upgradeId, data: { active: false }, overrideAccess: true })
    try {
      const edit = await rest<DocResponse>('PATCH', `/bookings/${made.body.doc.id}`, { body: { specialRequests: 'Birthday cake at 8' }, headers: manager })
      expect(edit.status, JSON.stringify(edit.body)).toBe(200)
      const party = await rest<DocResponse>('PATCH', `/bookings/${made.body.doc.id}`, { body: { guests: { adults: 12, children: 0 } }, headers: manager })
      expect(party.status, JSON.stringify(party.body)).toBe(200)
      expect(party.body.doc.pricing.lineItems.some((l) => l.label.includes('Lobster'))).toBe(true)
      // A new booking cannot order it any more.
      const fresh = await book(bookingBody(dateAhead(57), email('retired-new'), { menu: [{ item: upgradeId, quantity: 2 }] }))
      expect(fresh.status).toBe(400)
      expect(errorPaths(fresh)).toContain('menu.0.item')
    } finally {
      await payload.update({ collection: 'menu-items', id: upgradeId, data: { active: true }, overrideAccess: true })
    }
  })
})
