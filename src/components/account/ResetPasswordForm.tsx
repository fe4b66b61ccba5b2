'use client'
/**
 * The form of /account/reset-password/[token]: a new password twice, sent once to
 * POST /api/customers/reset-password. Following the emailed link also confirms the email
 * (the server marks the account verified). Errors sit beside their field (aria-describedby,
 * aria-invalid) or, for the link itself, in an alert. Never logs; the password stays in memory.
 */
import { useRef, useState, type FormEvent } from 'react'

import { api, ApiError } from '../../client/api'
import { Field } from '../booking/Field'
import { NextSteps } from './NextSteps'

/** The storefront asks for at least this many characters (Payload itself accepts fewer). */
const MIN_LENGTH = 8
const MAX_LENGTH = 128

type Errors = Partial<Record<'password' | 'confirm', string>>

function check(password: string, confirm: string): Errors {
  const errors: Errors = {}
  if (password.length < MIN_LENGTH) errors.password = `Use at least ${String(MIN_LENGTH)} characters.`
  else if (password.length > MAX_LENGTH) errors.password = `Use at most ${String(MAX_LENGTH)} characters.`
  if (!errors.password && confirm !== password) errors.confirm = 'The two passwords are not the same.'
  return errors
}

export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const sending = useRef(false)
  const doneRef = useRef<HTMLHeadingElement>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (sending.current) return
    const found = check(password, confirm)
    setErrors(found)
    setFailure(null)
    if (found.password || found.confirm) {
      document.getElementById(found.password ? 'f-password' : 'f-confirm')?.focus()
      return
    }
    sending.current = true
    setBusy(true)
    try {
      await api('/api/customers/reset-password', { method: 'POST', body: { token, password } })
      setPassword('')
      setConfirm('')
      setDone(true)
      requestAnimationFrame(() => doneRef.current?.focus())
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const fieldError = err.fieldErrors.password
      if (fieldError) setErrors({ password: fieldError })
      else setFailure(err.status === 403 ? 'This link has expired or has been used already. Ask for a new password email and use the newest link.' : err.message)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  if (done) {
    return (
      <div className="notice" role="status">
        <h2 ref={doneRef} tabIndex={-1}>
          Your new password is saved
        </h2>
        <p>Your email is confirmed too. From now on, sign in with this email address and the new password.</p>
        <NextSteps />
      </div>
    )
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby={failure ? 'reset-failure' : undefined}>
      {failure ? (
        <div className="notice notice-error" role="alert" id="reset-failure">
          <p>{failure}</p>
        </div>
      ) : null}
      <Field
        path="password"
        label="New password"
        hint={`At least ${String(MIN_LENGTH)} characters.`}
        type="password"
        autoComplete="new-password"
        required
        maxLength={MAX_LENGTH}
        value={password}
        error={errors.password}
        onValue={setPassword}
      />
      <Field path="confirm" label="New password again" type="password" autoComplete="new-password" required maxLength={MAX_LENGTH} value={confirm} error={errors.confirm} onValue={setConfirm} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Saving…' : 'Save my new password'}
      </button>
    </form>
  )
}
