/**
 * Payments: every charge and refund of every booking, card (written by the Stripe webhook, the
 * balance job and refunds) or offline (cash, check, transfer, recorded by staff with who and
 * when). Append-only: nobody edits or deletes a record. The booking carries the totals
 * (paid, due, refunded), changed in the same transaction as the record (ledger.ts).
 */
import type { AppCollection } from '../../access/types'
import { guardWriteBody } from '../../hooks/guardWriteBody'
import { paymentsAccess } from './access'
import { manualRefundEndpoint } from './endpoints/refund'
import { paymentFields } from './fields'
import { creditOfflinePayment, recordOfflinePayment, refuseAmountAsText } from './hooks/recordOfflinePayment'

export const Payments: AppCollection = {
  slug: 'payments',
  labels: { singular: 'Payment', plural: 'Payments' },
  admin: {
    useAsTitle: 'kind',
    defaultColumns: ['booking', 'kind', 'method', 'amountCents', 'status', 'recordedBy', 'occurredAt'],
    group: 'Bookings',
    description: 'Every charge and refund. Record cash, check or transfer payments here; card payments and refunds are added by the system.',
  },
  access: paymentsAccess,
  endpoints: [manualRefundEndpoint],
  hooks: {
    beforeOperation: [guardWriteBody, refuseAmountAsText],
    beforeValidate: [recordOfflinePayment],
    afterChange: [creditOfflinePayment],
  },
  fields: paymentFields,
  timestamps: true,
}
