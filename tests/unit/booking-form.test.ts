import { describe, expect, it } from 'vitest'

import { bookingTitle, customerDisplayName, draftBookingTitle, formDayState, formQuoteBody, partySize, startTimeOptions } from '../../src/domain/bookingForm'

const slot = (time: string, available: boolean, remaining: number) => ({ time, available, remaining })

describe('the staff booking form: day states', () => {
  it('calls a day free when any start time is open for the party', () => {
    expect(formDayState([slot('17:00', false, 0), slot('19:00', true, 1)])).toBe('free')
  })
  it('calls a day full when no chef is left at any time (booked out or a blackout day)', () => {
    expect(formDayState([slot('17:00', false, 0), slot('19:00', false, 0)])).toBe('full')
  })
  it('calls a day unavailable when chefs are left but none of the times fits this party', () => {
    expect(formDayState([slot('17:00', false, 1), slot('19:00', false, 0)])).toBe('unavailable')
  })
  it('is still loading while the answer for the day has not come', () => {
    expect(formDayState(undefined)).toBe('loading')
  })
})

describe('the staff booking form: start times', () => {
  it('lists every slot with the chefs left and disables the closed ones', () => {
    expect(startTimeOptions([slot('17:00', true, 2), slot('19:00', false, 0), slot('21:00', false, 1)], null)).toEqual([
      { value: '17:00', label: '17:00 — 2 chefs left', disabled: false },
      { value: '19:00', label: '19:00 — full', disabled: true },
      { value: '21:00', label: '21:00 — 1 chef left, not bookable for this party', disabled: true },
    ])
  })
  it("keeps the booking's own time choosable even when its slot is now full", () => {
    const options = startTimeOptions([slot('17:00', false, 0)], '17:00')
    expect(options[0]).toMatchObject({ value: '17:00', disabled: false })
  })
  it('keeps a booked time that is no longer on the grid, in time order', () => {
    expect(startTimeOptions([slot('17:00', true, 1), slot('19:00', true, 1)], '18:30').map((o) => o.value)).toEqual(['17:00', '18:30', '19:00'])
  })
  it('counts the party as adults plus children, at least one', () => {
    expect(partySize(6, 3)).toBe(9)
    expect(partySize(undefined, null)).toBe(1)
    expect(partySize(-2, 1.5)).toBe(1)
  })
})

describe('the staff booking form: the quote body', () => {
  const base = { eventDate: '2026-12-12', startTime: '17:00', adults: 8, children: 2, menu: [] }
  it('prices a date, a time and a party', () => {
    expect(formQuoteBody(base)).toEqual({ eventDate: '2026-12-12', startTime: '17:00', guests: { adults: 8, children: 2 }, menu: [] })
  })
  it('is not ready without a date, a time or a party', () => {
    expect(formQuoteBody({ ...base, eventDate: '' })).toBeNull()
    expect(formQuoteBody({ ...base, startTime: undefined })).toBeNull()
    expect(formQuoteBody({ ...base, adults: undefined })).toBeNull()
    expect(formQuoteBody({ ...base, adults: 0, children: 0 })).toBeNull()
  })
  it('adds the ZIP once it has five digits, the duration, and only complete menu rows', () => {
    const body = formQuoteBody({
      ...base,
      zip: ' 10001 ',
      durationMinutes: 180,
      menu: [
        { item: 4, quantity: 2 },
        { item: { id: 5, name: 'Lobster' }, quantity: 1 },
        { item: null, quantity: 3 },
        { item: 6, quantity: undefined },
      ],
    })
    expect(body).toMatchObject({ durationMinutes: 180, address: { zip: '10001' }, menu: [{ item: 4, quantity: 2 }, { item: 5, quantity: 1 }] })
    expect(formQuoteBody({ ...base, zip: '100' })).not.toHaveProperty('address')
  })
})

describe("a customer's title", () => {
  it('reads "name — email"', () => {
    expect(customerDisplayName('Ana Sato', 'ana@example.com')).toBe('Ana Sato — ana@example.com')
  })
  it('falls back to whichever part there is', () => {
    expect(customerDisplayName('', 'ana@example.com')).toBe('ana@example.com')
    expect(customerDisplayName('Ana Sato', undefined)).toBe('Ana Sato')
  })
})

describe("a booking's title", () => {
  it('reads "date time · name" once stored', () => {
    expect(bookingTitle('2026-12-20', '17:00', 'Ana Sato')).toBe('2026-12-20 17:00 · Ana Sato')
  })
  it('reads "New booking" before anything is filled in, never "[Untitled]"', () => {
    expect(draftBookingTitle(undefined, null, '')).toBe('New booking')
    expect(draftBookingTitle('  ', undefined, 42)).toBe('New booking')
  })
  it('grows with the date, time and name as they are typed', () => {
    expect(draftBookingTitle('2026-12-20', undefined, undefined)).toBe('New booking: 2026-12-20')
    expect(draftBookingTitle('2026-12-20', '17:00', undefined)).toBe('New booking: 2026-12-20 17:00')
    expect(draftBookingTitle(undefined, undefined, ' Ana Sato ')).toBe('New booking: Ana Sato')
    expect(draftBookingTitle('2026-12-20', '17:00', 'Ana Sato')).toBe('New booking: 2026-12-20 17:00 · Ana Sato')
  })
})
