// Settings- and clock-dependent business rules for an event request (date, time,
// duration, guests, service area). Collects EVERY failed rule into one ValidationError
// so a form can show all problems at once. Must never touch storage, the system clock
// (callers pass `now`) or HTTP.
import { ValidationError, type ValidationIssue } from './errors'
import { isOnSlotGrid, slotGridMessage } from './bookingTerms'
import type { BusinessSettings, ServiceArea } from './settings'
import { isBeyondHorizon } from './booking/horizon'
import { durationIssues, partyIssues } from './booking/limits'
import { isRealDate, isValidHHMM, localToInstant, parseHHMM } from './time'

export interface GuestCount {
  adults: number
  children: number
}

export interface EventRequest {
  eventDate: string
  startTime: string
  durationMinutes?: number
  guests: { adults: number; children?: number }
  address?: { zip: string }
}

const MS_PER_HOUR = 3_600_000

/** The service zone containing `zip`, or null when we do not serve it. */
export function findServiceZone(settings: Pick<BusinessSettings, 'serviceAreas'>, zip: string): ServiceArea | null {
  const z = zip.trim()
  return settings.serviceAreas.find((area) => area.zips.includes(z)) ?? null
}

export function outsideServiceAreaMessage(zip: string): string {
  return `Sorry, we do not serve ZIP ${zip.trim()} yet`
}

/** Whole guest count (adults + children). */
export function totalGuests(guests: { adults: number; children?: number }): number {
  return guests.adults + (guests.children ?? 0)
}

/**
 * Rules checked (path → rule):
 * - startTime: a real HH:MM between startWindow.earliest and .latest inclusive (the slot
 *   grid is NOT enforced here, so staff may book 17:15);
 * - eventDate: a real date; the event's start instant is not in the past and is at least
 *   leadTimeHours after `now` (exactly leadTimeHours is allowed); the date is no later than
 *   today + maxAdvanceDays (business time zone calendar); not a blackout date;
 * - guests: total within guests.minTotal..maxTotal; guests.adults: at least one adult;
 * - durationMinutes (default defaultDurationMinutes): integer within min..max;
 * - address.zip (only when an address is given): inside a service area.
 */
/**
 * `onSlotGrid: true` (customers) also requires the start time to be one of the offered slots.
 * `checkWhen: false` skips the date-and-time rules that depend on the clock and the calendar
 * (past, lead time, how far ahead, start window, blackout) — for edits that keep a booking's
 * date and time: staff may change the party, menu or contact of tomorrow's booking.
 */
export function validateEventRequest(settings: BusinessSettings, req: EventRequest, now: Date, opts: { checkWhen?: boolean; onSlotGrid?: boolean } = {}): void {
  const checkWhen = opts.checkWhen ?? true
  const issues: ValidationIssue[] = []
  const tz = settings.timezone
  const { earliest, latest } = settings.startWindow

  const timeOk = isValidHHMM(req.startTime)
  if (!timeOk) {
    issues.push({ path: 'startTime', message: 'Use a 24-hour HH:MM time, e.g. 17:30' })
  } else if (checkWhen) {
    const minutes = parseHHMM(req.startTime)
    if (minutes < parseHHMM(earliest) || minutes > parseHHMM(latest)) {
      issues.push({ path: 'startTime', message: `Events can start between ${earliest} and ${latest}` })
    } else if (opts.onSlotGrid && !isOnSlotGrid(settings, req.startTime)) {
      issues.push({ path: 'startTime', message: slotGridMessage(settings) })
    }
  }

  if (!isRealDate(req.eventDate)) {
    issues.push({ path: 'eventDate', message: 'That date does not exist on the calendar' })
  } else if (checkWhen) {
    // The start instant decides past/lead time; without a valid time, use the start of the window.
    const startInstant = localToInstant(req.eventDate, timeOk ? req.startTime : earliest, tz)
    if (startInstant.getTime() < now.getTime()) {
      issues.push({ path: 'eventDate', message: 'That date and time is in the past' })
    } else if (startInstant.getTime() < now.getTime() + settings.leadTimeHours * MS_PER_HOUR) {
      issues.push({
        path: 'eventDate',
        message: `Events must be booked at least ${settings.leadTimeHours} hours in advance`,
      })
    } else if (isBeyondHorizon(settings, req.eventDate, now)) {
      issues.push({
        path: 'eventDate',
        message: `Events can be booked at most ${settings.maxAdvanceDays} days in advance`,
      })
    }
    if (settings.blackoutDates.includes(req.eventDate)) {
      issues.push({ path: 'eventDate', message: 'We are not taking events on that date' })
    }
  }

  issues.push(...partyIssues(settings, totalGuests(req.guests)))
  if (req.guests.adults < 1) {
    issues.push({ path: 'guests.adults', message: 'At least one adult must attend' })
  }

  issues.push(...durationIssues(settings, req.durationMinutes ?? settings.defaultDurationMinutes))

  if (req.address !== undefined && findServiceZone(settings, req.address.zip) === null) {
    issues.push({ path: 'address.zip', message: outsideServiceAreaMessage(req.address.zip) })
  }

  if (issues.length > 0) throw new ValidationError(issues)
}
