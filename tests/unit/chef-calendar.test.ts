import { describe, expect, it } from 'vitest'

import {
  blackoutsIn,
  bookingLabel,
  calendarQueryFrom,
  calendarRange,
  changeAnnouncement,
  chefConflictMessage,
  chefLabel,
  chefLanes,
  laneEntries,
  moveChef,
  UNASSIGNED_LANE,
  wallClock,
  type CalendarBookingFacts,
} from '../../src/domain/chefCalendar'

const TZ = 'America/New_York'

function booking(over: Partial<CalendarBookingFacts> = {}): CalendarBookingFacts {
  return {
    id: '12',
    status: 'confirmed',
    // 17:00–20:00 New York on Dec 14 (EST, UTC-5), held 16:00–21:00.
    startsAt: '2026-12-14T22:00:00.000Z',
    endsAt: '2026-12-15T01:00:00.000Z',
    blockedFrom: '2026-12-14T21:00:00.000Z',
    blockedUntil: '2026-12-15T02:00:00.000Z',
    name: 'Jane Doe',
    guests: 8,
    city: 'Brooklyn',
    chefIds: [],
    chefsNeeded: 1,
    ...over,
  }
}

describe('the dates a view shows', () => {
  it('a day view shows that day', () => {
    expect(calendarRange('day', '2026-12-14')).toEqual({ from: '2026-12-14', to: '2026-12-14' })
  })
  it('a week view shows Sunday to Saturday around the date', () => {
    expect(calendarRange('week', '2026-12-16')).toEqual({ from: '2026-12-13', to: '2026-12-19' })
    expect(calendarRange('week', '2026-12-13')).toEqual({ from: '2026-12-13', to: '2026-12-19' })
    expect(calendarRange('week', '2026-12-19')).toEqual({ from: '2026-12-13', to: '2026-12-19' })
  })
  it('a month view shows whole weeks from the week of the 1st to the week of the last day', () => {
    // December 2026: the 1st is a Tuesday, the 31st a Thursday.
    expect(calendarRange('month', '2026-12-20')).toEqual({ from: '2026-11-29', to: '2027-01-02' })
    // February 2026 starts on a Sunday and ends on a Saturday: exactly four weeks.
    expect(calendarRange('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
  })
  it('a week that crosses a year and a DST change is still seven dates', () => {
    expect(calendarRange('week', '2026-11-02')).toEqual({ from: '2026-11-01', to: '2026-11-07' })
    expect(calendarRange('week', '2027-01-01')).toEqual({ from: '2026-12-27', to: '2027-01-02' })
  })
  it('refuses a date that does not exist', () => {
    expect(() => calendarRange('day', '2026-02-30')).toThrow(RangeError)
  })
})

describe('what the URL asks for', () => {
  it('reads the view and the date', () => {
    expect(calendarQueryFrom({ view: 'month', date: '2026-12-01' }, '2026-11-20')).toEqual({ view: 'month', date: '2026-12-01' })
  })
  it('reads anything malformed as the week of today', () => {
    expect(calendarQueryFrom({ view: 'year', date: '2026-13-01' }, '2026-11-20')).toEqual({ view: 'week', date: '2026-11-20' })
    expect(calendarQueryFrom(undefined, '2026-11-20')).toEqual({ view: 'week', date: '2026-11-20' })
    expect(calendarQueryFrom({ view: ['day', 'month'], date: ['2026-12-02'] }, '2026-11-20')).toEqual({ view: 'day', date: '2026-12-02' })
  })
})

describe('blackout dates', () => {
  it('shows only those inside the range, once each, in order', () => {
    expect(blackoutsIn({ from: '2026-12-13', to: '2026-12-19' }, ['2026-12-25', '2026-12-15', '2026-12-13', '2026-12-15', '2026-12-12'])).toEqual(['2026-12-13', '2026-12-15'])
  })
})

describe('lanes', () => {
  it('puts Unassigned first, then chefs by name, and keeps a lane for a former chef who is still on a booking', () => {
    const lanes = chefLanes(
      [
        { id: '5', name: 'Ben' },
        { id: '4', name: 'Ana' },
      ],
      [booking({ chefIds: ['9'] })],
    )
    expect(lanes.map((l) => l.id)).toEqual([UNASSIGNED_LANE, '4', '5', '9'])
    expect(lanes[3]?.title).toMatch(/not a chef/)
  })
  it('shows a booking in each chef’s lane, and in Unassigned while it needs more chefs', () => {
    const entries = laneEntries([booking({ id: '1' }), booking({ id: '2', chefIds: ['4'] }), booking({ id: '3', chefIds: ['4'], chefsNeeded: 2 }), booking({ id: '4', chefIds: ['4', '5'], chefsNeeded: 2 })])
    expect(entries.map((e) => e.key)).toEqual(['1:unassigned', '2:4', '3:4', '3:unassigned', '4:4', '4:5'])
  })
})

describe('moving a chef', () => {
  it('dropping a chef onto an unassigned booking assigns them', () => {
    expect(moveChef(booking(), UNASSIGNED_LANE, '4')).toEqual({ kind: 'assigned', chefIds: ['4'], chefId: '4' })
  })
  it('moving a booking from one chef’s lane to another’s swaps the chefs and keeps the others', () => {
    expect(moveChef(booking({ chefIds: ['4', '6'] }), '4', '5')).toEqual({ kind: 'moved', chefIds: ['5', '6'], chefId: '5', fromChefId: '4' })
  })
  it('moving it to Unassigned takes that chef off', () => {
    expect(moveChef(booking({ chefIds: ['4', '6'] }), '4', UNASSIGNED_LANE)).toEqual({ kind: 'unassigned', chefIds: ['6'], chefId: '4' })
  })
  it('changes nothing when the chef is already on the booking, or for a finished booking', () => {
    expect(moveChef(booking({ chefIds: ['4'] }), UNASSIGNED_LANE, '4').kind).toBe('unchanged')
    expect(moveChef(booking({ chefIds: ['4'] }), '4', '4').kind).toBe('unchanged')
    const done = moveChef(booking({ status: 'completed' }), UNASSIGNED_LANE, '4')
    expect(done).toEqual({ kind: 'unchanged', reason: 'A completed booking keeps its chefs.' })
  })
})

describe('words', () => {
  it('shows times on the business’s wall clock', () => {
    expect(wallClock(booking(), TZ)).toEqual({ date: '2026-12-14', start: '17:00', endDate: '2026-12-14', end: '20:00' })
  })
  it('names a booking by name, party, city and time', () => {
    expect(bookingLabel(booking(), TZ)).toBe('Jane Doe, 8 guests, Brooklyn — Dec 14 17:00–20:00')
  })
  it('says "Chef" once', () => {
    expect(chefLabel('Ana')).toBe('Chef Ana')
    expect(chefLabel('Chef Ana')).toBe('Chef Ana')
  })
  it('explains a refused chef with the booking that holds them', () => {
    const other = booking({ id: '12', chefIds: ['4'] })
    // 18:30 start the same evening: held 17:30–21:30, overlapping 16:00–21:00.
    const target = booking({ id: '13', startsAt: '2026-12-14T23:30:00.000Z', endsAt: '2026-12-15T01:30:00.000Z', blockedFrom: '2026-12-14T22:30:00.000Z', blockedUntil: '2026-12-15T02:30:00.000Z' })
    const msg = chefConflictMessage({ chefName: 'Ana', chefId: '4', target, bookings: [other, target], timeZone: TZ, serverMessage: 'That chef already has a booking at an overlapping time.' })
    expect(msg).toMatch(/^Chef Ana is already booked 17:00–20:00 on Dec 14 \(booking #12\)/)
  })
  it('falls back to the server’s words when the other booking is not shown (or was cancelled)', () => {
    const cancelled = booking({ id: '12', chefIds: ['4'], status: 'cancelled' })
    const target = booking({ id: '13' })
    const msg = chefConflictMessage({ chefName: 'Ana', chefId: '4', target, bookings: [cancelled, target], timeZone: TZ, serverMessage: 'That chef already has a booking at an overlapping time.' })
    expect(msg).toBe('Chef Ana: That chef already has a booking at an overlapping time.')
  })
  it('announces what was saved', () => {
    const b = 'Jane Doe, 8 guests, Brooklyn — Dec 14 17:00–20:00'
    expect(changeAnnouncement({ kind: 'assigned', chefIds: ['4'], chefId: '4' }, { chef: 'Ana', booking: b })).toBe(`Chef Ana assigned to ${b}.`)
    expect(changeAnnouncement({ kind: 'moved', chefIds: ['5'], chefId: '5', fromChefId: '4' }, { chef: 'Ben', fromChef: 'Ana', booking: b })).toBe(`${b}: Chef Ana replaced by Chef Ben.`)
    expect(changeAnnouncement({ kind: 'unassigned', chefIds: [], chefId: '4' }, { chef: 'Ana', booking: b })).toBe(`Chef Ana taken off ${b}.`)
  })
})
