/**
 * What an inbox action says after it ran: the success line (a polite status, read out by screen
 * readers) and the error (an alert), shared by the reply form, the thread actions and the chat
 * controls.
 */
export function ActionFeedback({ done, error, statusClassName = 'inbox-sr-status' }: { done: string | undefined; error: string | undefined; statusClassName?: string }) {
  return (
    <>
      <p role="status" className={statusClassName}>
        {done}
      </p>
      {error ? (
        <p role="alert" className="inbox-error">
          {error}
        </p>
      ) : null}
    </>
  )
}
