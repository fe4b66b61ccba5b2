import { describe, expect, it } from 'vitest'
import {
  computeAvailability,
  remainingUnitsAt,
  slotTimes,
  type ActiveBooking,
  type Availability,
} from '../../src/domain/availability'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { localToInstant } from '../../src/domain/time'
import { issuePaths, settingsWith } from './support'

const NY = 'America/New_York'
// 2026-06-01 11:00 in New York.
const NOW = new Date('2026-06-01T15:00:00Z')

const ALL_LABELS = slotTimes(DEFAULT_SETTINGS)

/** A booking of `hours` starting at local `time` on `date`, in New York. */
function booking(id: string, date: string, time: string, hours = 2, chefUnits = 1): ActiveBooking {
  const startsAt = localToInstant(date, time, NY)
  return { id, startsAt, endsAt: new Date(startsAt.getTime() + hours * 3_600_000), chefUnits }
}

function slot(av: Availability, date: string, time: string) {
  const day = av.days.find((d) => d.date === date)
  const found = day?.slots.find((s) => s.time === time)
  if (!found) throw new Error(`no slot ${date} ${time}`)
  return found
}

function availableTimes(av: Availability, date: string): string[] {
  return (av.days.find((d) => d.date === date)?.slots ?? []).filter((s) => s.available).map((s) => s.time)
}

describe('slot grid', () => {
  it('offers starts every 30 minutes from 11:00 to 22:00 inclusive', () => {
    expect(ALL_LABELS).toHaveLength(23)
    expect(ALL_LABELS[0]).toBe('11:00')
    expect(ALL_LABELS[1]).toBe('11:30')
    expect(ALL_LABELS.at(-1)).toBe('22:00')
  })

  it('follows the configured interval', () => {
    expect(slotTimes(settingsWith({ slotIntervalMinutes: 60 }))).toHaveLength(12)
    expect(slotTimes(settingsWith({ slotIntervalMinutes: 45 })).at(-1)).toBe('21:30')
  })
})

describe('availability on an open calendar', () => {
  const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-10', to: '2026-06-12' }, NOW)

  it('reports the business time zone', () => {
    expect(av.timezone).toBe(NY)
  })

  it('returns every date in the range, both ends included', () => {
    expect(av.days.map((d) => d.date)).toEqual(['2026-06-10', '2026-06-11', '2026-06-12'])
  })

  it('offers every slot with both chefs free', () => {
    for (const day of av.days) {
      expect(day.slots.map((s) => s.time)).toEqual(ALL_LABELS)
      expect(day.slots.every((s) => s.available && s.remaining === 2)).toBe(true)
    }
  })

  it('gives each slot its UTC start instant', () => {
    expect(slot(av, '2026-06-10', '17:00').startsAt).toBe('2026-06-10T21:00:00.000Z')
  })
})

describe('availability across daylight saving changes in New York', () => {
  it('keeps the same slot labels and shifts UTC instants in the fall-back week', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-10-30', to: '2026-11-03' }, new Date('2026-10-01T12:00:00Z'))
    expect(av.days.map((d) => d.date)).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03'])
    for (const day of av.days) {
      expect(day.slots.map((s) => s.time)).toEqual(ALL_LABELS)
      expect(day.slots.every((s) => s.available)).toBe(true)
    }
    expect(slot(av, '2026-10-30', '17:00').startsAt).toBe('2026-10-30T21:00:00.000Z')
    expect(slot(av, '2026-10-31', '17:00').startsAt).toBe('2026-10-31T21:00:00.000Z')
    expect(slot(av, '2026-11-01', '17:00').startsAt).toBe('2026-11-01T22:00:00.000Z')
    expect(slot(av, '2026-11-02', '17:00').startsAt).toBe('2026-11-02T22:00:00.000Z')
    expect(slot(av, '2026-11-03', '17:00').startsAt).toBe('2026-11-03T22:00:00.000Z')
    expect(slot(av, '2026-11-01', '11:00').startsAt).toBe('2026-11-01T16:00:00.000Z')
    expect(slot(av, '2026-10-31', '22:00').startsAt).toBe('2026-11-01T02:00:00.000Z')
  })

  it('keeps the same slot labels and shifts UTC instants in the spring-forward week', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-03-06', to: '2026-03-10' }, new Date('2026-02-01T12:00:00Z'))
    expect(av.days.map((d) => d.date)).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'])
    for (const day of av.days) {
      expect(day.slots.map((s) => s.time)).toEqual(ALL_LABELS)
    }
    expect(slot(av, '2026-03-06', '17:00').startsAt).toBe('2026-03-06T22:00:00.000Z')
    expect(slot(av, '2026-03-07', '17:00').startsAt).toBe('2026-03-07T22:00:00.000Z')
    expect(slot(av, '2026-03-08', '17:00').startsAt).toBe('2026-03-08T21:00:00.000Z')
    expect(slot(av, '2026-03-09', '17:00').startsAt).toBe('2026-03-09T21:00:00.000Z')
    expect(slot(av, '2026-03-10', '17:00').startsAt).toBe('2026-03-10T21:00:00.000Z')
    expect(slot(av, '2026-03-08', '11:00').startsAt).toBe('2026-03-08T15:00:00.000Z')
  })

  it('blocks the same local hours around a booking on the fall-back day', () => {
    const settings = settingsWith({ chefCount: 1 })
    const av = computeAvailability(settings, [booking('b1', '2026-11-01', '17:00')], { from: '2026-11-01', to: '2026-11-01' }, new Date('2026-10-01T12:00:00Z'))
    expect(availableTimes(av, '2026-11-01')).toEqual(['11:00', '11:30', '12:00', '12:30', '13:00', '21:00', '21:30', '22:00'])
  })
})

