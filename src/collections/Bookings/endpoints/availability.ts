/**
 * GET /api/availability?from=YYYY-MM-DD&to=YYYY-MM-DD[&guests=N&durationMinutes=M]
 * → { timezone, days: [{ date, slots: [{ time, available, remaining, startsAt }] }] }
 * Thin: parse, ask availabilityFor (shared with the chat's tool), answer.
 */
import type { Endpoint } from 'payload'

import { availabilityQueryIssues, availabilityQuerySchema, parseOrThrow, ValidationError } from '../../../domain'
import { loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { toPayloadError } from '../../../http/errors'
import { availabilityFor } from '../availabilityQuery'

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

      const days = await availabilityFor(req, settings, { from: query.from, to: query.to, guests, durationMinutes: duration })
      return Response.json({ timezone: settings.timezone, days }, { headers: { 'Cache-Control': 'no-store' } })
    } catch (err) {
      throw toPayloadError(err)
    }
  },
}
