/**
 * POST /api/quote — the itemized price of a party, computed by the same function that prices
 * bookings. Nothing is saved. `address` is optional (only its ZIP is read): without it the answer
 * has `travelFeeKnown: false` and no travel fee yet. Each quote answered counts one on its
 * business day (quoteCounts.ts: a count only, for the dashboard's quotes-to-bookings figure).
 */
import type { Endpoint } from 'payload'

import { computeQuote, parseOrThrow, quoteRequestSchema, validateEventRequest } from '../../../domain'
import { loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { jsonBody } from '../../../http/body'
import { toPayloadError } from '../../../http/errors'
import { quoteDay } from '../../../domain/dashboard'
import { activeMenu } from '../../MenuItems/activeMenu'
import { countQuote } from '../quoteCounts'

export const quoteEndpoint: Endpoint = {
  path: '/quote',
  method: 'post',
  handler: async (req) => {
    try {
      const input = parseOrThrow(quoteRequestSchema, await jsonBody(req))
      const settings = await loadSettingsCached(req)
      const now = new Date()
      validateEventRequest(settings, input, now, { onSlotGrid: true })
      const items = await activeMenu(req.payload)
      const quote = computeQuote(settings, { guests: input.guests, zip: input.address?.zip ?? null, menu: input.menu }, items)
      await countQuote(req.payload, quoteDay(now, settings.timezone))
      return Response.json({ ...quote, travelFeeKnown: input.address !== undefined }, { headers: { 'Cache-Control': 'no-store' } })
    } catch (err) {
      throw toPayloadError(err)
    }
  },
}