describe('chef capacity with travel buffers', () => {
  // One chef; a booking 17:00–19:00 blocks 16:00–20:00 with its buffers.
  const oneChef = settingsWith({ chefCount: 1 })
  const dinner = booking('dinner', '2026-06-10', '17:00')

  it('blocks a back-to-back booking that starts when the other ends, because the buffers overlap', () => {
    expect(remainingUnitsAt(oneChef, [dinner], localToInstant('2026-06-10', '19:00', NY), 120)).toBe(0)
  })

  it('allows a booking whose buffers just touch the other booking’s buffers', () => {
    expect(remainingUnitsAt(oneChef, [dinner], localToInstant('2026-06-10', '21:00', NY), 120)).toBe(1)
    expect(remainingUnitsAt(oneChef, [dinner], localToInstant('2026-06-10', '13:00', NY), 120)).toBe(1)
  })

  it('allows bookings far apart', () => {
    expect(remainingUnitsAt(oneChef, [dinner], localToInstant('2026-06-11', '17:00', NY), 120)).toBe(1)
  })

  it('shows exactly the slots whose buffered range misses the booking', () => {
    const av = computeAvailability(oneChef, [dinner], { from: '2026-06-10', to: '2026-06-10' }, NOW)
    expect(availableTimes(av, '2026-06-10')).toEqual(['11:00', '11:30', '12:00', '12:30', '13:00', '21:00', '21:30', '22:00'])
    expect(slot(av, '2026-06-10', '13:30')).toMatchObject({ available: false, remaining: 0 })
  })

  it('blocks more slots for a longer event', () => {
    const av = computeAvailability(oneChef, [dinner], { from: '2026-06-10', to: '2026-06-10' }, NOW, { durationMinutes: 240 })
    expect(availableTimes(av, '2026-06-10')).toEqual(['11:00', '21:00', '21:30', '22:00'])
  })

  it('leaves the second chef free next to a one-chef booking', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [dinner], { from: '2026-06-10', to: '2026-06-10' }, NOW)
    expect(slot(av, '2026-06-10', '17:00')).toMatchObject({ available: true, remaining: 1 })
    expect(slot(av, '2026-06-10', '11:00')).toMatchObject({ available: true, remaining: 2 })
  })

  it('hides slots with one chef left from a party that needs two', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [dinner], { from: '2026-06-10', to: '2026-06-10' }, NOW, { guests: 20 })
    expect(slot(av, '2026-06-10', '17:00')).toMatchObject({ available: false, remaining: 1 })
    expect(slot(av, '2026-06-10', '11:00')).toMatchObject({ available: true, remaining: 2 })
  })

  it('adds up bookings that overlap each other', () => {
    const both = [dinner, booking('other', '2026-06-10', '18:00')]
    expect(remainingUnitsAt(DEFAULT_SETTINGS, both, localToInstant('2026-06-10', '17:30', NY), 120)).toBe(0)
  })

  it('lets one chef cover two bookings that do not overlap each other', () => {
    const lunch = booking('lunch', '2026-06-10', '11:00', 1)
    const lateDinner = booking('late', '2026-06-10', '19:00', 1)
    // A 7-hour party from 12:00 blocks 11:00–20:00 and overlaps both, but never both at once.
    expect(remainingUnitsAt(DEFAULT_SETTINGS, [lunch, lateDinner], localToInstant('2026-06-10', '12:00', NY), 420)).toBe(1)
  })

  it('counts a two-chef booking as two units', () => {
    const big = booking('big', '2026-06-10', '17:00', 2, 2)
    expect(remainingUnitsAt(DEFAULT_SETTINGS, [big], localToInstant('2026-06-10', '17:00', NY), 120)).toBe(0)
  })

  it('never reports negative capacity when overbooked', () => {
    const over = [booking('a', '2026-06-10', '17:00', 2, 2), booking('b', '2026-06-10', '17:00', 2, 1)]
    expect(remainingUnitsAt(DEFAULT_SETTINGS, over, localToInstant('2026-06-10', '17:00', NY), 120)).toBe(0)
  })

  it('can ignore the booking being rescheduled', () => {
    expect(remainingUnitsAt(oneChef, [dinner], localToInstant('2026-06-10', '17:30', NY), 120, 'dinner')).toBe(1)
  })

  it('uses the same rule for the calendar as for a single start time', () => {
    const bookings = [dinner, booking('lunch', '2026-06-11', '12:00', 3, 1), booking('late', '2026-06-11', '18:00', 2, 2)]
    const av = computeAvailability(DEFAULT_SETTINGS, bookings, { from: '2026-06-10', to: '2026-06-11' }, NOW)
    for (const day of av.days) {
      for (const s of day.slots) {
        expect(s.remaining).toBe(remainingUnitsAt(DEFAULT_SETTINGS, bookings, new Date(s.startsAt), 120))
      }
    }
    expect(slot(av, '2026-06-11', '18:00').remaining).toBe(0)
  })
})

