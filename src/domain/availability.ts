// Slot availability: which start times can still take a booking, per local date.
// One rule (remainingUnitsAt) decides capacity for both the calendar and booking
// creation. Must never load bookings itself (callers pass only pending/confirmed ones)
// or read the system clock (callers pass `now`).
import { ValidationError, type ValidationIssue } from './errors'
import { blockedRange, blockedRangeOfEvent, chefsNeeded, rangesOverlap } from './capacity'
import type { BusinessSettings } from './settings'
import { lastBookableDate } from './booking/horizon'
import { availabilityQueryIssues } from './booking/limits'
import { addDaysToDate, daysBetweenDates, eachDate, formatHHMM, instantToLocal, isRealDate, localToInstant, parseHHMM } from './time'

/** A pending or confirmed booking. startsAt/endsAt are the EVENT instants, without buffers. */
export interface ActiveBooking {
  id: string
  startsAt: Date
  endsAt: Date
  chefUnits: number
}

export interface AvailabilitySlot {
  /** Local wall-clock start label, 'HH:MM'. */
  time: string
  /** The slot's start as a UTC ISO-8601 instant. */
  startsAt: string
  available: boolean
  /** Chef units still free for this slot (0 on blackout dates, never negative). */
  remaining: number
}

export interface AvailabilityDay {
  date: string
  slots: AvailabilitySlot[]
}

export interface Availability {
  timezone: string
  days: AvailabilityDay[]
}

export interface AvailabilityOptions {
  durationMinutes?: number
  guests?: number
}

const MS_PER_HOUR = 3_600_000

/**
 * Chef units still free for a candidate event starting at `startInstant`.
 * Two events conflict when their BUFFERED ranges overlap (half-open, so ranges that only
 * touch do not conflict). The result is chefCount minus the peak concurrent chefUnits of
 * conflicting bookings anywhere inside the candidate's buffered range (not their plain sum:
 * two bookings that do not overlap each other can share one chef), floored at 0.
 * `excludeBookingId` ignores one booking (e.g. the booking being rescheduled).
 */
export function remainingUnitsAt(
  settings: BusinessSettings,
  bookings: readonly ActiveBooking[],
  startInstant: Date,
  durationMinutes: number,
  excludeBookingId?: string,
): number {
  const candidate = blockedRange(settings, startInstant, durationMinutes)
  const edges: { t: number; delta: number }[] = []
  for (const b of bookings) {
    if (b.id === excludeBookingId) continue
    const range = blockedRangeOfEvent(settings, b.startsAt, b.endsAt)
    if (!rangesOverlap(candidate, range)) continue
    const start = Math.max(range.start.getTime(), candidate.start.getTime())
    const end = Math.min(range.end.getTime(), candidate.end.getTime())
    edges.push({ t: start, delta: b.chefUnits }, { t: end, delta: -b.chefUnits })
  }
  // Ends sort before starts at the same instant (half-open ranges).
  edges.sort((a, b) => a.t - b.t || a.delta - b.delta)
  let load = 0
  let peak = 0
  for (const e of edges) {
    load += e.delta
    if (load > peak) peak = load
  }
  return Math.max(0, settings.chefCount - peak)
}

/**
 * The lead-time and how-far-ahead test for one moment `now`, computed once (the time-zone
 * arithmetic is the costly part) and then applied to many slots.
 */
export function bookingHorizon(settings: BusinessSettings, now: Date): (date: string, startMs: number) => boolean {
  const earliest = now.getTime() + settings.leadTimeHours * MS_PER_HOUR
  const lastBookable = lastBookableDate(settings, now)
  // 'YYYY-MM-DD' strings order as the dates do.
  return (date, startMs) => startMs >= earliest && date <= lastBookable
}

/** Local 'HH:MM' start labels from startWindow.earliest to .latest (inclusive) every slotIntervalMinutes. */
export function slotTimes(settings: BusinessSettings): string[] {
  const out: string[] = []
  const last = parseHHMM(settings.startWindow.latest)
  for (let m = parseHHMM(settings.startWindow.earliest); m <= last; m += settings.slotIntervalMinutes) {
    out.push(formatHHMM(m))
  }
  return out
}

