'use client'
/**
 * The signed-out /account page: sign in with a link we email (first), or with a password ("use a
 * password instead"). The link answer is the same whether or not an account has the address (the
 * server never tells), so the page says "if an account uses this address…". A password sign-in
 * that Payload refuses for an unconfirmed email points to the link, which confirms it. Errors sit
 * beside their field or in an alert; never logs; the password stays in memory only.
 */
import { useRouter } from 'next/navigation'
import { useRef, useState, type FormEvent } from 'react'

import { api, ApiError } from '../../client/api'
import { Field } from '../booking/Field'

type Mode = 'link' | 'password'
type Errors = Partial<Record<'email' | 'password', string>>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function SignInForm() {
  const router = useRouter()
  const [mode, setMode] = useState<Mode>('link')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sent, setSent] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  const sentRef = useRef<HTMLHeadingElement>(null)

  function switchTo(next: Mode) {
    setMode(next)
    setErrors({})
    setFailure(null)
  }

  function checkEmail(): boolean {
    if (EMAIL.test(email.trim())) return true
    setErrors({ email: 'Enter your email address, e.g. name@example.com.' })
    document.getElementById('f-email')?.focus()
    return false
  }

  async function run(work: () => Promise<void>) {
    if (sending.current) return
    sending.current = true
    setBusy(true)
    setFailure(null)
    try {
      await work()
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const fieldErrors: Errors = {}
      if (err.fieldErrors.email) fieldErrors.email = err.fieldErrors.email
      if (err.fieldErrors.password) fieldErrors.password = err.fieldErrors.password
      setErrors(fieldErrors)
      if (!fieldErrors.email && !fieldErrors.password) setFailure(err.message)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  async function sendLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setErrors({})
    if (!checkEmail()) return
    await run(async () => {
      const res = await api<{ message: string }>('/api/customers/login-link', { method: 'POST', body: { email: email.trim() } })
      setSent(res.message)
      requestAnimationFrame(() => sentRef.current?.focus())
    })
  }

  async function signInWithPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setErrors({})
    if (!checkEmail()) return
    if (password === '') {
      setErrors({ password: 'Enter your password.' })
      document.getElementById('f-password')?.focus()
      return
    }
    await run(async () => {
      try {
        await api('/api/customers/login', { method: 'POST', body: { email: email.trim(), password } })
      } catch (err) {
        if (err instanceof ApiError && err.status === 403 && /verify/i.test(err.message)) {
          throw new ApiError('Your email address is not confirmed yet. Sign in with an email link instead: using it confirms your address.', { status: 403 })
        }
        if (err instanceof ApiError && err.status === 401) throw new ApiError('That email and password do not match an account. Try again, or sign in with an email link.', { status: 401 })
        throw err
      }
      setPassword('')
      // The page is rendered on the server for the session: render it again, now signed in.
      router.refresh()
    })
  }

  if (sent) {
    return (
      <div className="notice" role="status">
        <h2 ref={sentRef} tabIndex={-1}>
          Check your inbox
        </h2>
        <p>{sent}</p>
        <p>
          <button type="button" className="button-secondary" onClick={() => setSent(null)}>
            Use another address
          </button>
        </p>
      </div>
    )
  }

  return (
    <div>
      {failure ? (
        <div className="notice notice-error" role="alert" id="signin-failure">
          <p>{failure}</p>
        </div>
      ) : null}
      {mode === 'link' ? (
        <form onSubmit={(e) => void sendLink(e)} noValidate aria-label="Sign in with an email link">
          <p>We email you a link that signs you in. No password needed.</p>
          <Field path="email" label="Email address" type="email" autoComplete="email" required maxLength={254} value={email} error={errors.email} onValue={setEmail} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Sending…' : 'Email me a sign-in link'}
            </button>
            <button type="button" className="button-secondary" onClick={() => switchTo('password')}>
              Use a password instead
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={(e) => void signInWithPassword(e)} noValidate aria-label="Sign in with a password">
          <Field path="email" label="Email address" type="email" autoComplete="username" required maxLength={254} value={email} error={errors.email} onValue={setEmail} />
          <Field path="password" label="Password" type="password" autoComplete="current-password" required maxLength={128} value={password} error={errors.password} onValue={setPassword} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
            <button type="button" className="button-secondary" onClick={() => switchTo('link')}>
              Email me a link instead
            </button>
          </div>
          <p className="hint">No password yet, or forgot it? Sign in with an email link; you can then carry on without one.</p>
        </form>
      )}
    </div>
  )
}
