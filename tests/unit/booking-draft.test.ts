// The booking form's pure rules: a saved draft read back defensively, the bodies sent to the
// quote and booking endpoints, the quick per-step checks, which step a server error belongs to,
// and the labels and calendar months the customer sees.
import { afterEach, describe, expect, it } from 'vitest'

import { completeDraft, formConfig } from './booking-fixtures'

import { addMonths, daysInMonth, monthOf } from '../../src/components/booking/Calendar'
import {
  bookableDatesAt,
  bookingBody,
  emptyDraft,
  formPath,
  furthestReachableStep,
  menuSelection,
  parseDraft,
  quoteBody,
  stepErrors,
  stepOfPath,
  zoneForZip,
} from '../../src/components/booking/draft'
import { dateLabel, monthLabel, timeLabel, weekday } from '../../src/components/booking/labels'
import { routeOf } from '../../src/client/report'

const CONFIG = formConfig({
  serviceAreas: [
    { zone: 'Manhattan', zips: ['10001', '10002'], travelFeeCents: 0 },
    { zone: 'Brooklyn', zips: ['11201'], travelFeeCents: 2500 },
  ],
  phone: '(212) 555-0100',
  menu: [...formConfig().menu, { id: '12', name: 'Lobster Tail', description: '', category: 'upgrade', priceCents: 2000, pricing: 'per_guest' }],
})

const complete = completeDraft

const saved = (data: Record<string, unknown>) => JSON.stringify({ v: 1, ...data })

describe('restoring a saved booking draft', () => {
  it('starts a fresh form when nothing was saved', () => {
    expect(parseDraft(null)).toEqual(emptyDraft())
    expect(parseDraft('')).toEqual(emptyDraft())
  })

  it('starts over instead of breaking when the saved draft is corrupt', () => {
    expect(parseDraft('{"v":1,"adults":')).toEqual(emptyDraft())
    expect(parseDraft('not json at all')).toEqual(emptyDraft())
  })

  it('ignores a draft saved by another version of the form', () => {
    expect(parseDraft(JSON.stringify({ ...complete(), v: 2 }))).toEqual(emptyDraft())
    expect(parseDraft(JSON.stringify({ ...complete(), v: '1' }))).toEqual(emptyDraft())
  })

  it('ignores a saved value that is not an object', () => {
    for (const raw of ['null', '42', '"draft"', 'true', '[1,2,3]']) expect(parseDraft(raw)).toEqual(emptyDraft())
  })

  it('gives back a complete draft exactly as it was saved', () => {
    const draft = complete({ menu: { '7': 4, gyoza: 2 }, specialRequests: 'Birthday', dietaryNotes: 'No shellfish', idempotencyKey: 'key-1' })
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft)
  })

  it('falls back to the default party when guest counts are negative, fractional, too large or not numbers', () => {
    const d = parseDraft(saved({ adults: -3, children: 1.5 }))
    expect(d.adults).toBe(2)
    expect(d.children).toBe(0)
    const big = parseDraft(saved({ adults: 1001, children: '4' }))
    expect(big.adults).toBe(2)
    expect(big.children).toBe(0)
    const edge = parseDraft(saved({ adults: 1000, children: 0 }))
    expect(edge.adults).toBe(1000)
    expect(edge.children).toBe(0)
  })

  it('resumes at the saved step only when it names a real step', () => {
    expect(parseDraft(saved({ step: 'contact' })).step).toBe('contact')
    expect(parseDraft(saved({ step: 'payment' })).step).toBe('date')
    expect(parseDraft(saved({ step: 3 })).step).toBe('date')
    expect(parseDraft(saved({ step: null })).step).toBe('date')
  })

  it('clips over-long text to what the form accepts', () => {
    const d = parseDraft(
      saved({
        address: { street: 's'.repeat(300), city: 'c'.repeat(150), state: 'S'.repeat(80), zip: '100011234' },
        contact: { name: 'n'.repeat(200), email: 'e'.repeat(300), phone: '1'.repeat(40) },
        specialRequests: 'r'.repeat(600),
        dietaryNotes: 'd'.repeat(600),
      }),
    )
    expect(d.address).toEqual({ street: 's'.repeat(200), city: 'c'.repeat(100), state: 'S'.repeat(50), zip: '10001' })
    expect(d.contact).toEqual({ name: 'n'.repeat(120), email: 'e'.repeat(254), phone: '1'.repeat(20) })
    expect(d.specialRequests).toHaveLength(500)
    expect(d.dietaryNotes).toHaveLength(500)
  })

  it('keeps the New York defaults for city and state when the saved address is missing or malformed', () => {
    expect(parseDraft(saved({ address: 'Brooklyn' })).address).toEqual({ street: '', city: 'New York', state: 'NY', zip: '' })
    expect(parseDraft(saved({ address: { city: 5, state: null } })).address).toEqual({ street: '', city: 'New York', state: 'NY', zip: '' })
    expect(parseDraft(saved({ contact: ['Ada'] })).contact).toEqual({ name: '', email: '', phone: '' })
  })

  it('drops a start time that has no date to belong to', () => {
    const d = parseDraft(saved({ eventDate: null, startTime: '17:30' }))
    expect(d.eventDate).toBeNull()
    expect(d.startTime).toBeNull()
    const malformedDate = parseDraft(saved({ eventDate: '4 Dec 2026', startTime: '17:30' }))
    expect(malformedDate.eventDate).toBeNull()
    expect(malformedDate.startTime).toBeNull()
  })

  it('drops a malformed start time but keeps the date', () => {
    const d = parseDraft(saved({ eventDate: '2026-12-04', startTime: '5:30pm' }))
    expect(d.eventDate).toBe('2026-12-04')
    expect(d.startTime).toBeNull()
  })

  it('keeps only menu items chosen at least once, in whole numbers up to 100', () => {
    const d = parseDraft(saved({ menu: { '7': 3, gyoza: 0, '12': -2, shrimp: 2.5, scallops: '4', noodles: 101, rice: 100, ['x'.repeat(101)]: 1 } }))
    expect(d.menu).toEqual({ '7': 3, rice: 100 })
    expect(parseDraft(saved({ menu: [3, 4] })).menu).toEqual({})
  })

  it('keeps a saved Idempotency-Key only while it is a string of at most 255 characters', () => {
    expect(parseDraft(saved({ idempotencyKey: 'k'.repeat(255) })).idempotencyKey).toBe('k'.repeat(255))
    expect(parseDraft(saved({ idempotencyKey: 'k'.repeat(256) })).idempotencyKey).toBeNull()
    expect(parseDraft(saved({ idempotencyKey: 12345 })).idempotencyKey).toBeNull()
  })
})

