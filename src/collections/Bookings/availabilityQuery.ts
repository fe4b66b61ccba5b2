/**
 * Free times for a party over a range of dates, as the availability endpoint and the chat's
 * check_availability tool both answer it: each day's capacity is cached per date (computed for
 * the misses in one bookings query), then the clock and the party size are applied.
 * The caller has validated the range (availabilityQuerySchema) and the party (availabilityQueryIssues).
 */
import type { PayloadRequest } from 'payload'

import { addDaysToDate, availableDays, dayCapacity, eachDate, localToInstant, type AvailabilityDay, type BusinessSettings, type DayCapacity } from '../../domain'
import { cachedMany } from '../../infra/cache'
import { activeBookingsBetween } from './queries'

export async function availabilityFor(
  req: PayloadRequest,
  settings: BusinessSettings,
  query: { from: string; to: string; guests: number; durationMinutes: number },
  now: Date = new Date(),
): Promise<AvailabilityDay[]> {
  const dates = eachDate(query.from, query.to)
  const capacities = await cachedMany<DayCapacity>('availability', dates, `d${query.durationMinutes}`, async (missing) => {
    const first = missing[0] as string
    const last = missing[missing.length - 1] as string
    // Bookings whose buffered range can reach any slot of those days (a day of margin each side).
    const bookings = await activeBookingsBetween(
      req,
      localToInstant(addDaysToDate(first, -1), '00:00', settings.timezone),
      localToInstant(addDaysToDate(last, 2), '00:00', settings.timezone),
    )
    return new Map(missing.map((d) => [d, dayCapacity(settings, bookings, d, query.durationMinutes)]))
  })
  return availableDays(settings, dates.map((d) => capacities.get(d) as DayCapacity), now, query.guests)
}
