import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/domain/errors'
import {
  addressSchema,
  availabilityQuerySchema,
  bookingCreateSchema,
  cancelSchema,
  contactSchema,
  dateSchema,
  guestsSchema,
  menuSelectionSchema,
  parseOrThrow,
  quoteRequestSchema,
  rescheduleSchema,
  timeSchema,
} from '../../src/domain/schemas'
import { issuePaths } from './support'

const address = { street: '350 5th Ave', city: 'New York', state: 'NY', zip: '10001' }
const quote = { eventDate: '2026-06-10', startTime: '17:00', guests: { adults: 10 }, address }
const contact = { name: 'Aiko Tanaka', email: 'aiko@example.com', phone: '(212) 555-0100' }

describe('field formats', () => {
  it('accepts 24-hour HH:MM times only', () => {
    for (const ok of ['00:00', '09:05', '17:30', '23:59']) expect(timeSchema.safeParse(ok).success).toBe(true)
    for (const bad of ['24:00', '7:30', '17:60', '5pm', '17:30:00']) expect(timeSchema.safeParse(bad).success).toBe(false)
  })

  it('accepts real YYYY-MM-DD calendar dates only', () => {
    expect(dateSchema.safeParse('2028-02-29').success).toBe(true)
    expect(dateSchema.safeParse('2026-02-29').success).toBe(false)
    expect(dateSchema.safeParse('06/10/2026').success).toBe(false)
  })

  it('counts children as zero when not given', () => {
    expect(guestsSchema.parse({ adults: 4 })).toEqual({ adults: 4, children: 0 })
  })

  it('requires whole, non-negative guest numbers', () => {
    expect(guestsSchema.safeParse({ adults: -1 }).success).toBe(false)
    expect(guestsSchema.safeParse({ adults: 2.5 }).success).toBe(false)
    expect(guestsSchema.safeParse({ adults: '4' }).success).toBe(false)
  })

  it('requires a 5-digit ZIP and a non-empty street', () => {
    expect(issuePaths(() => parseOrThrow(addressSchema, { ...address, zip: '1000' }))).toEqual(['zip'])
    expect(issuePaths(() => parseOrThrow(addressSchema, { ...address, street: '   ' }))).toEqual(['street'])
    expect(issuePaths(() => parseOrThrow(addressSchema, { ...address, state: 'N' }))).toEqual(['state'])
  })

  it('turns numeric menu ids into strings', () => {
    expect(menuSelectionSchema.parse([{ item: 42, quantity: 3 }])).toEqual([{ item: '42', quantity: 3 }])
  })

  it('allows at most 20 menu lines of 1 to 100 each', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ item: i + 1, quantity: 1 }))
    expect(menuSelectionSchema.safeParse(many).success).toBe(false)
    expect(menuSelectionSchema.safeParse(many.slice(0, 20)).success).toBe(true)
    expect(issuePaths(() => parseOrThrow(menuSelectionSchema, [{ item: '1', quantity: 0 }]))).toEqual(['0.quantity'])
    expect(issuePaths(() => parseOrThrow(menuSelectionSchema, [{ item: '1', quantity: 101 }]))).toEqual(['0.quantity'])
  })

  it('normalises contact email and name', () => {
    expect(contactSchema.parse({ ...contact, name: '  Aiko  ', email: '  Aiko@Example.COM ' })).toEqual({
      ...contact,
      name: 'Aiko',
      email: 'aiko@example.com',
    })
  })

  it('rejects an invalid email and phone', () => {
    expect(issuePaths(() => parseOrThrow(contactSchema, { ...contact, email: 'aiko@' }))).toEqual(['email'])
    expect(issuePaths(() => parseOrThrow(contactSchema, { ...contact, phone: '555-01' }))).toEqual(['phone'])
    expect(issuePaths(() => parseOrThrow(contactSchema, { ...contact, phone: 'call me maybe' }))).toEqual(['phone'])
    expect(issuePaths(() => parseOrThrow(contactSchema, { ...contact, phone: '+1 212 555 0100 ext 9999' }))).toEqual([
      'phone',
    ])
    expect(contactSchema.safeParse({ ...contact, phone: '+1 212.555.0100' }).success).toBe(true)
  })
})

