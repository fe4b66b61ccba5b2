/**
 * Step 6 of the booking form: the answers once more before the request is sent, and what happens
 * next (nothing is charged until the team confirms). The price is in the quote beside the form.
 */
import type { Draft } from '../draft'
import { dateLabel, timeLabel } from '../labels'

export function ReviewStep({ draft, eventDate, startTime }: { draft: Draft; eventDate: string; startTime: string }) {
  return (
    <div className="review">
      <dl className="summary">
        <dt>When</dt>
        <dd>
          {dateLabel(eventDate)} at {timeLabel(startTime)}
        </dd>
        <dt>Guests</dt>
        <dd>
          {draft.adults} adult{draft.adults === 1 ? '' : 's'}
          {draft.children > 0 ? `, ${draft.children} child${draft.children === 1 ? '' : 'ren'}` : ''}
        </dd>
        <dt>Where</dt>
        <dd>
          {draft.address.street}, {draft.address.city}, {draft.address.state} {draft.address.zip}
        </dd>
        <dt>Contact</dt>
        <dd>
          {draft.contact.name} · {draft.contact.email} · {draft.contact.phone}
        </dd>
      </dl>
      <p className="hint">Nothing is charged now. Our team checks every request and confirms it by email; the deposit is taken when we confirm.</p>
    </div>
  )
}
