/**
 * The buttons under each step: Back (from step 2 on), Continue, and on the review step the one
 * submit button, disabled while the request runs so a double click cannot send it twice. The
 * sending state is also announced politely for screen-reader users.
 */
export function StepActions({ canGoBack, isReview, submitting, onBack }: { canGoBack: boolean; isReview: boolean; submitting: boolean; onBack: () => void }) {
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
            {submitting ? 'Sending your request…' : 'Request this booking'}
          </button>
        ) : (
          <button type="submit" className="button">
            Continue
          </button>
        )}
      </div>
      <p id="submit-status" className="visually-hidden" aria-live="polite">
        {submitting ? 'Sending your booking request' : ''}
      </p>
    </>
  )
}
