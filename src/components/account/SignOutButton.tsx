'use client'
/**
 * "Sign out" on the account page: Payload's POST /api/customers/logout ends this session (and
 * expires the cookie), then the page reloads signed out. A failure is shown; never logs.
 */
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { api, ApiError } from '../../client/api'

export function SignOutButton() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function signOut() {
    setBusy(true)
    setFailure(null)
    try {
      await api('/api/customers/logout', { method: 'POST' })
      router.refresh()
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setFailure(err.message)
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" className="button-secondary" onClick={() => void signOut()} disabled={busy}>
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {failure ? (
        <span className="field-error" role="alert">
          {failure}
        </span>
      ) : null}
    </>
  )
}
