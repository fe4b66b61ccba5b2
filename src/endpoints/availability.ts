/**
 * GET /api/availability?from=YYYY-MM-DD&to=YYYY-MM-DD[&guests=N&durationMinutes=M]
 * → { timezone, days: [{ date, slots: [{ time, available, remaining, startsAt }] }] }
 * Thin: parse, load settings and the bookings in range, call the domain, answer.
 */
import type { Endpoint } from 'payload'

import { availabilityQuerySchema, computeAvailability, localToInstant, parseOrThrow, addDaysToDate } from '../domain'
import { activeBookingsBetween } from '../collections/Bookings/queries'
import { loadSettings } from '../globals/BusinessSettings/load'
import { toPayloadError } from '../lib/payload-errors'

const optionalInt = (v: string | null) => (v === null || v === '' ? undefined : Number(v))

export const availabilityEndpoint: Endpoint = {
  path: '/availability',
  method: 'get',
  handler: async (req) => {
    try {
      const url = new URL(req.url ?? 'http://localhost/')
      const query = parseOrThrow(availabilityQuerySchema, { from: url.searchParams.get('from') ?? undefined, to: url.searchParams.get('to') ?? undefined })
      const settings = await loadSettings(req)
      // Bookings whose buffered range can touch any slot of the range (a day of margin each side).
      const from = localToInstant(addDaysToDate(query.from, -1), '00:00', settings.timezone)
      const to = localToInstant(addDaysToDate(query.to, 2), '00:00', settings.timezone)
      const bookings = await activeBookingsBetween(req, from, to)
      const guests = optionalInt(url.searchParams.get('guests'))
      const durationMinutes = optionalInt(url.searchParams.get('durationMinutes'))
      const result = computeAvailability(settings, bookings, query, new Date(), {
        ...(guests !== undefined ? { guests } : {}),
        ...(durationMinutes !== undefined ? { durationMinutes } : {}),
      })
      return Response.json(result, { headers: { 'Cache-Control': 'no-store' } })
    } catch (err) {
      throw toPayloadError(err)
    }
  },
}
