/**
 * The one set of limits on a booking's party, length and menu. Two levels:
 * - BOOKING_LIMITS are the hard bounds the software accepts at all: the booking fields, the
 *   request schemas and the business-settings fields are all built from them, so no layer
 *   accepts a number another refuses;
 * - the business's own limits (settings: guests min/max, duration min/max) lie within them and
 *   are checked by `partyIssues` and `durationIssues`, the only checks the availability
 *   endpoint, the availability rules and the booking rules run.
 * Framework-free; messages are the customer's.
 */
import type { ValidationIssue } from '../errors'
import type { BusinessSettings } from '../settings'

export const BOOKING_LIMITS = {
  /** Guests of a booking: adults, children and their total, and the settings' maximum. */
  maxGuests: 50,
  /** Event length in minutes: a booking's duration and the settings' default, minimum and maximum. */
  minDurationMinutes: 60,
  maxDurationMinutes: 480,
  /** Menu rows on one booking, and portions of one item. */
  maxMenuRows: 20,
  maxMenuQuantity: 100,
} as const

/** '2 hours', '90 minutes'. */
export function formatDuration(minutes: number): string {
  if (minutes % 60 === 0) {
    const h = minutes / 60
    return `${h} hour${h === 1 ? '' : 's'}`
  }
  return `${minutes} minutes`
}

/** The party size against the business's limits: a whole number within guests.minTotal..maxTotal. */
export function partyIssues(settings: Pick<BusinessSettings, 'guests'>, total: number, path = 'guests'): ValidationIssue[] {
  const { minTotal, maxTotal } = settings.guests
  if (Number.isInteger(total) && total >= minTotal && total <= maxTotal) return []
  return [{ path, message: `We cater for ${minTotal} to ${maxTotal} guests` }]
}

/** The event length against the business's limits: a whole number of minutes within min..max. */
export function durationIssues(settings: Pick<BusinessSettings, 'minDurationMinutes' | 'maxDurationMinutes'>, minutes: number, path = 'durationMinutes'): ValidationIssue[] {
  if (Number.isInteger(minutes) && minutes >= settings.minDurationMinutes && minutes <= settings.maxDurationMinutes) return []
  return [{ path, message: `Events last between ${formatDuration(settings.minDurationMinutes)} and ${formatDuration(settings.maxDurationMinutes)}` }]
}

/**
 * An availability question's party and length. The party is a filter here (any party from one
 * guest up to the business's maximum may ask which slots fit it), so its floor is 1, not the
 * business's minimum party.
 */
export function availabilityQueryIssues(settings: Pick<BusinessSettings, 'guests' | 'minDurationMinutes' | 'maxDurationMinutes'>, query: { guests: number; durationMinutes: number }): ValidationIssue[] {
  const issues = durationIssues(settings, query.durationMinutes)
  const { maxTotal } = settings.guests
  if (!Number.isInteger(query.guests) || query.guests < 1 || query.guests > maxTotal) issues.push({ path: 'guests', message: `Guests must be between 1 and ${maxTotal}` })
  return issues
}
