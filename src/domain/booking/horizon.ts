/**
 * How far ahead a booking may be made: the last bookable date is today in the business's time
 * zone plus `maxAdvanceDays`. The one computation of it, used by the booking rules, the
 * availability rules and the storefront's date pickers. Takes `now`; never reads the clock.
 */
import type { BusinessSettings } from '../settings'
import { addDaysToDate, daysBetweenDates, todayInZone } from '../time'

/** The last date (YYYY-MM-DD, business time zone) a booking may be made for at `now`. */
export function lastBookableDate(settings: Pick<BusinessSettings, 'timezone' | 'maxAdvanceDays'>, now: Date): string {
  return addDaysToDate(todayInZone(now, settings.timezone), settings.maxAdvanceDays)
}

/** Whether `date` is after the last bookable date at `now`. */
export function isBeyondHorizon(settings: Pick<BusinessSettings, 'timezone' | 'maxAdvanceDays'>, date: string, now: Date): boolean {
  return daysBetweenDates(lastBookableDate(settings, now), date) > 0
}
