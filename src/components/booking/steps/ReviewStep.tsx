/**
 * Step 6 of the booking form: the answers once more before the request is sent, and what happens
 * next (nothing is charged until the team confirms). The price is in the quote beside the form.
 */
import type { Draft } from '../draft'
import { dateLabel, timeLabel } from '../labels'
import { PartyRows } from '../PartyRows'

export function ReviewStep({ draft, eventDate, startTime }: { draft: Draft; eventDate: string; startTime: string }) {
  return (
    <div className="review">
      <dl className="summary">
        <dt>When</dt>
        <dd>
          {dateLabel(eventDate)} at {timeLabel(startTime)}
        </dd>
        <PartyRows guests={{ adults: draft.adults, children: draft.children }} address={draft.address} contact={draft.contact} />
      </dl>
      <p className="hint">Nothing is charged now. Our team checks every request and confirms it by email; the deposit is taken when we confirm.</p>
    </div>
  )
}
