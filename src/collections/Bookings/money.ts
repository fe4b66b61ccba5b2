/**
 * A stored booking's money figures as the domain's payment rules take them (paymentSummary,
 * paymentStateOf): integer cents, 0 for a figure never set. One reading for every caller.
 */
import { centsOrZero } from '../../domain'
import type { Booking } from '../../payload-types'

export function bookingMoney(b: Pick<Booking, 'pricing' | 'payment'>) {
  return {
    totalCents: centsOrZero(b.pricing?.totalCents),
    depositCents: centsOrZero(b.pricing?.depositCents),
    depositPaidCents: centsOrZero(b.payment?.depositPaidCents),
    balancePaidCents: centsOrZero(b.payment?.balancePaidCents),
    refundedCents: centsOrZero(b.payment?.refundedCents),
  }
}
