'use client'
/**
 * The "Sign in" button of /account/login/[token], the page the emailed sign-in link opens.
 * Signing in is a POST the customer makes by pressing it: opening the link changes nothing,
 * because mail scanners open links too and would use up a one-time link. On success the browser
 * holds the session cookie and goes to /account; a used or ended link says so and offers a new one.
 * Never logs, never retries (a used link stays used).
 */
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'

import { api, ApiError } from '../../client/api'
import { LOGIN_LINK_MINUTES } from '../../domain/account'

export function RedeemLoginLink({ token }: { token: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const sending = useRef(false)

  async function signIn() {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setError(null)
    try {
      await api('/api/customers/login-link/redeem', { method: 'POST', body: { token } })
      // /account is rendered on the server for the session; replace: the link page is used up.
      router.replace('/account')
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setError(err.status === 403 || err.status === 400 ? `This sign-in link is not valid any more: it works once, for ${LOGIN_LINK_MINUTES} minutes. Ask for a new one on your account page.` : err.message)
      setBusy(false)
    } finally {
      sending.current = false
    }
  }

  return (
    <div>
      <p>Press the button to sign in to your account. Signing in also confirms your email address.</p>
      <p>
        <button type="button" className="button" onClick={() => void signIn()} disabled={busy} aria-describedby={error ? 'redeem-error' : undefined}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </p>
      {error ? (
        <div className="notice notice-error" role="alert" id="redeem-error">
          <p>{error}</p>
          <p>
            <Link href="/account">Ask for a new sign-in link</Link>
          </p>
        </div>
      ) : null}
    </div>
  )
}
