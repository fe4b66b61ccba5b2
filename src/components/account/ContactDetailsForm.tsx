'use client'
/**
 * "Your details" on the account page: name, phone and whether we may send news and offers, saved
 * through Payload's own PATCH /api/customers/:id (its field access lets a customer change only
 * these and their email/password; verification, staff notes and the deletion dates stay the
 * server's). The email address is shown, not edited here: changing it needs a new confirmation.
 * Errors sit beside their field; never logs.
 */
import { useRef, useState, type FormEvent } from 'react'

import { api, ApiError } from '../../client/api'
import { Field } from '../booking/Field'
import type { AccountDetails } from './types'

type Errors = Partial<Record<'name' | 'phone', string>>

export function ContactDetailsForm({ initial }: { initial: AccountDetails }) {
  const [name, setName] = useState(initial.name)
  const [phone, setPhone] = useState(initial.phone)
  const [consent, setConsent] = useState(initial.marketingConsent)
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (sending.current) return
    setSaved(false)
    setFailure(null)
    const found: Errors = {}
    if (name.trim() === '') found.name = 'Enter your name.'
    if (phone.trim() !== '' && !/\d/.test(phone)) found.phone = 'Enter a phone number, or leave it empty.'
    setErrors(found)
    if (found.name || found.phone) {
      document.getElementById(found.name ? 'f-name' : 'f-phone')?.focus()
      return
    }
    sending.current = true
    setBusy(true)
    try {
      await api(`/api/customers/${initial.id}`, { method: 'PATCH', body: { name: name.trim(), phone: phone.trim(), marketingConsent: consent } })
      setSaved(true)
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const fieldErrors: Errors = {}
      if (err.fieldErrors.name) fieldErrors.name = err.fieldErrors.name
      if (err.fieldErrors.phone) fieldErrors.phone = err.fieldErrors.phone
      setErrors(fieldErrors)
      if (!fieldErrors.name && !fieldErrors.phone) setFailure(err.status === 401 || err.status === 403 ? 'Your session has ended. Reload the page and sign in again.' : err.message)
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Your details">
      {failure ? (
        <div className="notice notice-error" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <p>
        Email: <strong>{initial.email}</strong>
      </p>
      <Field path="name" label="Name" autoComplete="name" required maxLength={120} value={name} error={errors.name} onValue={setName} />
      <Field path="phone" label="Phone" hint="So the chef can reach you on the day." type="tel" autoComplete="tel" maxLength={30} value={phone} error={errors.phone} onValue={setPhone} />
      <div className="field">
        <label className="choice">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          Send me news and offers by email (at most once a month; you can stop any time)
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save my details'}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {saved ? <p>Saved.</p> : null}
      </div>
    </form>
  )
}
