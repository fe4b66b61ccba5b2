/**
 * What a chef's "My schedule" shows, decided from plain data: which days are "today" and "this
 * week" in the business time zone, which events still wait for the chef's word (started, still
 * confirmed), and the map link for an address. Pure: callers pass `now` and the time zone.
 */
import { chefOutcomeRefusal, type BookingStatus, type ChefOutcome } from '../lifecycle'
import { addDaysToDate, todayInZone } from '../time'

export interface ScheduleRange {
  /** Today, YYYY-MM-DD in the business time zone. */
  today: string
  /** The last day shown under "this week": today + 6. */
  weekEnd: string
  /** The first day of the "waiting for your word" look-back: today − 7. */
  lookBackFrom: string
}

export function scheduleRange(now: Date, timeZone: string): ScheduleRange {
  const today = todayInZone(now, timeZone)
  return { today, weekEnd: addDaysToDate(today, 6), lookBackFrom: addDaysToDate(today, -7) }
}

/** Whether the chef may mark this event `outcome` now (the lifecycle rule, as a yes/no for buttons). */
export function canMarkOutcome(status: BookingStatus, startsAt: Date, now: Date, outcome: ChefOutcome): boolean {
  return chefOutcomeRefusal({ status, startsAt, now, outcome }) === undefined
}

/**
 * A Google Maps search link for the event address (a plain link: no embedded map, no script).
 * https://developers.google.com/maps/documentation/urls/get-started#search-action
 */
export function mapSearchUrl(address: { street: string; city: string; state: string; zip: string }): string {
  const query = [address.street, address.city, `${address.state} ${address.zip}`].map((s) => s.trim()).filter(Boolean).join(', ')
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`
}
