/**
 * POST /api/payments/refund { booking, amountCents, reason } — a manager or admin refunds to the
 * card by hand, beyond what the cancellation policy gave: at most what the booking's card charges
 * still hold, recorded with who and why (src/collections/Payments/refunds.ts). The same request
 * with the same Idempotency-Key replays its answer; a repeat without one is a new refund (the
 * amount left to refund shrinks, so it can never exceed what was paid).
 * 401 signed out, 403 for anyone else, 400 naming the field, 404 unknown booking, 503 without Stripe.
 */
import type { Endpoint } from 'payload'

import { hasRole } from '../../../access/roles'
import { assertManualRefund, ForbiddenError, manualRefundSchema, NotFoundError, parseOrThrow } from '../../../domain'
import { bodyValue, readJsonBody } from '../../../http/body'
import { respondIdempotently } from '../../../http/idempotent-endpoint'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { requireStripe, STAFF_PAYMENTS_OFF } from '../../../infra/stripe'
import { lockBooking } from '../ledger'
import { cardRefundableCents, refundToCard } from '../refunds'

export const manualRefundEndpoint: Endpoint = {
  method: 'post',
  path: '/refund',
  handler: async (req) => {
    if (!req.user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Sign in as staff to refund.') })
    let body
    try {
      if (!hasRole(req.user, 'admin', 'manager')) throw new ForbiddenError('Only managers and admins refund.')
      body = await readJsonBody(req)
    } catch (err) {
      return jsonResponse(refusal(err))
    }
    return respondIdempotently(req, {
      scope: `payments:refund:${String(req.user.id)}`,
      body: body.ok ? body.value : { unparsedBody: body.text },
      run: async () => {
        try {
          const input = parseOrThrow(manualRefundSchema, bodyValue(body))
          requireStripe(STAFF_PAYMENTS_OFF)
          return await inTransaction(req, async () => {
            const booking = await lockBooking(req, input.booking)
            if (!booking) throw new NotFoundError('No booking with that id')
            const checked = assertManualRefund({ amountCents: input.amountCents, reason: input.reason, refundableCents: await cardRefundableCents(req, booking.id) })
            const result = await refundToCard(req, booking, checked.amountCents, { reason: checked.reason, recordedBy: Number(req.user?.id) })
            return { status: 200, body: JSON.stringify(result) }
          })
        } catch (err) {
          return refusal(err)
        }
      },
    })
  },
}
