/**
 * /booking/[token] — the customer's manage page, reached from the link made at booking time
 * (and the confirmation page right after booking, `?welcome=1`, which says how the deposit is
 * taken: online, or by staff when online payment is not set up). The token is the only key:
 * the page is never indexed, never cached, and sends no Referer, so the link does not leak.
 */
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { bookingByManageToken, manageUrl } from '../../../../collections/Bookings/manageTokens'
import { manageView } from '../../../../collections/Bookings/manageView'
import { ManageBooking } from '../../../../components/booking/ManageBooking'
import { BookingFormBoundary } from '../../../../components/booking/BookingFormBoundary'
import { InlineStyle } from '../../../../components/site/InlineStyle'
import { lastBookableDate } from '../../../../domain/booking/horizon'
import { todayInZone } from '../../../../domain/time'
import { telHref } from '../../../../site/format'
import { paymentsEnabled } from '../../../../infra/stripe'
import { getPayloadClient, getSite } from '../../../../site/site'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Your booking',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

export default async function ManageBookingPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ token }, query] = await Promise.all([params, searchParams])
  const [payload, site] = await Promise.all([getPayloadClient(), getSite()])
  const booking = await bookingByManageToken(payload, token)
  if (!booking) notFound()
  const now = new Date()
  const view = manageView(booking, site.settings, now, { paymentsOnline: paymentsEnabled() })
  const welcome = query.welcome === '1'
  const today = todayInZone(now, site.settings.timezone)
  const link = manageUrl(site.siteUrl, token)

  return (
    <div className="book-page">
      <InlineStyle name="book" />
      {welcome ? (
        <section className="card confirmation" aria-labelledby="thanks">
          <h1 id="thanks">Thank you, {view.contact.name.split(' ')[0]} — we have your request</h1>
          {!view.payment.online ? (
            <>
              <p>
                Your booking is <strong>pending</strong>.
              </p>
              <p className="notice" data-testid="welcome-payment">
                Online payment is not set up yet. Staff will call you to confirm the booking and take the deposit.
              </p>
            </>
          ) : view.canPayDeposit ? (
            <p data-testid="welcome-payment">
              Your booking is <strong>pending</strong> until the deposit is paid: use <strong>Pay deposit</strong> below to confirm it.
            </p>
          ) : (
            <p data-testid="welcome-payment">
              Your booking is <strong>pending</strong>: nothing is charged yet.
            </p>
          )}
          <p>Here is what happens next:</p>
          <ol>
            {view.payment.online && view.canPayDeposit ? (
              <li>You pay the deposit; your booking is confirmed as soon as it is paid, and we email the confirmation to {view.contact.email}.</li>
            ) : (
              <>
                <li>Our team checks the date, the chef schedule and your address, usually within one business day.</li>
                <li>{view.payment.online ? `We confirm your booking by email to ${view.contact.email}.` : `Staff call you to confirm and take the deposit, then we email the confirmation to ${view.contact.email}.`}</li>
              </>
            )}
            <li>Your chef arrives about an hour before the start time to set up, cooks, and leaves the space clean.</li>
          </ol>
          <p>
            Keep this link to see, move or cancel your booking at any time:
            <br />
            <a href={link} className="manage-link" data-testid="manage-link">
              {link}
            </a>
          </p>
          {site.phone ? (
            <p>
              Questions? Call <a href={telHref(site.phone)}>{site.phone}</a>
              {site.email ? (
                <>
                  {' '}
                  or email <a href={`mailto:${site.email}`}>{site.email}</a>
                </>
              ) : null}
              .
            </p>
          ) : null}
        </section>
      ) : (
        <h1>Your booking</h1>
      )}
      <BookingFormBoundary phone={site.phone} name="booking manager">
        <ManageBooking
          token={token}
          initial={view}
          firstDate={today}
          lastDate={lastBookableDate(site.settings, now)}
        />
      </BookingFormBoundary>
    </div>
  )
}
