// The back office's chef calendar (/admin/calendar) as plain rules: which dates a month, week or
// day view shows, one lane per chef plus the lane of bookings still missing a chef, what moving a
// chef between lanes does to a booking's chefs, and the sentences staff read afterwards ("Chef Ana
// is already booked 17:00–20:00 on Dec 14"). Dates and times are the business's wall clock
// ('YYYY-MM-DD', 'HH:MM'); instants are ISO strings. Framework-free: no payload, no next, no
// browser, no clock (callers pass `today`). Never holds more of a customer than a name, the
// party size and the city.
import { addDaysToDate, instantToLocal, isRealDate } from './time'

export const CALENDAR_VIEWS = ['month', 'week', 'day'] as const
export type CalendarView = (typeof CALENDAR_VIEWS)[number]

/** The lane of bookings that have fewer chefs than they need. */
export const UNASSIGNED_LANE = 'unassigned'

/** Bookings whose chefs can still be changed: the database checks chef overlaps only for these. */
export const ASSIGNABLE_STATUSES = ['pending', 'confirmed'] as const
/** What the calendar shows: live bookings and past ones; cancelled and expired ones hold nothing. */
export const CALENDAR_STATUSES = ['pending', 'confirmed', 'completed', 'no_show'] as const

/** The most days a view spans (a month grid is at most 6 weeks). */
export const MAX_RANGE_DAYS = 42

export interface CalendarRange {
  /** First shown date, inclusive. */
  from: string
  /** Last shown date, inclusive. */
  to: string
}

export interface CalendarQuery {
  view: CalendarView
  /** The date the view is anchored on (the day shown, or a date in the week or month shown). */
  date: string
}

type Params = Record<string, string | string[] | undefined> | undefined

function one(params: Params, name: string): string | undefined {
  const v = params?.[name]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s.trim() : undefined
}

/** The view and date a URL asks for (`?view=week&date=2026-12-14`); anything malformed reads as week view of today. */
export function calendarQueryFrom(params: Params, today: string): CalendarQuery {
  const view = one(params, 'view')
  const date = one(params, 'date')
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? '') ? (view as CalendarView) : 'week',
    date: date && isRealDate(date) ? date : today,
  }
}

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

function startOfWeek(date: string, weekStartsOn: number): string {
  return addDaysToDate(date, -((weekdayOf(date) - weekStartsOn + 7) % 7))
}

function lastOfMonth(date: string): string {
  const first = `${date.slice(0, 8)}01`
  const nextMonth = addDaysToDate(first, 32)
  return addDaysToDate(`${nextMonth.slice(0, 8)}01`, -1)
}

/**
 * The dates a view shows: the day; the week (Sunday first unless told) holding the date; or the
 * month's grid — whole weeks from the one holding the 1st to the one holding the last day, as a
 * month calendar draws them.
 */
export function calendarRange(view: CalendarView, date: string, weekStartsOn = 0): CalendarRange {
  if (!isRealDate(date)) throw new RangeError(`Not a real calendar date (YYYY-MM-DD): ${date}`)
  if (view === 'day') return { from: date, to: date }
  if (view === 'week') {
    const from = startOfWeek(date, weekStartsOn)
    return { from, to: addDaysToDate(from, 6) }
  }
  const from = startOfWeek(`${date.slice(0, 8)}01`, weekStartsOn)
  const last = lastOfMonth(date)
  return { from, to: addDaysToDate(startOfWeek(last, weekStartsOn), 6) }
}

/** The blackout dates (no events at all) that fall inside the range, in order. */
export function blackoutsIn(range: CalendarRange, blackoutDates: readonly string[]): string[] {
  return [...new Set(blackoutDates)].filter((d) => d >= range.from && d <= range.to).sort()
}

export interface CalendarChef {
  id: string
  name: string
}

/** One booking as the calendar knows it: enough to place it and to name it, nothing more. */
export interface CalendarBookingFacts {
  id: string
  status: string
  /** The event's start and end (ISO instants). */
  startsAt: string
  endsAt: string
  /** The time the chef is held, travel and clean-up included (ISO instants): what must not overlap. */
  blockedFrom: string
  blockedUntil: string
  name: string
  guests: number
  city: string
  chefIds: string[]
  /** How many chefs the party needs (at least 1). */
  chefsNeeded: number
}

export interface Lane {
  id: string
  title: string
}

/**
 * The lanes: "Unassigned" first, then every chef by name; a chef who is on a shown booking but no
 * longer a chef (their role changed) keeps a lane of their own so their bookings stay visible.
 */
export function chefLanes(chefs: readonly CalendarChef[], bookings: readonly CalendarBookingFacts[]): Lane[] {
  const known = new Set(chefs.map((c) => c.id))
  const others = [...new Set(bookings.flatMap((b) => b.chefIds))].filter((id) => !known.has(id))
  const named = [...chefs].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  return [{ id: UNASSIGNED_LANE, title: 'Unassigned' }, ...named.map((c) => ({ id: c.id, title: c.name })), ...others.map((id) => ({ id, title: `Staff #${id} (not a chef)` }))]
}

/** How many more chefs a booking needs. */
export function chefsMissing(b: Pick<CalendarBookingFacts, 'chefIds' | 'chefsNeeded'>): number {
  return Math.max(0, Math.max(1, b.chefsNeeded) - b.chefIds.length)
}

export interface LaneEntry {
  /** Unique per (booking, lane). */
  key: string
  bookingId: string
  laneId: string
}

/**
 * Where each booking shows: in the lane of each of its chefs, and also in "Unassigned" while it
 * has fewer chefs than its party needs.
 */
