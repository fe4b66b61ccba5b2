'use client'
/**
 * "Your data" on the account page: download everything we hold about you (a JSON file from
 * GET /api/customers/me/export, sent with the session cookie by a plain link), and ask for the
 * account to be deleted — a two-step button (a confirmation that says what happens), then
 * POST /api/customers/me/deletion-request. Once asked, it says when, and that staff complete it
 * within the stated days (they anonymise the account; payments are kept by law). Never logs.
 */
import { useRef, useState } from 'react'

import { api, ApiError } from '../../client/api'
import { DELETION_COMPLETION_DAYS } from '../../domain/account'
import { instantLabel } from '../booking/labels'

export function AccountDataPanel({ requestedAt: initialRequestedAt, timezone }: { requestedAt: string | null; timezone: string }) {
  const [requestedAt, setRequestedAt] = useState(initialRequestedAt)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const sending = useRef(false)

  async function requestDeletion() {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setFailure(null)
    try {
      const res = await api<{ requestedAt: string }>('/api/customers/me/deletion-request', { method: 'POST', body: {} })
      setRequestedAt(res.requestedAt)
      setConfirming(false)
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setFailure(err.message)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return (
    <div>
      <h3>Download my data</h3>
      <p>A file with your account, your bookings, their payments and our messages.</p>
      <p>
        <a className="button-secondary" href="/api/customers/me/export" download>
          Download my data (JSON)
        </a>
      </p>
      <h3>Delete my account</h3>
      {failure ? (
        <div className="notice notice-error" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      {requestedAt ? (
        <div className="notice" role="status" data-testid="deletion-requested">
          <p>
            You asked for your account to be deleted on {instantLabel(requestedAt, timezone)}; staff will complete it within {DELETION_COMPLETION_DAYS} days.
          </p>
          <p>Until then you can still sign in. Payment records are kept, as the law requires; everything that names you is removed.</p>
        </div>
      ) : confirming ? (
        <div className="notice" role="group" aria-labelledby="delete-confirm">
          <p id="delete-confirm">
            <strong>Delete your account?</strong> We remove your name, contact details, addresses and messages, and the contact details of your bookings. Payment records are kept. You
            cannot undo this once staff have completed it. A booking still to come must be cancelled first.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void requestDeletion()} disabled={busy}>
              {busy ? 'Sending…' : 'Yes, delete my account'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Keep my account
            </button>
          </div>
        </div>
      ) : (
        <p>
          <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
            Delete my account…
          </button>
        </p>
      )}
    </div>
  )
}
