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

/** The rows under the line items: which `pricing` field each shows, and the one in bold. */
const TOTALS: { label: string; field: string; bold?: boolean }[] = [
  { label: 'Subtotal', field: 'subtotalCents' },
  { label: 'Travel fee', field: 'travelFeeCents' },
  { label: 'Tax', field: 'taxCents' },
  { label: 'Total', field: 'totalCents', bold: true },
  { label: 'Deposit due', field: 'depositCents' },
]

function Row({ label, amount, currency, bold }: { label: string; amount: unknown; currency: string; bold?: boolean }) {
  return (
    <tr style={bold ? { fontWeight: 700 } : undefined}>
      <td>{label}</td>
      <td style={{ textAlign: 'right' }}>{money(amount, currency)}</td>
    </tr>
  )
}

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
            <Row key={i} label={l.label} amount={l.amount} currency={currency} />
          ))}
          {TOTALS.map(({ label, field, bold }) => (
            <Row key={field} label={label} amount={v(field)} currency={currency} bold={bold} />
          ))}
        </tbody>
      </table>
      <p style={{ opacity: 0.7 }}>Recomputed by the server whenever the date, party, menu or address changes.</p>
    </div>
  )
}
