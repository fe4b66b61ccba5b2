/**
 * Shown in place of the booking form when the booking is made but its online deposit could not
 * be opened for payment (offline, the server refused, payment not set up) or the customer came
 * back from the payment page without paying: the reason, until when the date is held, and the
 * manage link to pay from. The heading takes focus, as each step's heading does.
 */
import { useEffect, useRef } from 'react'

import { instantLabel } from './labels'

interface Props {
  manageUrl: string
  holdExpiresAt: string
  timezone: string
  /** Why the payment page did not open; null when the customer left it themselves. */
  error: string | null
}

export function DepositHandoff({ manageUrl, holdExpiresAt, timezone, error }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    headingRef.current?.focus()
  }, [])
  return (
    <section className="card deposit-handoff" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading" ref={headingRef} tabIndex={-1}>
        Your booking is made, but the deposit is not paid yet
      </h2>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p>
        Your booking is held until <strong data-testid="hold-expires">{instantLabel(holdExpiresAt, timezone)}</strong>. It can be paid from your booking&apos;s page until then;
        after that the date is released.
      </p>
      <p>
        Keep this link to pay, see, move or cancel your booking:
        <br />
        <a href={manageUrl} className="manage-link" data-testid="manage-link">
          {manageUrl}
        </a>
      </p>
      <p>
        <a href={manageUrl} className="button">
          Go to your booking
        </a>
      </p>
    </section>
  )
}