/**
 * Availability for every date from range.from to range.to inclusive. Slots are labelled in
 * local wall-clock time, so DST-change days have the same labels as any other day.
 * available = not a blackout date, within lead time and max advance, and
 * remaining ≥ chefsNeeded(opts.guests ?? 1). Blackout dates: every slot unavailable, remaining 0.
 */
export function computeAvailability(
  settings: BusinessSettings,
  bookings: readonly ActiveBooking[],
  range: { from: string; to: string },
  now: Date,
  opts: AvailabilityOptions = {},
): Availability {
  const issues: ValidationIssue[] = []
  if (!isRealDate(range.from)) issues.push({ path: 'from', message: 'Use a real YYYY-MM-DD date' })
  if (!isRealDate(range.to)) issues.push({ path: 'to', message: 'Use a real YYYY-MM-DD date' })
  if (issues.length === 0 && daysBetweenDates(range.from, range.to) < 0) {
    issues.push({ path: 'to', message: 'End date must not be before start date' })
  }
  const duration = opts.durationMinutes ?? settings.defaultDurationMinutes
  const guests = opts.guests ?? 1
  issues.push(...availabilityQueryIssues(settings, { guests, durationMinutes: duration }))
  if (issues.length > 0) throw new ValidationError(issues)

  const capacities = eachDate(range.from, range.to).map((date) => dayCapacity(settings, bookings, date, duration))
  const days = availableDays(settings, capacities, now, guests)
  return { timezone: settings.timezone, days }
}

/** One day's capacity, independent of the clock and the party size — the part worth caching. */
export interface DayCapacity {
  date: string
  slots: { time: string; startsAt: string; remaining: number }[]
}

/** Capacity of each slot on `date` (remaining chef units; 0 on blackout days). */
export function dayCapacity(settings: BusinessSettings, bookings: readonly ActiveBooking[], date: string, durationMinutes: number): DayCapacity {
  const blackout = settings.blackoutDates.includes(date)
  return {
    date,
    slots: slotTimes(settings).map((time) => {
      const start = localToInstant(date, time, settings.timezone)
      return { time, startsAt: start.toISOString(), remaining: blackout ? 0 : remainingUnitsAt(settings, bookings, start, durationMinutes) }
    }),
  }
}

/**
 * Turns (possibly cached) capacity into bookable slots for a party at a moment: the same decision
 * computeAvailability makes. The party's chef need and the booking horizon (the costly time-zone
 * part) are worked out once for all the days.
 */
export function availableDays(settings: BusinessSettings, capacities: readonly DayCapacity[], now: Date, guests = 1): AvailabilityDay[] {
  const needed = chefsNeeded(settings, guests)
  const blackout = new Set(settings.blackoutDates)
  const withinHorizon = bookingHorizon(settings, now)
  return capacities.map((capacity) => ({
    date: capacity.date,
    slots: capacity.slots.map((s) => ({
      ...s,
      available: !blackout.has(capacity.date) && s.remaining >= needed && withinHorizon(capacity.date, Date.parse(s.startsAt)),
    })),
  }))
}

/** availableDays for one day. */
export function availableDay(settings: BusinessSettings, capacity: DayCapacity, now: Date, guests = 1): AvailabilityDay {
  return availableDays(settings, [capacity], now, guests)[0] as AvailabilityDay
}

/**
 * The local dates whose slots a booking blocking [from, to) can touch: a slot on date X blocks at
 * most [X earliest − buffer before, X latest + longest duration + buffer after). Usually just the
 * booking's own date; a late, long booking can reach the next one.
 */
export function datesAffectedBy(settings: BusinessSettings, from: Date, to: Date): string[] {
  const { date } = instantToLocal(from, settings.timezone)
  const out: string[] = []
  for (const offset of [-1, 0, 1]) {
    const x = addDaysToDate(date, offset)
    const spanStart = localToInstant(x, settings.startWindow.earliest, settings.timezone).getTime() - settings.bufferBeforeMinutes * 60_000
    const spanEnd =
      localToInstant(x, settings.startWindow.latest, settings.timezone).getTime() + (settings.maxDurationMinutes + settings.bufferAfterMinutes) * 60_000
    if (spanStart < to.getTime() && spanEnd > from.getTime()) out.push(x)
  }
  return out
}
