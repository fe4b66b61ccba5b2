'use client'
/**
 * The booking form's live price (admin): as staff change the date, time, party, menu or ZIP, the
 * form's current values are sent (debounced) to the public POST /api/quote and its breakdown is
 * shown in the booking's currency. Nothing is saved and nothing is computed here: the server
 * prices the booking again when it is saved (a saved booking keeps its price unless the party or
 * menu changes, or staff tick "Re-price"), so this is labelled as a quote for the form as filled in.
 */
import { useFormFields } from '@payloadcms/ui'

import { formQuoteBody } from '../../../domain/bookingForm'
import { formatCents } from '../../../site/format'
import { useQuote } from '../../booking/hooks'

export function LiveQuote() {
  const fields = useFormFields(([f]) => f)
  const v = (path: string): unknown => fields[path]?.value
  const rows = Number(v('menu') ?? 0)
  const body = formQuoteBody({
    eventDate: v('eventDate'),
    startTime: v('startTime'),
    durationMinutes: v('durationMinutes'),
    adults: v('guests.adults'),
    children: v('guests.children'),
    zip: v('address.zip'),
    menu: Array.from({ length: Number.isInteger(rows) && rows > 0 ? rows : 0 }, (_, i) => ({ item: v(`menu.${i}.item`), quantity: v(`menu.${i}.quantity`) })),
  })
  const { quote, updating, error } = useQuote(body)
  const money = (cents: number) => formatCents(cents, quote?.currency || 'usd')

  return (
    <section className="field-type bf-quote" aria-labelledby="bf-quote-title" aria-busy={updating} style={{ marginBottom: '1.5rem' }}>
      <h3 id="bf-quote-title" style={{ margin: '0 0 0.5rem' }}>
        Quote for the form as filled in
      </h3>
      {body === null ? (
        <p>Choose a date, a start time and the number of adults to see the price.</p>
      ) : quote ? (
        <table data-testid="live-quote">
          <tbody>
            {quote.lineItems.map((l, i) => (
              <tr key={i}>
                <td>{l.label}</td>
                <td style={{ textAlign: 'right' }}>{money(l.amountCents)}</td>
              </tr>
            ))}
            <tr>
              <td>Subtotal</td>
              <td style={{ textAlign: 'right' }}>{money(quote.subtotalCents)}</td>
            </tr>
            <tr>
              <td>Travel fee</td>
              <td style={{ textAlign: 'right' }}>{quote.travelFeeKnown ? money(quote.travelFeeCents) : 'once the ZIP is known'}</td>
            </tr>
            <tr>
              <td>Tax</td>
              <td style={{ textAlign: 'right' }}>{money(quote.taxCents)}</td>
            </tr>
            <tr style={{ fontWeight: 700 }}>
              <td>Total</td>
              <td style={{ textAlign: 'right' }} data-testid="live-quote-total">
                {money(quote.totalCents)}
              </td>
            </tr>
            <tr>
              <td>Deposit due</td>
              <td style={{ textAlign: 'right' }}>{money(quote.depositCents)}</td>
            </tr>
          </tbody>
        </table>
      ) : !error ? (
        <p>Pricing…</p>
      ) : null}
      {error ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error.message}
        </p>
      ) : null}
      <p style={{ opacity: 0.8 }}>{updating ? 'Updating…' : "At today's rates; the server prices the booking again when it is saved."}</p>
    </section>
  )
}
