'use client'
/**
 * "Retry" on a failed email or text: POST /api/messages/:id/retry puts it back in the queue (the
 * job runner sends it once), then the page refreshes to show it `queued`. A refusal (409: it was
 * retried meanwhile; 503: SMS not configured) is shown beside the button.
 */
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { inboxRequest } from './api'

export function RetryButton({ apiRoute, messageId }: { apiRoute: string; messageId: number }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function retry() {
    setBusy(true)
    setError(undefined)
    const res = await inboxRequest('POST', `${apiRoute}/messages/${messageId}/retry`)
    setBusy(false)
    if (!res.ok) {
      setError(res.message)
      return
    }
    router.refresh()
  }

  return (
    <div className="inbox-retry">
      <button type="button" className="inbox-button" disabled={busy} onClick={() => void retry()} aria-describedby={error ? `inbox-retry-${messageId}-error` : undefined}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
      {error ? (
        <p id={`inbox-retry-${messageId}-error`} role="alert" className="inbox-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
