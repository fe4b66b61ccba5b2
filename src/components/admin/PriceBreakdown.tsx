'use client'
/**
 * Admin panel: the booking's price as the customer sees it — line items, travel, tax, total and
 * deposit in the booking's currency, worded by the storefront's one money formatter — read from
 * the server-computed `pricing` fields of the form. Display only: it never computes a price.
 */
import { useFormFields } from '@payloadcms/ui'

import { formatCents } from '../../site/format'

// A field not filled in yet (or not whole minor units, which the server never stores) shows a dash
// instead of breaking the admin form; a missing currency reads as the store's default, USD.
const money = (cents: unknown, currency: string) => (typeof cents === 'number' && Number.isSafeInteger(cents) ? formatCents(cents, currency || 'usd') : '—')

export function PriceBreakdown() {
  const fields = useFormFields(([f]) => f)
  const currency = typeof fields['pricing.currency']?.value === 'string' ? (fields['pricing.currency'].value as string) : 'usd'
  const rows = Number(fields['pricing.lineItems']?.value ?? 0)
  const lines = Array.from({ length: Number.isFinite(rows) ? rows : 0 }, (_, i) => ({
    label: String(fields[`pricing.lineItems.${i}.label`]?.value ?? ''),
    amount: fields[`pricing.lineItems.${i}.amountCents`]?.value,
  }))
  const v = (name: string) => fields[`pricing.${name}`]?.value
  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }}>
      <h3 style={{ margin: '0 0 0.5rem' }}>Price breakdown</h3>
      <table style={{ width: '100%', maxWidth: '32rem', borderCollapse: 'collapse' }}>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td>{l.label}</td>
              <td style={{ textAlign: 'right' }}>{money(l.amount, currency)}</td>
            </tr>
          ))}
          <tr>
            <td>Subtotal</td>
            <td style={{ textAlign: 'right' }}>{money(v('subtotalCents'), currency)}</td>
          </tr>
          <tr>
            <td>Travel fee</td>
            <td style={{ textAlign: 'right' }}>{money(v('travelFeeCents'), currency)}</td>
          </tr>
          <tr>
            <td>Tax</td>
            <td style={{ textAlign: 'right' }}>{money(v('taxCents'), currency)}</td>
          </tr>
          <tr style={{ fontWeight: 700 }}>
            <td>Total</td>
            <td style={{ textAlign: 'right' }}>{money(v('totalCents'), currency)}</td>
          </tr>
          <tr>
            <td>Deposit due</td>
            <td style={{ textAlign: 'right' }}>{money(v('depositCents'), currency)}</td>
          </tr>
        </tbody>
      </table>
      <p style={{ opacity: 0.7 }}>Recomputed by the server whenever the date, party, menu or address changes.</p>
    </div>
  )
}
