/**
 * The balance-payment link (src/collections/Payments/balanceLink.ts):
 *   POST /api/bookings/:id/balance-link → staff (managers, admins) email the customer a new link
 *        (queued with it; the jobs runner sends it);
 *        200 { sent: true, amountCents }. 409 when no balance is due, 503 without Stripe.
 *   POST /api/bookings/pay/:token       → whoever holds the link: 200 { url } of a Checkout
 *        Session for the balance (the amount is the booking's). 404 for an unknown or retired link.
 */
import type { Endpoint } from 'payload'

import { hasRole } from '../../../access/roles'
import { ConflictError, ForbiddenError, NotFoundError, paymentSummary } from '../../../domain'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import { inTransaction } from '../../../infra/db'
import { requireStripe, STAFF_PAYMENTS_OFF } from '../../../infra/stripe'
import { bookingIdForBalanceToken, mintBalanceLink, queueBalanceLinkEmail } from '../balanceLink'
import { openCheckout, paidMeanwhile } from '../checkout'
import { PRIVATE } from '../../Bookings/endpoints/manage/shared'
import { lockBooking } from '../ledger'


export const sendBalanceLinkEndpoint: Endpoint = {
  method: 'post',
  path: '/:id/balance-link',
  handler: async (req) => {
    if (!req.user) return jsonResponse({ status: 401, body: errorBody('Unauthorized', 'Sign in as staff to send a payment link.') })
    try {
      if (!hasRole(req.user, 'admin', 'manager')) throw new ForbiddenError('Only managers and admins send payment links.')
      requireStripe(STAFF_PAYMENTS_OFF)
      const id = Number(req.routeParams?.id)
      const sent = await inTransaction(req, async () => {
        const booking = Number.isSafeInteger(id) && id > 0 ? await lockBooking(req, id) : undefined
        if (!booking) throw new NotFoundError('No booking with that id')
        const money = paymentSummary(booking)
        if (booking.status !== 'confirmed' || money.depositDueCents > 0 || money.balanceDueCents <= 0) {
          throw new ConflictError('A balance link is for a confirmed booking with its deposit paid and a balance due.', 'payment_not_due')
        }
        const url = await mintBalanceLink(req, booking, new Date())
        // Queued with the link in one transaction: the runner sends it after the commit, never a link that is not stored.
        await queueBalanceLinkEmail(req, booking, url, money.balanceDueCents, 'staff')
        return { amountCents: money.balanceDueCents }
      })
      return jsonResponse({ status: 200, body: JSON.stringify({ sent: true, amountCents: sent.amountCents }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}

export const payBalanceEndpoint: Endpoint = {
  method: 'post',
  path: '/pay/:token',
  handler: async (req) => {
    try {
      requireStripe()
      const url = await inTransaction(req, async () => {
        const id = await bookingIdForBalanceToken(req, req.routeParams?.token)
        const booking = id === undefined ? undefined : await lockBooking(req, id)
        if (!booking) throw new NotFoundError('This payment link is not valid any more. Ask us for a new one.')
        return openCheckout(req, booking, 'balance')
      })
      if (url === null) throw paidMeanwhile()
      return jsonResponse({ status: 200, body: JSON.stringify({ url }) }, PRIVATE)
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}
