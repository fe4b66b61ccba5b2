/**
 * Paying through the manage link (the token is the credential):
 *   POST /api/bookings/manage/:token/deposit → 200 { url } of a Stripe Checkout Session
 *   POST /api/bookings/manage/:token/balance → 200 { url }
 * No input: the amount is the stored booking's (src/collections/Payments/checkout.ts). The
 * booking row is locked while the session is found or made, so two requests at once get the same
 * session. 503 `payments_not_configured` without Stripe; 409 when nothing of that kind is due.
 * The URL given to Stripe to come back to carries a single-use code, never the token.
 */
import { payNowSchema, type CheckoutKind } from '../../../../domain'
import { inTransaction } from '../../../../infra/db'
import { requireStripe } from '../../../../infra/stripe'
import { openCheckout, paidMeanwhile } from '../../../Payments/checkout'
import { lockBooking } from '../../../Payments/ledger'
import { manageWrite, NOT_FOUND } from './shared'

function payEndpoint(kind: CheckoutKind) {
  return manageWrite(kind, payNowSchema, async (req, { booking }) => {
    requireStripe()
    const url = await inTransaction(req, async () => {
      const locked = await lockBooking(req, booking.id)
      return locked ? openCheckout(req, locked, kind) : undefined
    })
    if (url === undefined) return NOT_FOUND
    if (url === null) throw paidMeanwhile()
    return { status: 200, body: JSON.stringify({ url }) }
  })
}

export const depositEndpoint = payEndpoint('deposit')
export const balanceEndpoint = payEndpoint('balance')
