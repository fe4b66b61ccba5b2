/**
 * The buttons under each step: Back (from step 2 on), Continue, and on the review step the one
 * submit button, disabled while the request runs so a double click cannot send it twice. What is
 * happening is announced politely; on the review step it is also shown (a line kept in place so
 * nothing moves), e.g. "Taking you to secure payment…" while the deposit's payment page opens.
 */
interface Props {
  canGoBack: boolean
  isReview: boolean
  submitting: boolean
  /** The booking is made and the browser is being sent to pay its deposit. */
  redirecting: boolean
  onBack: () => void
}

export function StepActions({ canGoBack, isReview, submitting, redirecting, onBack }: Props) {
  const status = redirecting ? 'Taking you to secure payment…' : submitting ? 'Sending your booking request…' : ''
  return (
    <>
      <div className="step-actions">
        {canGoBack ? (
          <button type="button" className="button-secondary" onClick={onBack} disabled={submitting}>
            Back
          </button>
        ) : null}
        {isReview ? (
          <button type="submit" className="button" disabled={submitting} aria-describedby="submit-status">
            {redirecting ? 'Taking you to secure payment…' : submitting ? 'Sending your request…' : 'Request this booking'}
          </button>
        ) : (
          <button type="submit" className="button">
            Continue
          </button>
        )}
      </div>
      <p id="submit-status" className={isReview ? 'submit-status' : 'visually-hidden'} role="status" data-testid="submit-status">
        {status}
      </p>
    </>
  )
}