describe('booking horizon and blackout dates', () => {
  it('offers nothing within the 48-hour lead time', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-01', to: '2026-06-02' }, NOW)
    expect(av.days.flatMap((d) => d.slots).some((s) => s.available)).toBe(false)
  })

  it('offers a slot starting exactly 48 hours from now', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-03', to: '2026-06-03' }, NOW)
    expect(slot(av, '2026-06-03', '11:00').available).toBe(true)
  })

  it('withholds a slot starting one minute inside the lead time', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-03', to: '2026-06-03' }, new Date(NOW.getTime() + 60_000))
    expect(slot(av, '2026-06-03', '11:00').available).toBe(false)
    expect(slot(av, '2026-06-03', '11:30').available).toBe(true)
  })

  it('offers the last day 365 days ahead but not the day after', () => {
    const av = computeAvailability(DEFAULT_SETTINGS, [], { from: '2027-06-01', to: '2027-06-02' }, NOW)
    expect(availableTimes(av, '2027-06-01')).toEqual(ALL_LABELS)
    expect(availableTimes(av, '2027-06-02')).toEqual([])
  })

  it('closes every slot on a blackout day with nothing remaining', () => {
    const settings = settingsWith({ blackoutDates: ['2026-07-04'] })
    const av = computeAvailability(settings, [], { from: '2026-07-03', to: '2026-07-05' }, NOW)
    const blackout = av.days.find((d) => d.date === '2026-07-04')
    expect(blackout?.slots.map((s) => s.time)).toEqual(ALL_LABELS)
    expect(blackout?.slots.every((s) => !s.available && s.remaining === 0)).toBe(true)
    expect(availableTimes(av, '2026-07-03')).toEqual(ALL_LABELS)
    expect(availableTimes(av, '2026-07-05')).toEqual(ALL_LABELS)
  })
})

describe('invalid availability queries', () => {
  it('rejects a range that ends before it starts', () => {
    expect(issuePaths(() => computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-10', to: '2026-06-09' }, NOW))).toEqual(['to'])
  })

  it('rejects dates that are not on the calendar', () => {
    expect(issuePaths(() => computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-02-30', to: '2026-13-01' }, NOW))).toEqual(['from', 'to'])
  })

  it('rejects a duration or party size outside the business limits', () => {
    expect(
      issuePaths(() => computeAvailability(DEFAULT_SETTINGS, [], { from: '2026-06-10', to: '2026-06-10' }, NOW, { durationMinutes: 30, guests: 51 })),
    ).toEqual(['durationMinutes', 'guests'])
  })
})
