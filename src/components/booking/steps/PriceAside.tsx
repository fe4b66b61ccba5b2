/**
 * The price beside the booking form: the server's itemized quote once there is enough to price,
 * a placeholder before, a polite live announcement of the total as it changes, and the quote's
 * error when it names no field of the form (field errors show beside their inputs instead).
 */
import { formatCents } from '../../../site/format'
import { QuoteSummary } from '../QuoteSummary'
import type { DraftQuote } from '../useDraftQuote'

export function PriceAside({ quote }: { quote: DraftQuote }) {
  return (
    <aside className="booking-aside" aria-label="Price">
      {quote.priced && quote.quote ? (
        <QuoteSummary quote={quote.quote} busy={quote.updating} />
      ) : (
        <div className="quote card">
          <h3 className="quote-title">Your price</h3>
          <p className="hint">Choose a date and time, then your party, and the price appears here as you go.</p>
        </div>
      )}
      <p className="quote-status" aria-live="polite">
        {quote.priced ? (quote.updating ? 'Updating price…' : quote.quote ? `Total ${formatCents(quote.quote.totalCents, quote.quote.currency)}` : '') : ''}
      </p>
      {quote.error && Object.keys(quote.fieldErrors).length === 0 ? <p className="notice notice-error">{quote.error.message}</p> : null}
    </aside>
  )
}
