// What a booking write means (src/domain/booking/plan.ts), its limits and horizon, told as the
// business would say them. Plain data in, decisions out: no storage, no clock.
import { describe, expect, it } from 'vitest'

import {
  assertBookable,
  availabilityQueryIssues,
  BOOKING_LIMITS,
  ConflictError,
  durationIssues,
  HHMM_PATTERN,
  isBeyondHorizon,
  lastBookableDate,
  partyIssues,
  planBookingWrite,
  priceSchedule,
  scheduleFields,
  type BookingWrite,
} from '../../src/domain'
import { settingsWith, validationIssues } from './support'

const NOW = new Date('2026-06-01T12:00:00Z')
const S = settingsWith()

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventDate: '2026-06-20',
    startTime: '18:00',
    guests: { adults: 6, children: 2 },
    address: { street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' },
    menu: [{ item: '7', quantity: 2 }],
    contact: { name: 'Ana Diaz', email: 'ana@example.com', phone: '212 555 0100' },
    ...overrides,
  }
}

/** A stored booking as Payload returns it: relations populated, row ids, server fields set. */
function stored(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...body(),
    id: 41,
    status: 'pending',
    durationMinutes: 120,
    menu: [{ id: 'row1', item: { id: 7, name: 'Filet' }, quantity: 2 }],
    startsAt: '2026-06-20T22:00:00.000Z',
    refundBasisStartsAt: '2026-06-20T22:00:00.000Z',
    blockedFrom: '2026-06-20T21:00:00.000Z',
    blockedUntil: '2026-06-21T01:00:00.000Z',
    payment: { depositPaidCents: 10000 },
    ...overrides,
  }
}

const create = (incoming: Record<string, unknown>, byStaff = false): BookingWrite => ({ operation: 'create', byStaff, incoming, settings: S, now: NOW })
const update = (incoming: Record<string, unknown>, original = stored(), byStaff = true): BookingWrite => ({ operation: 'update', byStaff, incoming, original, settings: S, now: NOW })

describe('a new booking', () => {
  it('is pending when a customer makes it, whatever status they send', () => {
    expect(planBookingWrite(create(body({ status: 'confirmed' }))).status).toBe('pending')
  })

  it('may be made confirmed by staff, but never completed', () => {
    expect(planBookingWrite(create(body({ status: 'confirmed' }), true)).status).toBe('confirmed')
    expect(planBookingWrite(create(body({ status: 'completed' }), true)).status).toBe('pending')
  })

  it('comes from the web when a customer makes it, and from the admin unless staff say phone or chat', () => {
    expect(planBookingWrite(create(body({ source: 'phone' }))).create).toEqual({ source: 'web', customerFromStaff: false })
    expect(planBookingWrite(create(body(), true)).create?.source).toBe('admin')
    expect(planBookingWrite(create(body({ source: 'phone', customer: 5 }), true)).create).toEqual({ source: 'phone', customerFromStaff: true })
  })

  it('is priced, and blocks the event plus the buffers around it, in the business time zone', () => {
    const { schedule } = planBookingWrite(create(body()))
    expect(schedule?.reprice).toEqual({ menuItemIds: ['7'], grandfathered: new Set() })
    expect(schedule?.startsAt.toISOString()).toBe('2026-06-20T22:00:00.000Z')
    expect(schedule?.endsAt.toISOString()).toBe('2026-06-21T00:00:00.000Z')
    expect(schedule?.blocked.start.toISOString()).toBe('2026-06-20T21:00:00.000Z')
    expect(schedule?.blocked.end.toISOString()).toBe('2026-06-21T01:00:00.000Z')
    expect(schedule?.chefUnits).toBe(1)
  })

  it('names every broken rule at once', () => {
    const paths = validationIssues(() => planBookingWrite(create(body({ startTime: '17:15', guests: { adults: 0, children: 0 } })))).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['startTime', 'guests', 'guests.adults']))
  })
})

