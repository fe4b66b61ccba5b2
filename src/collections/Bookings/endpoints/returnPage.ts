/**
 * Coming back from Stripe Checkout, without the manage token (src/collections/Payments/returnCodes.ts):
 *   POST /api/bookings/return { code } → 200 { booking: ReturnView } and the return cookie; the code
 *        is used up (400 for a malformed body, 404 for an unknown, used or expired code)
 *   GET  /api/bookings/return          → 200 { booking: ReturnView } while the cookie lasts (30 min), else 401
 * The view says only what the return page shows: status, date, time and money. The page polls the
 * GET until the webhook has confirmed the booking. Private: no-store, no referrer.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { parseOrThrow, paymentSummary, returnCodeSchema, type ReturnView, centsOrZero } from '../../../domain'
import { loadSettingsCached } from '../../../globals/BusinessSettings/load'
import { jsonBody } from '../../../http/body'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import type { Booking } from '../../../payload-types'
import { bookingMoney } from '../money'
import { PRIVATE } from './manage/shared'
import { bookingFromReturnCookie, claimReturnCode, readReturnCookie, returnCookieHeader, returnCookieValue } from '../../Payments/returnCodes'


const cents = centsOrZero

async function returnView(req: PayloadRequest, id: number): Promise<ReturnView | undefined> {
  const b = (await req.payload.findByID({ collection: 'bookings', id, req, overrideAccess: true, depth: 0, disableErrors: true })) as Booking | null
  if (!b) return undefined
  const settings = await loadSettingsCached(req)
  const money = paymentSummary(bookingMoney(b))
  return {
    status: b.status,
    eventDate: b.eventDate,
    startTime: b.startTime,
    timezone: settings.timezone,
    depositCents: cents(b.pricing?.depositCents),
    depositPaidCents: cents(b.payment?.depositPaidCents),
    balanceDueCents: money.balanceDueCents,
    currency: b.pricing?.currency ?? settings.currency,
    holdExpiresAt: b.status === 'pending' ? (b.payment?.holdExpiresAt ?? null) : null,
  }
}

const expired = () => jsonResponse({ status: 404, body: errorBody('NotFound', 'This payment link has expired or was already used. Use the manage link from your confirmation email.') }, PRIVATE)

export const returnClaimEndpoint: Endpoint = {
  method: 'post',
  path: '/return',
  handler: async (req) => {
    try {
      const { code } = parseOrThrow(returnCodeSchema, await jsonBody(req))
      const id = await claimReturnCode(req, code)
      const view = id === undefined ? undefined : await returnView(req, id)
      if (id === undefined || !view) return expired()
      const res = jsonResponse({ status: 200, body: JSON.stringify({ booking: view }) }, PRIVATE)
      res.headers.append('Set-Cookie', returnCookieHeader(returnCookieValue(id, new Date())))
      return res
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}

export const returnStatusEndpoint: Endpoint = {
  method: 'get',
  path: '/return',
  handler: async (req) => {
    const id = bookingFromReturnCookie(readReturnCookie(req.headers), new Date())
    const view = id === undefined ? undefined : await returnView(req, id)
    if (!view) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Open the link Stripe sent you back with, or the manage link from your email.') }, PRIVATE)
    return jsonResponse({ status: 200, body: JSON.stringify({ booking: view }) }, PRIVATE)
  },
}