describe('the chosen menu', () => {
  it('lists chosen items in menu order, sending numeric ids as numbers', () => {
    const draft = complete({ menu: { '12': 2, gyoza: 1, '7': 5 } })
    expect(menuSelection(draft, CONFIG)).toEqual([
      { item: 7, quantity: 5 },
      { item: 'gyoza', quantity: 1 },
      { item: 12, quantity: 2 },
    ])
  })

  it('leaves out items no longer on the menu', () => {
    expect(menuSelection(complete({ menu: { retired: 3, gyoza: 2 } }), CONFIG)).toEqual([{ item: 'gyoza', quantity: 2 }])
  })
})

describe('the booking sent to the server', () => {
  it('trims what the customer typed and sends the menu in menu order', () => {
    const draft = complete({
      menu: { '12': 2, gyoza: 1 },
      address: { street: '  350 5th Ave ', city: ' New York ', state: ' NY ', zip: ' 10001 ' },
      contact: { name: ' Ada Lovelace ', email: ' ada@example.com ', phone: ' 212-555-0199 ' },
      specialRequests: '  Birthday, please sing  ',
      dietaryNotes: ' No shellfish ',
    })
    expect(bookingBody(draft, CONFIG)).toEqual({
      eventDate: '2026-12-04',
      startTime: '17:30',
      guests: { adults: 8, children: 2 },
      menu: [
        { item: 'gyoza', quantity: 1 },
        { item: 12, quantity: 2 },
      ],
      address: { street: '350 5th Ave', city: 'New York', state: 'NY', zip: '10001' },
      contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '212-555-0199' },
      specialRequests: 'Birthday, please sing',
      dietaryNotes: 'No shellfish',
    })
  })

  it('leaves out special requests and dietary notes that are empty or only spaces', () => {
    const body = bookingBody(complete({ specialRequests: '   ', dietaryNotes: '' }), CONFIG)
    expect(body).not.toHaveProperty('specialRequests')
    expect(body).not.toHaveProperty('dietaryNotes')
  })
})

