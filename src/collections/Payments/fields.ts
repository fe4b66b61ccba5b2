/**
 * The fields of a payment record: every charge and refund, card or offline, with amount (integer
 * cents, always positive: `kind` says which way the money went), currency, status, the Stripe ids,
 * the booking and customer, who started it, why (refunds, offline entries) and when.
 * Staff creating an offline record may set only booking, kind, method, amount, note and when;
 * the rest is the server's (hooks/recordOfflinePayment.ts).
 */
import type { Field } from 'payload'

import { serverOnly } from '../../access/serverOnly'
import { OFFLINE_PAYMENT_METHODS, PAYMENT_KINDS, PAYMENT_METHODS, PAYMENT_RECORD_STATUSES } from '../../domain'
import { moneyField } from '../../fields/money'

const options = (values: readonly string[]) => values.map((v) => ({ label: v.replace('_', ' '), value: v }))
const system = { create: serverOnly, update: serverOnly }
/** The server's fields show once the record exists (empty on the create form, they would only confuse). */
const saved = (data: Partial<Record<string, unknown>>) => Boolean(data?.id)

export const paymentFields: Field[] = [
  { name: 'booking', type: 'relationship', relationTo: 'bookings', required: true, index: true },
  {
    type: 'row',
    fields: [
      { name: 'kind', type: 'select', required: true, options: options(PAYMENT_KINDS), admin: { description: 'Money received (deposit, balance) or given back by hand (refund, with a note).' } },
      {
        name: 'method',
        type: 'select',
        required: true,
        options: options(PAYMENT_METHODS),
        // Staff entering a record by hand choose an offline method; card records come from the system.
        filterOptions: ({ options: all, data, req }) =>
          data?.id || req.context.paymentSystem ? all : all.filter((o) => (OFFLINE_PAYMENT_METHODS as readonly string[]).includes(typeof o === 'string' ? o : o.value)),
        admin: { description: `Offline entries: ${OFFLINE_PAYMENT_METHODS.join(', ')}. Card payments come from Stripe.` },
      },
      moneyField('amountCents', { required: true, min: 1 }),
    ],
  },
  { name: 'note', type: 'text', maxLength: 500, admin: { description: 'Check number, transfer reference, or why (required for refunds by hand).' } },
  { name: 'occurredAt', type: 'date', admin: { description: 'When the money changed hands (default: now).', date: { pickerAppearance: 'dayAndTime' } } },
  { name: 'status', type: 'select', options: options(PAYMENT_RECORD_STATUSES), access: system, admin: { readOnly: true, position: 'sidebar', condition: saved } },
  { name: 'currency', type: 'text', maxLength: 3, access: system, admin: { readOnly: true, position: 'sidebar', condition: saved } },
  { name: 'customer', type: 'relationship', relationTo: 'customers', index: true, access: system, admin: { readOnly: true, position: 'sidebar', condition: saved } },
  { name: 'recordedBy', type: 'relationship', relationTo: 'users', access: system, admin: { readOnly: true, position: 'sidebar', condition: saved, description: 'Staff member who recorded or started it; empty for the customer paying online.' } },
  { name: 'refundOf', type: 'relationship', relationTo: 'payments', access: system, admin: { readOnly: true, position: 'sidebar', condition: saved } },
  { name: 'stripePaymentIntentId', type: 'text', index: true, access: system, admin: { readOnly: true, condition: saved } },
  { name: 'stripeCheckoutSessionId', type: 'text', index: true, access: system, admin: { readOnly: true, condition: saved } },
  { name: 'stripeRefundId', type: 'text', access: system, admin: { readOnly: true, condition: saved } },
]
