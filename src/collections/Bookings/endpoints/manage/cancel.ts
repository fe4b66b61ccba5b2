/**
 * POST /api/bookings/manage/:token/cancel { reason? } → 200 { booking, refund }. Writes only the
 * status; the booking hook records the reason and computes the refund from the policy.
 */
import { assertBeforeEvent, assertCanCancel, cancelSchema } from '../../../../domain'
import { changeBooking, manageWrite, NOT_FOUND } from './shared'

export const cancelEndpoint = manageWrite('cancel', cancelSchema, async (req, { booking }, input) => {
  req.context.cancelReason = input.reason || undefined
  const view = await changeBooking(req, booking, (current) => {
    assertCanCancel(current.status)
    assertBeforeEvent(current.startsAt, new Date(), 'cancel')
  }, { status: 'cancelled' })
  if (!view) return NOT_FOUND
  const refund = { refundPercent: view.cancellation?.refundPercent ?? 0, refundCents: view.cancellation?.refundCents ?? 0 }
  return { status: 200, body: JSON.stringify({ booking: view, refund }) }
})
