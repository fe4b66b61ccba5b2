'use client'
/**
 * "Manage this booking" on the account page. Manage links are keys stored only as a hash, so the
 * account cannot show the old one: pressing the button asks the server for a new link (POST
 * /api/customers/me/bookings/:id/manage-link) and opens it. The old link stops working, which the
 * hint says before the press. Never logs the link.
 */
import { useRef, useState } from 'react'

import { api, ApiError } from '../../client/api'

export function ManageLinkButton({ bookingId }: { bookingId: number }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sending = useRef(false)
  const hintId = `manage-hint-${bookingId}`
  const errorId = `manage-error-${bookingId}`

  async function open() {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setError(null)
    try {
      const { url } = await api<{ url: string }>(`/api/customers/me/bookings/${bookingId}/manage-link`, { method: 'POST', body: {} })
      window.location.assign(url)
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setError(err.message)
      setBusy(false)
    } finally {
      sending.current = false
    }
  }

  return (
    <div>
      <button type="button" className="button-secondary" onClick={() => void open()} disabled={busy} aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
        {busy ? 'Opening…' : 'Manage this booking'}
      </button>
      <p className="hint" id={hintId}>
        Change the date, cancel or pay. This makes a new private link for the booking: links we emailed you before for it stop working.
      </p>
      {error ? (
        <p className="field-error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
