/**
 * The account page's bookings: upcoming ones (soonest first, each with "Manage this booking") and
 * past ones (most recent first). Presentational: the page decides which is which with the
 * domain's rule (src/domain/account.ts) and passes summaries only.
 */
import { STATUS_LABELS } from '../booking/labels'
import { BookCta } from '../site/BookCta'
import { ManageLinkButton } from './ManageLinkButton'
import type { BookingSummary } from './types'

function BookingItem({ booking }: { booking: BookingSummary }) {
  return (
    <li className="account-booking" data-testid={`booking-${booking.id}`}>
      <p className="account-booking-when">
        <strong>{booking.when}</strong>
      </p>
      <p>
        <span className={`badge${booking.status === 'confirmed' ? ' badge-good' : booking.status === 'pending' ? ' badge-warn' : ''}`}>{STATUS_LABELS[booking.status]}</span>
      </p>
      <p>
        {booking.guests} {booking.guests === 1 ? 'guest' : 'guests'}
        {booking.city ? ` in ${booking.city}` : ''}
        {booking.total ? (
          <>
            {' · '}
            <span className="price">{booking.total}</span>
          </>
        ) : null}
        {` · booking #${booking.id}`}
      </p>
      {booking.active ? <ManageLinkButton bookingId={booking.id} /> : null}
    </li>
  )
}

export function AccountBookings({ upcoming, past }: { upcoming: BookingSummary[]; past: BookingSummary[] }) {
  return (
    <>
      <section className="card account-section" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming bookings</h2>
        {upcoming.length === 0 ? (
          <>
            <p>You have no upcoming booking.</p>
            <BookCta label="Book a hibachi party" className="actions" />
          </>
        ) : (
          <ul className="plain-list account-bookings">
            {upcoming.map((b) => (
              <BookingItem key={b.id} booking={b} />
            ))}
          </ul>
        )}
      </section>
      {past.length > 0 ? (
        <section className="card account-section" aria-labelledby="past-heading">
          <h2 id="past-heading">Past bookings</h2>
          <ul className="plain-list account-bookings">
            {past.map((b) => (
              <BookingItem key={b.id} booking={b} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
