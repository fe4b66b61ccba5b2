/**
 * GET /api/availability?from=YYYY-MM-DD&to=YYYY-MM-DD[&guests=N&durationMinutes=M]
 * → { timezone, days: [{ date, slots: [{ time, available, remaining, startsAt }] }] }
 * Thin: parse, read each day's capacity (cached per date, computed for the misses in one
 * bookings query), apply the clock and the party size, answer.
 */
import type { Endpoint } from 'payload'

import { addDaysToDate, availabilityQueryIssues, availabilityQuerySchema, availableDays, dayCapacity, eachDate, localToInstant, parseOrThrow, ValidationError, type DayCapacity } from '../../../domain'
import { loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { toPayloadError } from '../../../http/errors'
import { cachedMany } from '../../../infra/cache'
import { activeBookingsBetween } from '../queries'

function optionalInt(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isInteger(n)) throw ValidationError.single(name, `${name} must be a whole number`)
  return n
}

export const availabilityEndpoint: Endpoint = {
  path: '/availability',
  method: 'get',
  handler: async (req) => {
    try {
      const url = new URL(req.url ?? 'http://localhost/')
      const query = parseOrThrow(availabilityQuerySchema, { from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined })
      const guests = optionalInt(url.searchParams, 'guests') ?? 1
      const settings = await loadSettingsCached(req)
      const duration = optionalInt(url.searchParams, 'durationMinutes') ?? settings.defaultDurationMinutes
      const issues = availabilityQueryIssues(settings, { guests, durationMinutes: duration })
      if (issues.length > 0) throw new ValidationError(issues)

      const dates = eachDate(query.from, query.to)
      const capacities = await cachedMany<DayCapacity>('availability', dates, `d${duration}`, async (missing) => {
        const first = missing[0] as string
        const last = missing[missing.length - 1] as string
        // Bookings whose buffered range can reach any slot of those days (a day of margin each side).
        const bookings = await activeBookingsBetween(
          req,
          localToInstant(addDaysToDate(first, -1), '00:00', settings.timezone),
          localToInstant(addDaysToDate(last, 2), '00:00', settings.timezone),
        )
        return new Map(missing.map((d) => [d, dayCapacity(settings, bookings, d, duration)]))
      })
      const now = new Date()
      const days = availableDays(settings, dates.map((d) => capacities.get(d) as DayCapacity), now, guests)
      return Response.json({ timezone: settings.timezone, days }, { headers: { 'Cache-Control': 'no-store' } })
    } catch (err) {
      throw toPayloadError(err)
    }
  },
}