describe('quote and booking requests', () => {
  it('defaults the menu to empty', () => {
    const parsed = parseOrThrow(quoteRequestSchema, quote)
    expect(parsed.menu).toEqual([])
    expect(parsed.guests.children).toBe(0)
  })

  it('rejects unknown fields instead of passing them through', () => {
    expect(issuePaths(() => parseOrThrow(quoteRequestSchema, { ...quote, priceOverride: 0 }))).toEqual([
      'priceOverride',
    ])
    expect(
      issuePaths(() => parseOrThrow(quoteRequestSchema, { ...quote, guests: { adults: 2, pets: 1 } })),
    ).toEqual(['guests.pets'])
  })

  it('reports nested field paths', () => {
    const bad = { ...quote, startTime: '25:00', guests: { adults: -1 }, address: { ...address, zip: 'abc' } }
    expect(issuePaths(() => parseOrThrow(quoteRequestSchema, bad))).toEqual(['address.zip', 'guests.adults', 'startTime'])
  })

  it('quotes without an address, or with only its ZIP', () => {
    const { address: _omitted, ...withoutAddress } = quote
    expect(parseOrThrow(quoteRequestSchema, withoutAddress).address).toBeUndefined()
    expect(parseOrThrow(quoteRequestSchema, { ...withoutAddress, address: { zip: '10001' } }).address).toEqual({ zip: '10001' })
    expect(issuePaths(() => parseOrThrow(quoteRequestSchema, { ...withoutAddress, address: { street: '1 Main St' } }))).toEqual(['address.zip'])
  })

  it('still requires the whole address on a booking', () => {
    const { address: _omitted, ...withoutAddress } = quote
    expect(issuePaths(() => parseOrThrow(bookingCreateSchema, { ...withoutAddress, contact }))).toEqual(['address'])
  })

  it('requires a whole-minute duration when one is given', () => {
    expect(issuePaths(() => parseOrThrow(quoteRequestSchema, { ...quote, durationMinutes: 90.5 }))).toEqual([
      'durationMinutes',
    ])
  })

  it('takes bookings from the web by default', () => {
    const booking = parseOrThrow(bookingCreateSchema, { ...quote, contact })
    expect(booking.source).toBe('web')
    expect(booking.contact.email).toBe('aiko@example.com')
  })

  it('accepts phone, chat and admin bookings but no other source', () => {
    for (const source of ['phone', 'chat', 'admin']) {
      expect(bookingCreateSchema.safeParse({ ...quote, contact, source }).success).toBe(true)
    }
    expect(issuePaths(() => parseOrThrow(bookingCreateSchema, { ...quote, contact, source: 'fax' }))).toEqual(['source'])
  })

  it('limits special requests and dietary notes to 500 characters', () => {
    const long = 'x'.repeat(501)
    expect(
      issuePaths(() => parseOrThrow(bookingCreateSchema, { ...quote, contact, specialRequests: long, dietaryNotes: long })),
    ).toEqual(['dietaryNotes', 'specialRequests'])
    expect(bookingCreateSchema.safeParse({ ...quote, contact, specialRequests: 'x'.repeat(500) }).success).toBe(true)
  })

  it('requires contact details for a booking', () => {
    expect(issuePaths(() => parseOrThrow(bookingCreateSchema, quote))).toEqual(['contact'])
  })
})

describe('availability, reschedule and cancel requests', () => {
  it('accepts a range of up to 62 days, both ends included', () => {
    expect(availabilityQuerySchema.safeParse({ from: '2026-01-01', to: '2026-03-03' }).success).toBe(true)
    expect(issuePaths(() => parseOrThrow(availabilityQuerySchema, { from: '2026-01-01', to: '2026-03-04' }))).toEqual([
      'to',
    ])
  })

  it('rejects a range that ends before it starts', () => {
    expect(issuePaths(() => parseOrThrow(availabilityQuerySchema, { from: '2026-06-10', to: '2026-06-09' }))).toEqual([
      'to',
    ])
    expect(availabilityQuerySchema.safeParse({ from: '2026-06-10', to: '2026-06-10' }).success).toBe(true)
  })

  it('needs both a new date and start time to reschedule', () => {
    expect(rescheduleSchema.parse({ eventDate: '2026-07-01', startTime: '18:00' })).toEqual({
      eventDate: '2026-07-01',
      startTime: '18:00',
    })
    expect(issuePaths(() => parseOrThrow(rescheduleSchema, { eventDate: '2026-07-01' }))).toEqual(['startTime'])
  })

  it('lets a customer cancel with or without a short reason', () => {
    expect(cancelSchema.parse({})).toEqual({})
    expect(cancelSchema.parse({ reason: ' Moved house ' })).toEqual({ reason: 'Moved house' })
    expect(issuePaths(() => parseOrThrow(cancelSchema, { reason: 'x'.repeat(501) }))).toEqual(['reason'])
    expect(issuePaths(() => parseOrThrow(cancelSchema, { refund: true }))).toEqual(['refund'])
  })

  it('throws a ValidationError from parseOrThrow', () => {
    expect(() => parseOrThrow(rescheduleSchema, null)).toThrow(ValidationError)
  })
})
