/**
 * Human labels for booking dates and times. Dates are 'YYYY-MM-DD' and times 'HH:MM' in the
 * BUSINESS time zone; they are formatted as calendar values (UTC-anchored), never through the
 * browser's own zone, so every visitor sees the same day the business means.
 */

function utcDate(date: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, 12))
}

/** '2026-12-04' → 'Friday, December 4, 2026'. */
export function dateLabel(date: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(utcDate(date))
}

/** '2026-12' → 'December 2026'. */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(utcDate(`${month}-01`))
}

/** '17:30' → '5:30 pm', '12:00' → '12 pm': the storefront's one clock wording. */
export { formatClock as timeLabel } from '../../site/format'

/** 0 = Sunday … 6 = Saturday, for a 'YYYY-MM-DD' calendar date. */
export function weekday(date: string): number {
  return utcDate(date).getUTCDay()
}

/** 'America/New_York' → 'Eastern Time' style short name for telling customers which clock we mean. */
export function zoneLabel(timezone: string, date: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'long' }).formatToParts(utcDate(date))
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timezone
}
