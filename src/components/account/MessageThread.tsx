'use client'
/**
 * The customer's conversation with the business on the account page: their messages and ours,
 * oldest first (emails, texts and replies from this page), and a reply box. A reply is sent once
 * (an Idempotency-Key per message, kept across retries) to POST /api/customers/me/messages and
 * appears at once; staff see it in their inbox. Private links in emails show as "(private link)":
 * the server masked them. Never logs a message.
 */
import { useRef, useState, type FormEvent } from 'react'

import { api, ApiError, newIdempotencyKey } from '../../client/api'
import { REPLY_MAX } from '../../domain/messaging'
import { instantLabel } from '../booking/labels'
import { Field } from '../booking/Field'
import type { ThreadMessage } from './types'

const CHANNEL_LABELS: Record<string, string> = { email: 'Email', sms: 'Text message', web: 'Account page', chat: 'Chat' }

interface PostedMessage {
  id: number
  createdAt: string
  channel: string
  subject: string | null
  body: string
  booking: number | null
}

export function MessageThread({ initial, bookings, timezone, olderHidden }: { initial: ThreadMessage[]; bookings: { id: number; label: string }[]; timezone: string; olderHidden: boolean }) {
  const [messages, setMessages] = useState<ThreadMessage[]>(initial)
  const [body, setBody] = useState('')
  const [bookingId, setBookingId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [sentNote, setSentNote] = useState<string | null>(null)
  const sending = useRef(false)
  const key = useRef<string | null>(null)

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (sending.current) return
    setSentNote(null)
    setFailure(null)
    if (body.trim() === '') {
      setError('Write a message first.')
      document.getElementById('f-reply')?.focus()
      return
    }
    setError(null)
    sending.current = true
    setBusy(true)
    key.current ??= newIdempotencyKey()
    try {
      const res = await api<{ message: PostedMessage }>('/api/customers/me/messages', {
        method: 'POST',
        body: { body, ...(bookingId ? { bookingId: Number(bookingId) } : {}) },
        idempotencyKey: key.current,
      })
      const m = res.message
      setMessages((list) => [...list, { id: m.id, at: m.createdAt, fromCustomer: true, channel: m.channel, subject: m.subject, body: m.body, bookingId: m.booking }])
      setBody('')
      key.current = null
      setSentNote('Sent. We usually answer within one business day.')
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const fieldError = err.fieldErrors.body ?? err.fieldErrors.bookingId
      if (fieldError) setError(fieldError)
      else setFailure(err.message)
      // A refusal will not change on a retry with the same key: a corrected message gets a new one.
      if (err.status >= 400 && err.status < 500 && err.status !== 429) key.current = null
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return (
    <div>
      {olderHidden ? <p className="hint">Only the most recent messages are shown here; “Download my data” has them all.</p> : null}
      {messages.length === 0 ? (
        <p>No messages yet. Write to us below: about a booking, a question, anything.</p>
      ) : (
        <ol className="plain-list account-thread" aria-label="Messages, oldest first">
          {messages.map((m) => (
            <li key={m.id} className={`account-message ${m.fromCustomer ? 'account-message-mine' : 'account-message-theirs'}`}>
              <p className="hint">
                {m.fromCustomer ? 'You' : 'Us'} · {CHANNEL_LABELS[m.channel] ?? m.channel} · {instantLabel(m.at, timezone)}
                {m.bookingId ? ` · booking #${m.bookingId}` : ''}
              </p>
              {m.subject ? (
                <p>
                  <strong>{m.subject}</strong>
                </p>
              ) : null}
              <p className="account-message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => void send(e)} noValidate aria-label="Write to us">
        {failure ? (
          <div className="notice notice-error" role="alert">
            <p>{failure}</p>
          </div>
        ) : null}
        <Field path="reply" label="Your message" multiline maxLength={REPLY_MAX} value={body} error={error ?? undefined} onValue={setBody} />
        {bookings.length > 0 ? (
          <div className="field">
            <label htmlFor="f-reply-booking">About a booking (optional)</label>
            <select id="f-reply-booking" value={bookingId} onChange={(e) => setBookingId(e.target.value)}>
              <option value="">No booking in particular</option>
              {bookings.map((b) => (
                <option key={b.id} value={String(b.id)}>
                  {b.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Sending…' : 'Send'}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {sentNote ? <p>{sentNote}</p> : null}
        </div>
      </form>
    </div>
  )
}
