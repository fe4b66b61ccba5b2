// A booking as an iCalendar (RFC 5545) event the customer can add to their calendar: one VEVENT
// with a stable UID per booking, the start as a UTC instant, the duration in minutes, and
// SEQUENCE growing with every change so calendars replace the older copy. A cancelled booking
// becomes METHOD:CANCEL / STATUS:CANCELLED. Pure: no clock, no I/O, no framework.
// Must never put more personal data in the file than the customer's own address and link.
import { createEvent, type EventAttributes, type EventStatus } from 'ics'

import type { BookingStatus } from './lifecycle'
import type { GuestCount } from './validation'

/** Where the event is: the customer's street address. */
export interface BookingAddress {
  street: string
  city: string
  state: string
  zip: string
}

export interface CalendarBooking {
  id: number | string
  status: BookingStatus
  /** YYYY-MM-DD in the business time zone (used for the file name). */
  eventDate: string
  startsAt: Date
  durationMinutes: number
  guests: GuestCount
  address: BookingAddress
  createdAt: Date
  updatedAt: Date
}

export interface CalendarContext {
  businessName: string
  /** Absolute origin of the public site (PUBLIC_SERVER_URL); its host name is the UID's domain. */
  siteUrl: string
  /** The customer's manage link. */
  manageUrl: string
}

const STATUS: Record<BookingStatus, EventStatus> = {
  pending: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  completed: 'CONFIRMED',
  no_show: 'CONFIRMED',
  cancelled: 'CANCELLED',
  expired: 'CANCELLED',
}

/** "1 Main St, New York, NY 10001". */
function addressLine(a: CalendarBooking['address']): string {
  return `${a.street}, ${a.city}, ${a.state} ${a.zip}`
}

function guestLine(g: CalendarBooking['guests']): string {
  const total = g.adults + g.children
  const parts = [`${g.adults} adult${g.adults === 1 ? '' : 's'}`]
  if (g.children > 0) parts.push(`${g.children} child${g.children === 1 ? '' : 'ren'}`)
  return `${total} guest${total === 1 ? '' : 's'} (${parts.join(', ')})`
}

/** The ics package's attributes for one booking. */
export function calendarEvent(booking: CalendarBooking, ctx: CalendarContext): EventAttributes {
  const cancelled = booking.status === 'cancelled'
  return {
    productId: `-//${ctx.businessName}//Bookings//EN`,
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    uid: `booking-${String(booking.id)}@${new URL(ctx.siteUrl).hostname}`,
    // Seconds since the booking was made at its last change: grows with every change, fits 32 bits.
    sequence: Math.max(0, Math.floor((booking.updatedAt.getTime() - booking.createdAt.getTime()) / 1000)),
    start: booking.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: booking.durationMinutes },
    title: `${ctx.businessName} hibachi dinner`,
    location: addressLine(booking.address),
    description: `Hibachi dinner for ${guestLine(booking.guests)}.\nSee, change or cancel your booking: ${ctx.manageUrl}`,
    url: ctx.manageUrl,
    status: STATUS[booking.status],
    busyStatus: cancelled ? 'FREE' : 'BUSY',
    created: booking.createdAt.getTime(),
    lastModified: booking.updatedAt.getTime(),
  }
}

/** The .ics text (CRLF lines, folded at 75 octets). Throws when the ics package refuses the event. */
export function calendarFile(booking: CalendarBooking, ctx: CalendarContext): string {
  const { error, value } = createEvent(calendarEvent(booking, ctx))
  if (error || !value) throw new Error(`could not build the calendar event: ${error?.message ?? 'empty result'}`)
  return value
}

/** `hibachi-2026-12-12.ics` */
export function calendarFileName(eventDate: string): string {
  return `hibachi-${eventDate.replace(/[^0-9-]/g, '')}.ics`
}
