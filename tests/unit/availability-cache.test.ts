import { describe, expect, it } from 'vitest'

import { availableDay, computeAvailability, datesAffectedBy, dayCapacity, DEFAULT_SETTINGS, localToInstant, type ActiveBooking } from '../../src/domain'

const settings = { ...DEFAULT_SETTINGS, chefCount: 2, blackoutDates: ['2027-03-20'] }
const now = new Date('2027-03-01T12:00:00Z')
const booking = (date: string, time: string, units = 1): ActiveBooking => {
  const startsAt = localToInstant(date, time, settings.timezone)
  return { id: `${date}-${time}`, startsAt, endsAt: new Date(startsAt.getTime() + 120 * 60_000), chefUnits: units }
}

describe('cached day capacity', () => {
  it('gives the same answer as computing availability directly, for any party size', () => {
    const bookings = [booking('2027-03-14', '17:00', 2), booking('2027-03-14', '12:00')]
    for (const guests of [1, 20, 31]) {
      const direct = computeAvailability(settings, bookings, { from: '2027-03-14', to: '2027-03-14' }, now, { guests })
      const viaCache = availableDay(settings, dayCapacity(settings, bookings, '2027-03-14', 120), now, guests)
      expect(viaCache.slots.map((s) => [s.time, s.available, s.remaining])).toEqual(direct.days[0]?.slots.map((s) => [s.time, s.available, s.remaining]))
    }
  })

  it('shows a blacked-out day with nothing free', () => {
    const day = availableDay(settings, dayCapacity(settings, [], '2027-03-20', 120), now)
    expect(day.slots.every((s) => !s.available && s.remaining === 0)).toBe(true)
  })

  it('re-applies the lead time at read time, so a cached day does not go stale as the clock moves', () => {
    const capacity = dayCapacity(settings, [], '2027-03-03', 120)
    expect(availableDay(settings, capacity, now).slots.some((s) => s.available)).toBe(true)
    const later = new Date('2027-03-02T12:00:00Z')
    expect(availableDay(settings, capacity, later).slots.filter((s) => s.available).length).toBeLessThan(
      availableDay(settings, capacity, now).slots.filter((s) => s.available).length,
    )
  })
})

describe('dates a booking affects', () => {
  it('is only its own date for an evening party', () => {
    const b = booking('2027-03-14', '17:00')
    expect(datesAffectedBy(settings, new Date(b.startsAt.getTime() - 3_600_000), new Date(b.endsAt.getTime() + 3_600_000))).toEqual(['2027-03-14'])
  })

  it('includes the next date when a long late party blocks into the next day’s first slots', () => {
    const s = { ...settings, startWindow: { earliest: '01:00', latest: '22:00' } }
    const start = localToInstant('2027-03-14', '22:00', s.timezone)
    const end = new Date(start.getTime() + (480 + 60) * 60_000)
    expect(datesAffectedBy(s, new Date(start.getTime() - 3_600_000), end)).toEqual(['2027-03-14', '2027-03-15'])
  })
})