describe('the quote request', () => {
  it('prices the party and menu before the address is known', () => {
    const body = quoteBody(complete({ menu: { '7': 3 }, address: { ...emptyDraft().address, zip: '' } }), CONFIG)
    expect(body).toEqual({ eventDate: '2026-12-04', startTime: '17:30', guests: { adults: 8, children: 2 }, menu: [{ item: 7, quantity: 3 }] })
  })

  it('includes the ZIP once it is a served 5-digit ZIP, so the travel fee is priced', () => {
    expect(quoteBody(complete({ address: { ...complete().address, zip: ' 11201 ' } }), CONFIG).address).toEqual({ zip: '11201' })
  })

  it('leaves the ZIP out while it is incomplete or outside the service area', () => {
    for (const zip of ['1120', '112011', 'abcde', '90210']) {
      expect(quoteBody(complete({ address: { ...complete().address, zip } }), CONFIG)).not.toHaveProperty('address')
    }
  })

  it('finds the service zone of a ZIP', () => {
    expect(zoneForZip(CONFIG, '11201')?.zone).toBe('Brooklyn')
    expect(zoneForZip(CONFIG, ' 10002 ')?.zone).toBe('Manhattan')
    expect(zoneForZip(CONFIG, '90210')).toBeNull()
  })
})

describe('checking a step before moving on', () => {
  it('asks for a date, then a start time', () => {
    const draft = complete({ eventDate: null, startTime: null })
    expect(stepErrors('date', draft, CONFIG)).toEqual({ eventDate: 'Choose a date' })
    expect(stepErrors('time', draft, CONFIG)).toEqual({ startTime: 'Choose a start time' })
    expect(stepErrors('date', complete(), CONFIG)).toEqual({})
    expect(stepErrors('time', complete(), CONFIG)).toEqual({})
  })

  it('requires at least one adult, even when children make up the numbers', () => {
    expect(stepErrors('party', complete({ adults: 0, children: 10 }), CONFIG)).toEqual({ 'guests.adults': 'At least one adult must attend' })
  })

  it('accepts a party of exactly the smallest and largest sizes taken online', () => {
    expect(stepErrors('party', complete({ adults: 2, children: 0 }), CONFIG)).toEqual({})
    expect(stepErrors('party', complete({ adults: 30, children: 10 }), CONFIG)).toEqual({})
  })

  it('points a party too large to book online to the phone', () => {
    const e = stepErrors('party', complete({ adults: 35, children: 6 }), CONFIG)
    expect(e['guests.adults']).toBe('We take 2 to 40 guests online; for a larger party please call (212) 555-0100')
  })

  it('names only the online range when the business has no phone to call', () => {
    const e = stepErrors('party', complete({ adults: 41, children: 0 }), { ...CONFIG, phone: null })
    expect(e['guests.adults']).toBe('We take 2 to 40 guests online')
  })

  it('refuses a party smaller than the minimum', () => {
    expect(stepErrors('party', complete({ adults: 1, children: 0 }), CONFIG)['guests.adults']).toMatch(/^We take 2 to 40 guests online/)
  })

  it('allows at most one per-guest upgrade per guest, but any number of flat add-ons', () => {
    const draft = complete({ adults: 4, children: 1, menu: { '7': 6, gyoza: 20, '12': 5 } })
    expect(stepErrors('party', draft, CONFIG)).toEqual({ 'menu.7': 'At most 5 — one per guest' })
  })

  it('requires a street, city, state and a 5-digit ZIP', () => {
    const draft = complete({ address: { street: '  ', city: '', state: 'N', zip: '1000' } })
    expect(stepErrors('address', draft, CONFIG)).toEqual({
      'address.street': 'Enter the street address',
      'address.city': 'Enter the city',
      'address.state': 'Enter the state',
      'address.zip': 'Enter a 5-digit ZIP code',
    })
    expect(stepErrors('address', complete(), CONFIG)).toEqual({})
  })

  it('says so when the ZIP is outside the service area', () => {
    const draft = complete({ address: { ...complete().address, zip: '90210' } })
    expect(stepErrors('address', draft, CONFIG)).toEqual({ 'address.zip': 'Sorry, we do not serve ZIP 90210 yet' })
  })

  it('requires a name, a valid email and a phone number with at least 7 digits', () => {
    const draft = complete({ contact: { name: ' ', email: 'ada@example', phone: '555-01 (x)' } })
    expect(stepErrors('contact', draft, CONFIG)).toEqual({
      'contact.name': 'Enter your name',
      'contact.email': 'Enter a valid email address',
      'contact.phone': 'Enter a phone number we can reach you on',
    })
  })

  it('accepts a phone number of exactly 7 digits, whatever the punctuation', () => {
    const draft = complete({ contact: { name: 'Ada', email: ' ada@example.com ', phone: '555-0199' } })
    expect(stepErrors('contact', draft, CONFIG)).toEqual({})
    expect(stepErrors('contact', complete({ contact: { name: 'Ada', email: 'ada@example.com', phone: '555-019' } }), CONFIG)).toHaveProperty(
      'contact.phone',
    )
  })

  it('rejects email addresses with spaces or without an @', () => {
    for (const email of ['ada example.com', 'ada@exa mple.com', 'ada.example.com', '']) {
      expect(stepErrors('contact', complete({ contact: { ...complete().contact, email } }), CONFIG)).toHaveProperty('contact.email')
    }
  })

  it('has nothing to check on the review step', () => {
    expect(stepErrors('review', emptyDraft(), CONFIG)).toEqual({})
  })
})

