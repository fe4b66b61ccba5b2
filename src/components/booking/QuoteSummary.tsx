/**
 * The itemized price of a party as the server computed it. Presentational only: it never
 * computes money itself (the server's quote is the price the booking will get).
 */
import type { Quote } from '../../domain/pricing'
import { formatCents } from '../../site/format'

/** A quote as the server computed it; `travelFeeKnown: false` while the address is not known. */
export type QuoteLike = Quote & { travelFeeKnown?: boolean }

export function QuoteSummary({ quote, title = 'Your price', busy = false }: { quote: QuoteLike; title?: string; busy?: boolean }) {
  const money = (c: number) => formatCents(c, quote.currency)
  return (
    <div className="quote" aria-busy={busy}>
      <h3 className="quote-title">{title}</h3>
      <table className="quote-table">
        <caption className="visually-hidden">Itemized price</caption>
        <tbody>
          {quote.lineItems.map((line, i) => (
            <tr key={`${line.label}-${i}`}>
              <th scope="row">{line.label}</th>
              <td className="price">{money(line.amountCents)}</td>
            </tr>
          ))}
          <tr className="quote-sub">
            <th scope="row">Food subtotal</th>
            <td className="price">{money(quote.subtotalCents)}</td>
          </tr>
          <tr>
            <th scope="row">Travel fee</th>
            <td className="price">{quote.travelFeeKnown === false ? 'after your ZIP code' : money(quote.travelFeeCents)}</td>
          </tr>
          <tr>
            <th scope="row">Sales tax</th>
            <td className="price">{money(quote.taxCents)}</td>
          </tr>
          <tr className="quote-total">
            <th scope="row">Total</th>
            <td className="price" data-testid="quote-total">
              {money(quote.totalCents)}
            </td>
          </tr>
          <tr>
            <th scope="row">Deposit to hold the date</th>
            <td className="price">{money(quote.depositCents)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  )
}
