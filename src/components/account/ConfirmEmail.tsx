'use client'
/**
 * The "Confirm my email" button of /account/verify/[token]. Confirming is a POST the customer
 * makes by pressing it: opening the link must change nothing, because mail scanners open links.
 * Shows the server's answer in plain words; never logs, never retries (a used token stays used).
 */
import { useRef, useState } from 'react'

import { api, ApiError } from '../../client/api'
import { NextSteps } from './NextSteps'

type State = 'ready' | 'sending' | 'confirmed'

export function ConfirmEmail({ token }: { token: string }) {
  const [state, setState] = useState<State>('ready')
  const [error, setError] = useState<string | null>(null)
  const sending = useRef(false)
  const doneRef = useRef<HTMLHeadingElement>(null)

  async function confirm() {
    if (sending.current) return
    sending.current = true
    setState('sending')
    setError(null)
    try {
      await api(`/api/customers/verify/${encodeURIComponent(token)}`, { method: 'POST' })
      setState('confirmed')
      // Move focus to the outcome so screen readers announce it and keyboard users start there.
      requestAnimationFrame(() => doneRef.current?.focus())
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setError(
        err.status === 403 || err.status === 404
          ? 'This link is not valid any more: it may have been used already. If you can sign in, your email is confirmed; otherwise use the newest email we sent you.'
          : err.message,
      )
      setState('ready')
    } finally {
      sending.current = false
    }
  }

  if (state === 'confirmed') {
    return (
      <div className="notice" role="status">
        <h2 ref={doneRef} tabIndex={-1}>
          Thank you — your email is confirmed
        </h2>
        <p>Your account is ready: you can sign in with this email address and your password.</p>
        <NextSteps />
      </div>
    )
  }

  return (
    <div>
      <p>Press the button to confirm that this email address is yours.</p>
      <p>
        <button type="button" className="button" onClick={() => void confirm()} disabled={state === 'sending'} aria-describedby={error ? 'confirm-error' : undefined}>
          {state === 'sending' ? 'Confirming…' : 'Confirm my email'}
        </button>
      </p>
      {error ? (
        <div className="notice notice-error" role="alert" id="confirm-error">
          <p>{error}</p>
        </div>
      ) : null}
    </div>
  )
}