describe('where a restored draft may resume', () => {
  it('resumes at the first step that still needs something', () => {
    expect(furthestReachableStep(emptyDraft(), CONFIG)).toBe('date')
    expect(furthestReachableStep(complete({ startTime: null }), CONFIG)).toBe('time')
    expect(furthestReachableStep(complete({ adults: 0 }), CONFIG)).toBe('party')
    expect(furthestReachableStep(complete({ address: { ...complete().address, zip: '90210' } }), CONFIG)).toBe('address')
    expect(furthestReachableStep(complete({ contact: { ...complete().contact, phone: '' } }), CONFIG)).toBe('contact')
  })

  it('reaches the review once every step is complete', () => {
    expect(furthestReachableStep(complete(), CONFIG)).toBe('review')
  })

  it('sends the customer back to the earliest gap even if a later step is also incomplete', () => {
    expect(furthestReachableStep(complete({ eventDate: null, contact: { name: '', email: '', phone: '' } }), CONFIG)).toBe('date')
  })
})

describe('placing a server error beside the right field', () => {
  it('maps server field paths to the step that owns them', () => {
    expect(stepOfPath('eventDate')).toBe('date')
    expect(stepOfPath('startTime')).toBe('time')
    expect(stepOfPath('durationMinutes')).toBe('time')
    expect(stepOfPath('guests.adults')).toBe('party')
    expect(stepOfPath('guests.children')).toBe('party')
    expect(stepOfPath('menu.0.quantity')).toBe('party')
    expect(stepOfPath('menu')).toBe('party')
    expect(stepOfPath('address.zip')).toBe('address')
    expect(stepOfPath('contact.email')).toBe('contact')
    expect(stepOfPath('specialRequests')).toBe('contact')
    expect(stepOfPath('dietaryNotes')).toBe('contact')
  })

  it('shows anything it does not recognise on the review step', () => {
    for (const path of ['Idempotency-Key', 'status', '', 'chef']) expect(stepOfPath(path)).toBe('review')
  })

  it('names a menu row by the item chosen in that position of the body', () => {
    const draft = complete({ menu: { '12': 2, gyoza: 1 } })
    // The body lists gyoza (row 0) before lobster, id 12 (row 1): menu order, not the order chosen.
    expect(formPath('menu.0.quantity', draft, CONFIG)).toBe('menu.gyoza')
    expect(formPath('menu.1.quantity', draft, CONFIG)).toBe('menu.12')
    expect(formPath('menu.1.item', draft, CONFIG)).toBe('menu.12')
  })

  it('falls back to the whole menu for a row the form no longer has', () => {
    expect(formPath('menu.5.quantity', complete({ menu: { gyoza: 1 } }), CONFIG)).toBe('menu')
  })

  it('leaves every other path as it is', () => {
    const draft = complete({ menu: { gyoza: 1 } })
    for (const path of ['address.zip', 'guests.adults', 'menu', 'menu.0', 'menu.0.price']) expect(formPath(path, draft, CONFIG)).toBe(path)
  })
})

