// A booking as a calendar file: the customer's calendar shows the right instant, length, place
// and status, and replaces its copy when the booking changes or is cancelled.
import { describe, expect, it } from 'vitest'

import { calendarEvent, calendarFile, calendarFileName, type CalendarBooking, type CalendarContext } from '../../src/domain/calendar'

const ctx: CalendarContext = {
  businessName: 'MyHibachi',
  siteUrl: 'https://book.myhibachi.example:8443',
  manageUrl: 'https://book.myhibachi.example:8443/booking/AbCdEfGhIjKlMnOpQrStUvWxYz012345',
}

function booking(overrides: Partial<CalendarBooking> = {}): CalendarBooking {
  return {
    id: 42,
    status: 'confirmed',
    eventDate: '2026-07-04',
    // 18:30 in New York (EDT, UTC−4)
    startsAt: new Date('2026-07-04T22:30:00Z'),
    durationMinutes: 150,
    guests: { adults: 8, children: 2 },
    address: { street: '12 Park Ave; Apt 3, rear door', city: 'New York', state: 'NY', zip: '10016' },
    createdAt: new Date('2026-05-01T12:00:00Z'),
    updatedAt: new Date('2026-05-01T12:00:00Z'),
    ...overrides,
  }
}

/** The file's content lines, unfolded (RFC 5545 §3.1: CRLF followed by one space or tab continues a line). */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n')
}

function property(ics: string, name: string): string | undefined {
  return lines(ics).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
}

describe('a booking as a calendar file', () => {
  it('starts at the booking instant, written in UTC', () => {
    expect(property(calendarFile(booking(), ctx), 'DTSTART')).toBe('DTSTART:20260704T223000Z')
  })

  it('lasts the booking duration, in minutes', () => {
    const ics = calendarFile(booking(), ctx)
    expect(property(ics, 'DURATION')).toBe('DURATION:PT150M')
    expect(property(ics, 'DTEND')).toBeUndefined()
  })

  it('escapes commas and semicolons in the address', () => {
    expect(property(calendarFile(booking(), ctx), 'LOCATION')).toBe('LOCATION:12 Park Ave\\; Apt 3\\, rear door\\, New York\\, NY 10016')
  })

  it('has one event with a stable UID on the public host name', () => {
    const ics = calendarFile(booking(), ctx)
    expect(lines(ics).filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(property(ics, 'UID')).toBe('UID:booking-42@book.myhibachi.example')
    expect(property(calendarFile(booking({ status: 'cancelled' }), ctx), 'UID')).toBe('UID:booking-42@book.myhibachi.example')
  })

  it('is titled with the business name and describes the party with the manage link', () => {
    const ics = calendarFile(booking(), ctx)
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:MyHibachi hibachi dinner')
    const description = property(ics, 'DESCRIPTION') ?? ''
    expect(description).toContain('10 guests (8 adults\\, 2 children)')
    expect(description).toContain(ctx.manageUrl)
    expect(property(ics, 'URL')).toBe(`URL:${ctx.manageUrl}`)
  })

  it('is tentative while pending and confirmed once confirmed', () => {
    expect(property(calendarFile(booking({ status: 'pending' }), ctx), 'STATUS')).toBe('STATUS:TENTATIVE')
    const confirmed = calendarFile(booking({ status: 'confirmed' }), ctx)
    expect(property(confirmed, 'STATUS')).toBe('STATUS:CONFIRMED')
    expect(property(confirmed, 'METHOD')).toBe('METHOD:PUBLISH')
  })

  it('cancels the event in the calendar when the booking is cancelled', () => {
    const ics = calendarFile(booking({ status: 'cancelled', updatedAt: new Date('2026-05-02T12:00:00Z') }), ctx)
    expect(property(ics, 'METHOD')).toBe('METHOD:CANCEL')
    expect(property(ics, 'STATUS')).toBe('STATUS:CANCELLED')
  })

  it('raises SEQUENCE with every change, so calendars replace their older copy', () => {
    const first = calendarEvent(booking(), ctx).sequence ?? -1
    const later = calendarEvent(booking({ updatedAt: new Date('2026-05-03T08:00:00Z') }), ctx).sequence ?? -1
    expect(first).toBe(0)
    expect(later).toBeGreaterThan(first)
    expect(later).toBeLessThan(2 ** 31)
  })

  it('keeps every line within 75 octets', () => {
    const raw = calendarFile(booking({ address: { street: 'x'.repeat(180), city: 'New York', state: 'NY', zip: '10016' } }), ctx)
    for (const l of raw.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75)
  })

  it('names the file after the event date', () => {
    expect(calendarFileName('2026-07-04')).toBe('hibachi-2026-07-04.ics')
    expect(calendarFileName('2026-07-04"; evil')).toBe('hibachi-2026-07-04.ics')
  })
})
