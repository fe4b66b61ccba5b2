/**
 * Step 6 of the booking form: the answers once more before the request is sent, and what happens
 * next: with online payment, the deposit is paid on Stripe's page right after and confirms the
 * booking; without it, staff call to confirm and take the deposit. The price (and the deposit) is
 * in the quote beside the form.
 */
import type { Draft } from '../draft'
import { dateLabel, timeLabel } from '../labels'
import { PartyRows } from '../PartyRows'

export function ReviewStep({ draft, eventDate, startTime, paymentsOnline }: { draft: Draft; eventDate: string; startTime: string; paymentsOnline: boolean }) {
  return (
    <div className="review">
      <dl className="summary">
        <dt>When</dt>
        <dd>
          {dateLabel(eventDate)} at {timeLabel(startTime)}
        </dd>
        <PartyRows guests={{ adults: draft.adults, children: draft.children }} address={draft.address} contact={draft.contact} />
      </dl>
      {paymentsOnline ? (
        <p className="hint" data-testid="review-payment">
          Next you pay the deposit shown with the price on our secure payment page (Stripe). We hold your date while you pay, and your booking is confirmed as soon as the
          deposit is paid. The rest is due before your party.
        </p>
      ) : (
        <p className="notice" data-testid="review-payment">
          Online payment is not set up yet. Staff will call you to confirm the booking and take the deposit.
        </p>
      )}
    </div>
  )
}