describe('dates and times shown to the customer', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  })

  it('shows times on a 12-hour clock, leaving out whole-hour minutes', () => {
    expect(timeLabel('17:30')).toBe('5:30 pm')
    expect(timeLabel('12:00')).toBe('12 pm')
    expect(timeLabel('00:30')).toBe('12:30 am')
    expect(timeLabel('00:00')).toBe('12 am')
    expect(timeLabel('09:05')).toBe('9:05 am')
    expect(timeLabel('11:59')).toBe('11:59 am')
    expect(timeLabel('23:45')).toBe('11:45 pm')
  })

  it('names the weekday the business means', () => {
    expect(dateLabel('2026-12-04')).toBe('Friday, December 4, 2026')
    expect(weekday('2026-12-04')).toBe(5)
    expect(weekday('2026-12-06')).toBe(0)
    expect(monthLabel('2026-12')).toBe('December 2026')
  })

  it('spells every day of a leap year and every month as en-US does', () => {
    const long = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })
    const month = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' })
    for (let t = Date.UTC(2028, 0, 1, 12); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10)
      expect(dateLabel(date)).toBe(long.format(new Date(t)))
      expect(monthLabel(date.slice(0, 7))).toBe(month.format(new Date(t)))
    }
  })

  it('shows the same day to a visitor in any time zone', () => {
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles', 'Asia/Tokyo']) {
      process.env.TZ = tz
      expect(dateLabel('2026-12-04')).toBe('Friday, December 4, 2026')
      expect(weekday('2026-12-04')).toBe(5)
      expect(monthLabel('2027-01')).toBe('January 2027')
    }
  })
})

describe('the bookable dates of a cached /book', () => {
  // Rendered on 2026-06-01 in New York; that business day ends at 04:00 UTC on 2026-06-02.
  const rendered = formConfig({ firstDate: '2026-06-01', lastDate: '2027-06-01', datesValidUntil: Date.UTC(2026, 5, 2, 4) })

  it("keeps the render's dates until the business day ends", () => {
    expect(bookableDatesAt(rendered, 365, new Date(Date.UTC(2026, 5, 2, 3, 59)))).toBe(rendered)
  })

  it("moves to the business's today once it has (not the browser's or UTC's day)", () => {
    const later = bookableDatesAt(rendered, 365, new Date(Date.UTC(2026, 5, 2, 4)))
    expect([later.firstDate, later.lastDate]).toEqual(['2026-06-02', '2027-06-02'])
    const daysLater = bookableDatesAt(rendered, 30, new Date(Date.UTC(2026, 5, 10, 2)))
    expect([daysLater.firstDate, daysLater.lastDate]).toEqual(['2026-06-09', '2026-07-09'])
  })
})

describe('calendar months', () => {
  it('takes the month of a date', () => {
    expect(monthOf('2026-12-04')).toBe('2026-12')
  })

  it('steps across year ends in both directions', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2027-01', -1)).toBe('2026-12')
    expect(addMonths('2026-11', 14)).toBe('2028-01')
    expect(addMonths('2026-02', -14)).toBe('2024-12')
    expect(addMonths('2026-06', 0)).toBe('2026-06')
  })

  it('lists every day of the month, including leap days', () => {
    const feb2028 = daysInMonth('2028-02')
    expect(feb2028).toHaveLength(29)
    expect(feb2028[0]).toBe('2028-02-01')
    expect(feb2028.at(-1)).toBe('2028-02-29')
    expect(daysInMonth('2027-02')).toHaveLength(28)
    expect(daysInMonth('2026-12')).toHaveLength(31)
    expect(daysInMonth('2026-12').at(-1)).toBe('2026-12-31')
    expect(daysInMonth('2026-04')).toHaveLength(30)
  })
})

describe('routes in client reports', () => {
  it('replaces the manage token and drops the query string', () => {
    expect(routeOf('/booking/abc?x=1')).toBe('/booking/[token]')
    expect(routeOf('/booking/AbCdEf012345#details')).toBe('/booking/[token]')
    expect(routeOf('/booking/AbCdEf012345/cancel')).toBe('/booking/[token]/cancel')
  })

  it('leaves other routes unchanged', () => {
    expect(routeOf('/menu')).toBe('/menu')
    expect(routeOf('/book')).toBe('/book')
    expect(routeOf('/book?step=2')).toBe('/book')
  })
})
