/**
 * What the chef calendar (src/components/admin/calendar) reads, as plain data: the bookings whose
 * date falls in the shown range, the chefs (staff users with the chef role) and nothing else.
 * Every read goes through the Local API AS THE SIGNED-IN USER (`user`, overrideAccess: false), so
 * the collections' own access decides what is shown; the view has checked the role as well.
 * Only what the calendar shows leaves here: a booking's contact name, party size, city, times and
 * chefs — never its email, phone, street, notes or money. Never writes.
 */
import type { PayloadRequest, TypedUser } from 'payload'

import { CALENDAR_STATUSES, type CalendarBookingFacts, type CalendarChef, type CalendarRange } from '../../domain/chefCalendar'
import { Bookings } from './index'

/** More bookings than a six-week grid of this business can hold; the view says so if it is ever reached. */
export const CALENDAR_BOOKING_LIMIT = 1000

const idOf = (v: unknown): string => String(typeof v === 'object' && v !== null && 'id' in v ? (v as { id: unknown }).id : v)

export async function calendarBookings(req: PayloadRequest, user: TypedUser, range: CalendarRange): Promise<{ bookings: CalendarBookingFacts[]; truncated: boolean }> {
  const found = await req.payload.find({
    collection: Bookings.slug as 'bookings',
    where: {
      and: [{ eventDate: { greater_than_equal: range.from } }, { eventDate: { less_than_equal: range.to } }, { status: { in: [...CALENDAR_STATUSES] } }],
    },
    sort: 'startsAt',
    limit: CALENDAR_BOOKING_LIMIT,
    depth: 0,
    user,
    overrideAccess: false,
    req,
    select: {
      status: true,
      startsAt: true,
      endsAt: true,
      blockedFrom: true,
      blockedUntil: true,
      chefUnits: true,
      guestsTotal: true,
      contact: { name: true },
      address: { city: true },
      assignedChefs: true,
    },
  })
  const bookings = found.docs
    // An active booking always has its computed schedule (a database check); an old one without it cannot be placed.
    .filter((d) => d.startsAt && d.endsAt)
    .map((d) => ({
      id: String(d.id),
      status: d.status,
      startsAt: String(d.startsAt),
      endsAt: String(d.endsAt),
      blockedFrom: String(d.blockedFrom ?? d.startsAt),
      blockedUntil: String(d.blockedUntil ?? d.endsAt),
      name: d.contact?.name ?? '',
      guests: d.guestsTotal ?? 0,
      city: d.address?.city ?? '',
      chefIds: Array.isArray(d.assignedChefs) ? d.assignedChefs.map(idOf) : [],
      chefsNeeded: Math.max(1, d.chefUnits ?? 1),
    }))
  return { bookings, truncated: found.hasNextPage }
}

/** Every staff user with the chef role, active or not (an inactive chef's lane shows what they still hold). */
export async function calendarChefs(req: PayloadRequest, user: TypedUser): Promise<(CalendarChef & { active: boolean })[]> {
  const found = await req.payload.find({
    collection: 'users',
    where: { role: { equals: 'chef' } },
    sort: 'name',
    limit: 200,
    depth: 0,
    user,
    overrideAccess: false,
    req,
    select: { name: true, email: true, active: true },
  })
  return found.docs.map((u) => ({ id: String(u.id), name: u.name || u.email, active: u.active !== false }))
}
