/**
 * The manage page's summary of the booking as the server sees it now: when, who, where, the
 * menu, the cancellation and its refund if there was one, the calendar file, and the price.
 * Presentational only.
 */
import type { ManageView } from '../../../collections/Bookings/manageView'
import { formatCents } from '../../../site/format'
import { dateLabel, timeLabel, zoneLabel } from '../labels'
import { PartyRows } from '../PartyRows'
import { QuoteSummary } from '../QuoteSummary'

export function BookingDetails({ view, base }: { view: ManageView; base: string }) {
  const money = (c: number) => formatCents(c, view.pricing.currency)
  return (
    <div className="booking-layout">
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Your party</h2>
        <dl className="summary">
          <dt>When</dt>
          <dd data-testid="booking-when">
            {dateLabel(view.eventDate)} at {timeLabel(view.startTime)} ({zoneLabel(view.timezone, view.eventDate)}), about {Math.round(view.durationMinutes / 60)} hours
          </dd>
          <PartyRows guests={view.guests} address={view.address} contact={view.contact} />
          {view.menu.length > 0 ? (
            <>
              <dt>Menu</dt>
              <dd>{view.menu.map((m) => `${m.name} × ${m.quantity}`).join(', ')}</dd>
            </>
          ) : null}
        </dl>
        {view.cancellation ? (
          <p className="notice">
            Cancelled on {new Date(view.cancellation.cancelledAt).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: view.timezone })}. Refund: {view.cancellation.refundPercent}% of what you paid (
            {money(view.cancellation.refundCents)}).
          </p>
        ) : null}
        <p>
          <a className="button-secondary" href={`${base}/calendar.ics`} download>
            Add to calendar (.ics)
          </a>
        </p>
      </section>
      <aside className="booking-aside" aria-label="Price">
        <QuoteSummary quote={view.pricing} title="Price" />
      </aside>
    </div>
  )
}