describe('a change to a booking', () => {
  it('keeps the price when only the contact changes', () => {
    const plan = planBookingWrite(update({ contact: { name: 'Ana D.', email: 'ana@example.com', phone: '212 555 0100' } }))
    expect(plan.schedule).not.toBeNull()
    expect(plan.schedule?.reprice).toBeNull()
  })

  it('re-prices when the party changes, keeping retired items on the booking priced', () => {
    const plan = planBookingWrite(update({ guests: { adults: 10, children: 0 } }))
    expect(plan.schedule?.reprice?.grandfathered).toEqual(new Set(['7']))
  })

  it('re-prices when staff ask, and only staff', () => {
    expect(planBookingWrite(update({ repriceNow: true })).schedule?.reprice).not.toBeNull()
    expect(planBookingWrite(update({ repriceNow: true }, stored(), false)).schedule).toBeNull()
  })

  it('treats a resent identical form (the admin panel sends every field) as no change', () => {
    const original = stored()
    expect(planBookingWrite(update({ ...body(), menu: [{ item: 7, quantity: 2 }] }, original)).schedule).toBeNull()
  })

  it('counts refunds from the earliest start the booking has had', () => {
    const plan = planBookingWrite(update({ eventDate: '2026-06-27' }))
    expect(plan.schedule?.refundBasisStartsAt.toISOString()).toBe('2026-06-20T22:00:00.000Z')
  })

  it('checks only the chefs when only the chefs change', () => {
    const plan = planBookingWrite(update({ assignedChefs: [{ id: 3 }, 4] }))
    expect(plan.schedule).toBeNull()
    expect(plan.chefCheck).toEqual({ range: { start: new Date('2026-06-20T21:00:00.000Z'), end: new Date('2026-06-21T01:00:00.000Z') }, chefIds: ['3', '4'] })
  })

  it('refuses a move the lifecycle does not allow', () => {
    expect(() => planBookingWrite(update({ status: 'pending' }, stored({ status: 'cancelled' })))).toThrow(ConflictError)
  })

  it('records the refund the policy gives when it cancels', () => {
    const plan = planBookingWrite(update({ status: 'cancelled' }))
    // 19 days before the event: the 7-day tier refunds all of the deposit paid.
    expect(plan.cancellation).toEqual({ cancelledAt: NOW, refundPercent: 100, refundCents: 10000 })
    expect(plan.schedule).toBeNull()
  })
})

describe('the calendar’s word', () => {
  const schedule = () => {
    const s = planBookingWrite(create(body({ assignedChefs: [9] }), true)).schedule
    if (!s) throw new Error('a new booking always has a schedule')
    return s
  }
  const other = (chefIds: string[]) => ({ id: '2', startsAt: new Date('2026-06-20T22:00:00Z'), endsAt: new Date('2026-06-21T00:00:00Z'), chefUnits: 1, chefIds })

  it('refuses a time every chef already works', () => {
    expect(() => assertBookable(S, schedule(), { others: [other([]), other([])], sameDayDuplicate: false })).toThrow(expect.objectContaining({ reason: 'slot_full' }))
  })
  it('refuses a chef who works an overlapping booking', () => {
    expect(() => assertBookable(S, schedule(), { others: [other(['9'])], sameDayDuplicate: false })).toThrow(expect.objectContaining({ reason: 'chef_unavailable' }))
  })
  it('refuses a second booking for the same email that day', () => {
    expect(() => assertBookable(S, schedule(), { others: [], sameDayDuplicate: true })).toThrow(expect.objectContaining({ reason: 'duplicate_booking' }))
  })
  it('writes the schedule with the price only when it was re-decided', () => {
    const s = schedule()
    const price = priceSchedule(S, s, [{ id: '7', name: 'Filet', category: 'protein', priceCents: 1500, pricing: 'flat', active: true }])
    expect(scheduleFields(s, price)).toMatchObject({ guestsTotal: 8, chefUnits: 1, pricing: { currency: 'usd' } })
    expect(scheduleFields(s, null)).not.toHaveProperty('pricing')
  })
})

describe('limits and horizon', () => {
  it('builds every layer from one set of hard limits, with the business’s own inside them', () => {
    expect(BOOKING_LIMITS.maxGuests).toBeGreaterThanOrEqual(S.guests.maxTotal)
    expect(partyIssues(S, 51)).toEqual([{ path: 'guests', message: 'We cater for 1 to 50 guests' }])
    expect(durationIssues(S, 481)).toEqual([{ path: 'durationMinutes', message: 'Events last between 1 hour and 8 hours' }])
    expect(availabilityQueryIssues(settingsWith({ guests: { minTotal: 10, maxTotal: 40 } }), { guests: 1, durationMinutes: 120 })).toEqual([])
  })

  it('lets a booking be made up to maxAdvanceDays ahead in the business’s calendar', () => {
    // 02:00 UTC on June 2 is still June 1 in New York.
    const lateEvening = new Date('2026-06-02T02:00:00Z')
    expect(lastBookableDate(settingsWith({ maxAdvanceDays: 10 }), lateEvening)).toBe('2026-06-11')
    expect(isBeyondHorizon(settingsWith({ maxAdvanceDays: 10 }), '2026-06-12', lateEvening)).toBe(true)
  })

  it('has one HH:MM pattern', () => {
    expect(['00:00', '23:59', '09:05'].every((t) => HHMM_PATTERN.test(t))).toBe(true)
    expect(['24:00', '7:00', '12:60', '12:00 '].some((t) => HHMM_PATTERN.test(t))).toBe(false)
  })
})
