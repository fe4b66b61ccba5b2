/**
 * Human labels for booking dates, times and statuses. Dates are 'YYYY-MM-DD' and times 'HH:MM' in
 * the BUSINESS time zone; they are formatted as calendar values (UTC-anchored), never through the
 * browser's own zone, so every visitor sees the same day the business means. An instant (an ISO
 * timestamp such as a payment hold's end) is shown on the business's clock too, with its zone.
 */
import type { BookingStatus } from '../../domain/lifecycle'
import { instantToLocal } from '../../domain/time'
import { formatClock } from '../../site/format'

// Calendar dates are spelled out from these names rather than by Intl.DateTimeFormat: the calendar
// labels every day of the month on each render, and building formatters was most of /book's
// hydration time. The wording is en-US's ('Friday, December 4, 2026'; tests/unit/booking-draft).
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const
// Zone names need the time-zone data: one formatter per zone and style, made when first asked for.
const zoneNames = new Map<string, Intl.DateTimeFormat>()
function zoneName(timezone: string, at: Date, style: 'long' | 'longGeneric' = 'long'): string {
  const key = `${style} ${timezone}`
  let format = zoneNames.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: style })
    zoneNames.set(key, format)
  }
  return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timezone
}

function utcDate(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, 12))
}

/** '2026-12-04' → 'Friday, December 4, 2026'. */
export function dateLabel(date: string): string {
  const d = utcDate(date)
  return `${WEEKDAYS[d.getUTCDay()] ?? ''}, ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
}

/** '2026-12' → 'December 2026'. */
export function monthLabel(month: string): string {
  const d = utcDate(`${month}-01`)
  return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`
}

/** '17:30' → '5:30 pm', '12:00' → '12 pm': the storefront's one clock wording. */
export { formatClock as timeLabel } from '../../site/format'

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' calendar date. */
export function weekday(date: string): number {
  return utcDate(date).getUTCDay()
}

/** 'America/New_York' → 'Eastern Time' style short name for telling customers which clock we mean. */
export function zoneLabel(timezone: string, date: string): string {
  return zoneName(timezone, utcDate(date))
}

/** 'America/New_York' → 'Eastern Time': the zone's name for any date (no standard or daylight time in it). */
export function zoneNameOf(timezone: string): string {
  return zoneName(timezone, new Date(0), 'longGeneric')
}

/**
 * An ISO instant on the business's clock, with the zone's name so no visitor reads it in their own:
 * '2026-12-04T20:30:00Z', 'America/New_York' → 'Friday, December 4, 2026 at 3:30 pm (Eastern Standard Time)'.
 */
export function instantLabel(iso: string, timezone: string): string {
  const at = new Date(iso)
  // instantToLocal throws a RangeError for an unreadable instant: a server bug worth surfacing.
  const local = instantToLocal(at, timezone)
  const zone = zoneName(timezone, at)
  return `${dateLabel(local.date)} at ${formatClock(local.time)} (${zone})`
}

/** What each booking status means to the customer, wherever a status is shown. */
export const STATUS_LABELS: Record<BookingStatus, string> = {
  pending: 'Requested — waiting for our confirmation',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
  expired: 'Expired — the deposit was not paid in time, so the date was released',
}

/** A pending booking that waits only for its online deposit (the deposit confirms it). */
export const PENDING_DEPOSIT_LABEL = 'Requested — waiting for your deposit'

/** The label of `status`; a status this page does not know yet is shown as the server names it. */
export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string | undefined>)[status] ?? status
}
