// A link to the booking form with the details filled in (/book?date=&time=&adults=&children=&zip=,
// what the chat's bookingFormHref makes): which values the form takes, how they meet a draft the
// customer already saved, and on which step the form opens.
import { describe, expect, it } from 'vitest'

import { completeDraft, formConfig } from './booking-fixtures'

import { emptyDraft, hasPrefill, isCalendarDate, parseBookingPrefill, type QueryParams } from '../../src/components/booking/draft'
import { applyPrefill } from '../../src/components/booking/wizard'
import { bookingFormHref } from '../../src/domain/chat/tools'

const CONFIG = formConfig()

/** The query Next would hand the page for `href`. */
function queryOf(href: string): QueryParams {
  const out: QueryParams = {}
  for (const [k, v] of new URL(href, 'https://example.com').searchParams) {
    const prev = out[k]
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  return out
}

describe('reading the link', () => {
  it('takes every detail the chat link carries', () => {
    const href = bookingFormHref({ date: '2026-12-04', time: '17:30', adults: 8, children: 2, zip: '10001' })
    expect(parseBookingPrefill(queryOf(href), CONFIG)).toEqual({ eventDate: '2026-12-04', startTime: '17:30', adults: 8, children: 2, zip: '10001' })
  })

  it('takes only what is there', () => {
    expect(parseBookingPrefill(queryOf('/book?adults=6'), CONFIG)).toEqual({ adults: 6 })
    expect(parseBookingPrefill(queryOf('/book'), CONFIG)).toEqual({})
    expect(hasPrefill(parseBookingPrefill(queryOf('/book'), CONFIG))).toBe(false)
  })

  it('ignores dates that are not real, malformed or outside the booking window', () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-1-5', 'tomorrow', '2026-12-04T10:00', '2026-05-31', '2027-06-02', '']) {
      expect(parseBookingPrefill({ date }, CONFIG)).toEqual({})
    }
    expect(parseBookingPrefill({ date: '2026-06-01' }, CONFIG)).toEqual({ eventDate: '2026-06-01' })
    expect(parseBookingPrefill({ date: '2027-06-01' }, CONFIG)).toEqual({ eventDate: '2027-06-01' })
  })

  it('knows a leap day from a day that does not exist', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2027-02-29')).toBe(false)
  })

  it('ignores times that are not 24-hour HH:MM', () => {
    for (const time of ['24:00', '7:30', '17:60', '5pm', '17:30:00']) expect(parseBookingPrefill({ time }, CONFIG)).toEqual({})
    expect(parseBookingPrefill({ time: '00:00' }, CONFIG)).toEqual({ startTime: '00:00' })
    expect(parseBookingPrefill({ time: '23:59' }, CONFIG)).toEqual({ startTime: '23:59' })
  })

  it('ignores guest counts that are not whole numbers in range (no adults is no party)', () => {
    for (const bad of ['-1', '2.5', '1e3', 'ten', '1001', '', '0x10']) {
      expect(parseBookingPrefill({ adults: bad, children: bad }, CONFIG)).toEqual({})
    }
    expect(parseBookingPrefill({ adults: '0', children: '0' }, CONFIG)).toEqual({ children: 0 })
    expect(parseBookingPrefill({ adults: '1000', children: '1000' }, CONFIG)).toEqual({ adults: 1000, children: 1000 })
  })

  it('takes a five-digit ZIP code, served or not (the address step says whether we go there)', () => {
    expect(parseBookingPrefill({ zip: '90210' }, CONFIG)).toEqual({ zip: '90210' })
    for (const zip of ['1000', '100011', '10001-1234', 'abcde']) expect(parseBookingPrefill({ zip }, CONFIG)).toEqual({})
  })

  it('ignores a parameter given twice (which one was meant is anyone’s guess)', () => {
    expect(parseBookingPrefill(queryOf('/book?adults=4&adults=40&zip=10001'), CONFIG)).toEqual({ zip: '10001' })
  })

  it('keeps the good values when others are bad', () => {
    expect(parseBookingPrefill({ date: '2026-02-30', time: '18:00', adults: 'lots', children: '3' }, CONFIG)).toEqual({ startTime: '18:00', children: 3 })
  })
})

describe('laying the link over a saved draft', () => {
  it('fills a fresh form and opens on the first step still missing something', () => {
    const draft = applyPrefill(emptyDraft(), { eventDate: '2026-12-04', startTime: '17:30', adults: 8, children: 2, zip: '10001' }, CONFIG)
    expect(draft).toMatchObject({ eventDate: '2026-12-04', startTime: '17:30', adults: 8, children: 2, address: { zip: '10001', street: '' } })
    expect(draft.step).toBe('address')
  })

  it('opens on the time step when the link names a date but no time', () => {
    expect(applyPrefill(emptyDraft(), { eventDate: '2026-12-04', adults: 4 }, CONFIG).step).toBe('time')
  })

  it('opens on the party step when the party named is too small to book online', () => {
    const draft = applyPrefill(emptyDraft(), { eventDate: '2026-12-04', startTime: '17:30', adults: 1 }, CONFIG)
    expect(draft.step).toBe('party')
  })

  it('wins over the saved draft only for the fields it sets', () => {
    const saved = completeDraft({ step: 'contact', menu: { '7': 2 }, specialRequests: 'Nut allergy', idempotencyKey: 'key-1' })
    const draft = applyPrefill(saved, { adults: 12 }, CONFIG)
    expect(draft).toEqual({ ...saved, adults: 12, step: 'review', idempotencyKey: null })
  })

  it('drops a saved time when the link moves the party to another day without naming a time', () => {
    const saved = completeDraft({ step: 'review' })
    const draft = applyPrefill(saved, { eventDate: '2026-12-11' }, CONFIG)
    expect(draft).toMatchObject({ eventDate: '2026-12-11', startTime: null, step: 'time' })
  })

  it('keeps the saved time when the link names the same day, and uses its own time when it has one', () => {
    const saved = completeDraft({ step: 'review' })
    expect(applyPrefill(saved, { eventDate: '2026-12-04' }, CONFIG).startTime).toBe('17:30')
    expect(applyPrefill(saved, { eventDate: '2026-12-11', startTime: '19:00' }, CONFIG)).toMatchObject({ eventDate: '2026-12-11', startTime: '19:00' })
  })

  it('sets a time only on a day: a time without any date waits on the date step', () => {
    const draft = applyPrefill(emptyDraft(), { startTime: '19:00', adults: 6 }, CONFIG)
    expect(draft).toMatchObject({ eventDate: null, startTime: null, adults: 6, step: 'date' })
  })

  it('changes only the ZIP code of a saved address', () => {
    const saved = completeDraft()
    const draft = applyPrefill(saved, { zip: '10002' }, CONFIG)
    expect(draft.address).toEqual({ ...saved.address, zip: '10002' })
  })

  it('keeps the Idempotency-Key when the link changes nothing (the same request)', () => {
    const saved = completeDraft({ idempotencyKey: 'key-1' })
    expect(applyPrefill(saved, { eventDate: '2026-12-04', adults: 8 }, CONFIG).idempotencyKey).toBe('key-1')
  })

  it('without a prefill, resumes the saved draft as before', () => {
    const saved = completeDraft({ step: 'review', startTime: null })
    expect(applyPrefill(saved, undefined, CONFIG).step).toBe('time')
    expect(applyPrefill(saved, {}, CONFIG)).toEqual({ ...saved, step: 'time' })
  })
})
