import { describe, expect, it } from 'vitest'

import { canMarkOutcome, csvSafeCell, csvSafeRow, mapSearchUrl, prepList, scheduleRange, type PrepBooking } from '../../src/domain/backoffice'
import { ConflictError } from '../../src/domain/errors'
import { assertChefOutcome, BOOKING_STATUSES, CHEF_OUTCOMES } from '../../src/domain/lifecycle'

const START = new Date('2026-06-10T16:00:00Z')
const BEFORE = new Date('2026-06-10T15:59:59Z')
const AFTER = new Date('2026-06-10T18:30:00Z')

function refusalReason(fn: () => void): string | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    expect(err).toBeInstanceOf(ConflictError)
    return (err as ConflictError).reason
  }
}

describe('a chef marks their event', () => {
  it.each(CHEF_OUTCOMES)('%s once the confirmed event has started', (outcome) => {
    expect(refusalReason(() => assertChefOutcome({ status: 'confirmed', startsAt: START, now: AFTER, outcome }))).toBeUndefined()
    expect(refusalReason(() => assertChefOutcome({ status: 'confirmed', startsAt: START, now: START, outcome }))).toBeUndefined()
  })

  it.each(CHEF_OUTCOMES)('not %s before the event starts', (outcome) => {
    expect(refusalReason(() => assertChefOutcome({ status: 'confirmed', startsAt: START, now: BEFORE, outcome }))).toBe('event_not_started')
    expect(canMarkOutcome('confirmed', START, BEFORE, outcome)).toBe(false)
  })

  it('only from confirmed: pending, cancelled, expired and already marked events are refused', () => {
    for (const status of BOOKING_STATUSES.filter((s) => s !== 'confirmed')) {
      for (const outcome of CHEF_OUTCOMES) {
        expect(refusalReason(() => assertChefOutcome({ status, startsAt: START, now: AFTER, outcome }))).toBe('invalid_transition')
        expect(canMarkOutcome(status, START, AFTER, outcome)).toBe(false)
      }
    }
  })

  it('says what the booking is and what it cannot become', () => {
    expect(() => assertChefOutcome({ status: 'completed', startsAt: START, now: AFTER, outcome: 'no_show' })).toThrow('A booking that is completed cannot be marked a no-show by its chef')
  })
})

describe('the chef schedule', () => {
  it('counts today and this week in the business time zone', () => {
    // 03:00 UTC on the 11th is still the 10th in New York.
    expect(scheduleRange(new Date('2026-06-11T03:00:00Z'), 'America/New_York')).toEqual({ today: '2026-06-10', weekEnd: '2026-06-16', lookBackFrom: '2026-06-03' })
  })

  it('crosses the DST change without losing a day', () => {
    expect(scheduleRange(new Date('2026-03-06T17:00:00Z'), 'America/New_York')).toEqual({ today: '2026-03-06', weekEnd: '2026-03-12', lookBackFrom: '2026-02-27' })
  })

  it('links the address to a Google Maps search, encoded', () => {
    const url = mapSearchUrl({ street: '12 W 4th St #2 & Co', city: 'New York', state: 'NY', zip: '10012' })
    expect(url).toBe('https://www.google.com/maps/search/?api=1&query=12%20W%204th%20St%20%232%20%26%20Co%2C%20New%20York%2C%20NY%2010012')
    expect(new URL(url).searchParams.get('query')).toBe('12 W 4th St #2 & Co, New York, NY 10012')
  })
})

const chicken = { id: '1', name: 'Hibachi Chicken', category: 'protein' as const, pricing: 'per_guest' as const }
const steak = { id: '2', name: 'NY Strip Steak', category: 'protein' as const, pricing: 'per_guest' as const }
const lobster = { id: '3', name: 'Lobster Tail', category: 'upgrade' as const, pricing: 'per_guest' as const }
const gyoza = { id: '4', name: 'Gyoza Platter', category: 'add-on' as const, pricing: 'flat' as const }
const noodles = { id: '5', name: 'Yakisoba Noodles', category: 'side' as const, pricing: 'per_guest' as const }

function booking(id: string, status: string, adults: number, children: number, menu: PrepBooking['menu']): PrepBooking {
  return { id, status, guests: { adults, children }, menu }
}

describe('the daily prep list', () => {
  it('sums the same item over the confirmed events, counting the events that want it', () => {
    const list = prepList([
      booking('a', 'confirmed', 8, 2, [{ item: chicken, quantity: 6 }, { item: steak, quantity: 4 }, { item: gyoza, quantity: 2 }]),
      booking('b', 'confirmed', 10, 0, [{ item: chicken, quantity: 10 }, { item: lobster, quantity: 3 }, { item: noodles, quantity: 10 }]),
    ])
    expect(list).toEqual({
      events: 2,
      adults: 18,
      children: 2,
      lines: [
        { itemId: '1', name: 'Hibachi Chicken', category: 'protein', unit: 'portions', quantity: 16, events: 2 },
        { itemId: '2', name: 'NY Strip Steak', category: 'protein', unit: 'portions', quantity: 4, events: 1 },
        { itemId: '3', name: 'Lobster Tail', category: 'upgrade', unit: 'portions', quantity: 3, events: 1 },
        { itemId: '4', name: 'Gyoza Platter', category: 'add-on', unit: 'orders', quantity: 2, events: 1 },
        { itemId: '5', name: 'Yakisoba Noodles', category: 'side', unit: 'portions', quantity: 10, events: 1 },
      ],
    })
  })

  it('leaves out pending, cancelled, expired, completed and no-show bookings', () => {
    const others = ['pending', 'cancelled', 'expired', 'completed', 'no_show'].map((s, i) => booking(String(i), s, 5, 0, [{ item: chicken, quantity: 5 }]))
    expect(prepList(others)).toEqual({ events: 0, adults: 0, children: 0, lines: [] })
  })

  it('counts an item listed twice in one booking as one event', () => {
    const list = prepList([booking('a', 'confirmed', 4, 0, [{ item: chicken, quantity: 2 }, { item: chicken, quantity: 2 }])])
    expect(list.lines).toEqual([{ itemId: '1', name: 'Hibachi Chicken', category: 'protein', unit: 'portions', quantity: 4, events: 1 }])
  })

  it('counts the guests of a confirmed event with no menu', () => {
    expect(prepList([booking('a', 'confirmed', 3, 1, [])])).toEqual({ events: 1, adults: 3, children: 1, lines: [] })
  })
})

describe('CSV cells', () => {
  it.each(['=1+2', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])('makes %j text for a spreadsheet', (value) => {
    expect(csvSafeCell(value)).toBe(`'${value}`)
  })

  it('leaves ordinary text, numbers and empty values alone', () => {
    expect(csvSafeCell('Pat "the chef", NY')).toBe('Pat "the chef", NY')
    expect(csvSafeCell(12)).toBe('12')
    expect(csvSafeCell(-3)).toBe("'-3")
    expect(csvSafeCell(null)).toBe('')
    expect(csvSafeCell(undefined)).toBe('')
    expect(csvSafeCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z')
  })

  it('orders a row by its columns', () => {
    expect(csvSafeRow({ a: 'x', b: '=y' }, [{ header: 'B', value: (r) => r.b }, { header: 'A', value: (r) => r.a }])).toEqual(["'=y", 'x'])
  })
})