export function laneEntries(bookings: readonly CalendarBookingFacts[]): LaneEntry[] {
  return bookings.flatMap((b) => {
    const lanes = [...b.chefIds, ...(chefsMissing(b) > 0 ? [UNASSIGNED_LANE] : [])]
    return lanes.map((laneId) => ({ key: `${b.id}:${laneId}`, bookingId: b.id, laneId }))
  })
}

export type ChefChange =
  | { kind: 'assigned' | 'moved' | 'unassigned'; chefIds: string[]; chefId: string; fromChefId?: string }
  | { kind: 'unchanged'; reason: string }

/**
 * What moving a booking from one lane to another does to its chefs: from "Unassigned" to a chef
 * adds that chef; from a chef to "Unassigned" takes that chef off; from one chef to another
 * swaps them. Dropping a chef onto a booking is a move from "Unassigned". Nothing changes when
 * the target chef is already on the booking, or the booking's chefs can no longer change.
 */
export function moveChef(booking: Pick<CalendarBookingFacts, 'chefIds' | 'status'>, fromLane: string, toLane: string): ChefChange {
  if (!(ASSIGNABLE_STATUSES as readonly string[]).includes(booking.status)) {
    return { kind: 'unchanged', reason: `A ${booking.status.replace('_', ' ')} booking keeps its chefs.` }
  }
  if (fromLane === toLane) return { kind: 'unchanged', reason: 'It is already in that lane.' }
  const current = booking.chefIds
  if (toLane === UNASSIGNED_LANE) {
    if (!current.includes(fromLane)) return { kind: 'unchanged', reason: 'That chef is not on this booking.' }
    return { kind: 'unassigned', chefIds: current.filter((c) => c !== fromLane), chefId: fromLane }
  }
  if (current.includes(toLane)) return { kind: 'unchanged', reason: 'That chef is already on this booking.' }
  if (fromLane === UNASSIGNED_LANE || !current.includes(fromLane)) return { kind: 'assigned', chefIds: [...current, toLane], chefId: toLane }
  return { kind: 'moved', chefIds: current.map((c) => (c === fromLane ? toLane : c)), chefId: toLane, fromChefId: fromLane }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** "Dec 14" for '2026-12-14'. */
export function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number]
  return `${MONTHS[m - 1]} ${d}`
}

/** A booking's start and end on the business's wall clock. */
export function wallClock(b: Pick<CalendarBookingFacts, 'startsAt' | 'endsAt'>, timeZone: string): { date: string; start: string; endDate: string; end: string } {
  const start = instantToLocal(new Date(b.startsAt), timeZone)
  const end = instantToLocal(new Date(b.endsAt), timeZone)
  return { date: start.date, start: start.time, endDate: end.date, end: end.time }
}

/** "Chef Ana" — a name that already says "Chef" is not said twice. */
export function chefLabel(name: string): string {
  return /^chef\b/i.test(name.trim()) ? name.trim() : `Chef ${name.trim()}`
}

/** The other live booking of this chef whose held time overlaps the target's, if the calendar has it. */
export function overlappingBookingOf(chefId: string, target: Pick<CalendarBookingFacts, 'id' | 'blockedFrom' | 'blockedUntil'>, bookings: readonly CalendarBookingFacts[]): CalendarBookingFacts | undefined {
  const from = Date.parse(target.blockedFrom)
  const until = Date.parse(target.blockedUntil)
  return bookings.find(
    (b) =>
      b.id !== target.id &&
      (ASSIGNABLE_STATUSES as readonly string[]).includes(b.status) &&
      b.chefIds.includes(chefId) &&
      Date.parse(b.blockedFrom) < until &&
      Date.parse(b.blockedUntil) > from,
  )
}

/**
 * The refusal of an overlapping chef in words. With the other booking at hand: "Chef Ana is
 * already booked 17:00–20:00 on Dec 14 (booking #12, travel and clean-up included, the times
 * overlap)." Without it (outside the shown dates): the chef's name and the server's own message.
 */
export function chefConflictMessage(args: { chefName: string; chefId: string; target: CalendarBookingFacts; bookings: readonly CalendarBookingFacts[]; timeZone: string; serverMessage: string }): string {
  const other = overlappingBookingOf(args.chefId, args.target, args.bookings)
  const chef = chefLabel(args.chefName)
  if (!other) return `${chef}: ${args.serverMessage}`
  const t = wallClock(other, args.timeZone)
  return `${chef} is already booked ${t.start}–${t.end} on ${shortDate(t.date)} (booking #${other.id}); with travel and clean-up the times overlap.`
}

/** "Jane Doe, 8 guests, Brooklyn — Dec 14 17:00–19:00": how a booking is named on screen and read out. */
export function bookingLabel(b: CalendarBookingFacts, timeZone: string): string {
  const t = wallClock(b, timeZone)
  return `${b.name}, ${b.guests} guest${b.guests === 1 ? '' : 's'}, ${b.city} — ${shortDate(t.date)} ${t.start}–${t.end}`
}

/** What the live region says after a change was saved. */
export function changeAnnouncement(change: Extract<ChefChange, { chefIds: string[] }>, names: { chef: string; fromChef?: string; booking: string }): string {
  const chef = chefLabel(names.chef)
  if (change.kind === 'unassigned') return `${chef} taken off ${names.booking}.`
  if (change.kind === 'moved' && names.fromChef) return `${names.booking}: ${chefLabel(names.fromChef)} replaced by ${chef}.`
  return `${chef} assigned to ${names.booking}.`
}
