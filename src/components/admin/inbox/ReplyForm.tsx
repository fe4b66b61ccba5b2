'use client'
/**
 * The reply box under a conversation: email (with a subject, "Re: …" by default), SMS (disabled,
 * with the reason, when SMS is not configured or there is no number), the storefront chat (when
 * the thread has one; preselected by the view while its window is open) or an internal note; the
 * booking it is about. POST /api/threads/:id/reply with an Idempotency-Key per draft, so a double
 * click or a resend after a lost answer sends once. The server picks the recipient; this form
 * only says who it will be. After a reply the page refreshes: the message shows `queued`, then
 * `sent` once the job runner has sent it (ThreadEffects keeps refreshing meanwhile).
 * What staff type is client state: the view's refreshes (ChatLiveRefresh every 2 s on a live chat)
 * keep it, because this form keeps its place in the tree and its key (the thread's id); the
 * channel chosen is never changed by a refresh, only by staff.
 */
import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'

import { REPLY_MAX, type ReplyChannel } from '../../../domain/messaging'
import { SUBJECT_MAX } from '../../../domain/messaging/reply'
import { inboxRequest } from './api'
import { ActionFeedback } from './ActionFeedback'

export interface ChannelOption {
  value: ReplyChannel
  label: string
  /** Why it cannot be used now ("SMS not configured"); undefined when it can. */
  disabledReason?: string
  /** Where it goes (shown to staff; the server decides). */
  to?: string
}

interface Props {
  apiRoute: string
  threadId: number
  channels: ChannelOption[]
  defaultSubject: string
  bookings: { id: number; label: string }[]
  defaultBookingId: number | null
  /** The channel chosen at first when it can be used (the chat, while its window is open); else the first usable one. */
  defaultChannel?: ReplyChannel
}

const SEND_LABEL: Record<ReplyChannel, string> = { email: 'Send email', sms: 'Send text', note: 'Add note', chat: 'Send in chat' }
const DONE_LABEL: Record<ReplyChannel, string> = {
  email: 'Email queued: it shows “sent” once the mail server has it.',
  sms: 'Text queued: it shows “sent” once Twilio has it.',
  note: 'Note added.',
  chat: 'Sent to the chat.',
}

export function ReplyForm({ apiRoute, threadId, channels, defaultSubject, bookings, defaultBookingId, defaultChannel }: Props) {
  const router = useRouter()
  const uid = useId()
  const usable = (value: ReplyChannel | undefined) => channels.some((c) => c.value === value && !c.disabledReason)
  const firstUsable = (usable(defaultChannel) ? defaultChannel : undefined) ?? channels.find((c) => !c.disabledReason)?.value ?? 'note'
  // Only the first render's choice: a refresh that changes the props never switches what staff picked.
  const [channel, setChannel] = useState<ReplyChannel>(firstUsable)
  const [subject, setSubject] = useState(defaultSubject)
  const [body, setBody] = useState('')
  const [bookingId, setBookingId] = useState(defaultBookingId === null ? '' : String(defaultBookingId))
  const [sending, setSending] = useState(false)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<string>()
  // One key per draft: the same words sent twice (a retry after no answer) are one reply.
  const [draftKey, setDraftKey] = useState(() => crypto.randomUUID())

  const current = channels.find((c) => c.value === channel)
  const ids = { body: `${uid}-body`, subject: `${uid}-subject`, booking: `${uid}-booking`, channel: `${uid}-channel` }

  function edit<T>(set: (v: T) => void) {
    return (v: T) => {
      set(v)
      setDone(undefined)
    }
  }

  async function send(e?: FormEvent) {
    e?.preventDefault()
    if (sending) return
    setError(undefined)
    setDone(undefined)
    if (body.trim() === '') {
      setFieldErrors({ body: 'Write a message' })
      return
    }
    setFieldErrors({})
    setSending(true)
    const payload = {
      channel,
      body,
      ...(channel === 'email' && subject.trim() !== '' ? { subject } : {}),
      bookingId: bookingId === '' ? null : Number(bookingId),
    }
    const res = await inboxRequest('POST', `${apiRoute}/threads/${threadId}/reply`, payload, { idempotencyKey: `${draftKey}:${channel}` })
    setSending(false)
    if (!res.ok) {
      setFieldErrors(res.fieldErrors)
      setError(res.status === 0 ? `${res.message} It may or may not have been sent: sending the same words again is safe.` : res.message)
      return
    }
    const message = (res.body as { message?: { id?: unknown } } | undefined)?.message
    if (typeof message?.id !== 'number') {
      // A 2xx that is not our answer (a proxy, a dev server mid-reload): say so, keep the words.
      setError('The server answered, but not with the message it stored. Refresh to see whether it was sent before sending again (resending these same words is safe).')
      router.refresh()
      return
    }
    setBody('')
    setDraftKey(crypto.randomUUID())
    setDone(DONE_LABEL[channel])
    router.refresh()
  }

  // Ctrl/⌘+Enter sends from the message box.
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send()
  }

  /** The error under a field (when there is one) and any hint, for aria-describedby. */
  const describedBy = (field: 'subject' | 'body', hint?: string) => [fieldErrors[field] ? `${ids[field]}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined

  return (
    <form className="inbox-reply" onSubmit={(e) => void send(e)} aria-labelledby={`${uid}-heading`} noValidate>
      <h3 id={`${uid}-heading`}>Reply</h3>
      <fieldset className="inbox-reply__channels" aria-describedby={fieldErrors.channel ? `${ids.channel}-error` : undefined}>
        <legend>Send as</legend>
        {channels.map((c) => (
          <label key={c.value} className={`inbox-radio${c.disabledReason ? ' is-disabled' : ''}`}>
            <input type="radio" name={`${uid}-channel`} value={c.value} checked={channel === c.value} disabled={Boolean(c.disabledReason) || sending} onChange={() => edit(setChannel)(c.value)} />
            {c.label}
            {c.disabledReason ? <span className="inbox-muted"> ({c.disabledReason})</span> : null}
          </label>
        ))}
        {fieldErrors.channel ? (
          <p id={`${ids.channel}-error`} className="inbox-error">
            {fieldErrors.channel}
          </p>
        ) : null}
      </fieldset>
      <p className="inbox-muted">{channel === 'note' ? 'Kept in the thread for staff; the customer never sees it.' : current?.to ? `To ${current.to}` : ''}</p>

      {channel === 'email' ? (
        <div className="inbox-field">
          <label htmlFor={ids.subject}>Subject</label>
          <input
            id={ids.subject}
            type="text"
            value={subject}
            maxLength={SUBJECT_MAX}
            onChange={(e) => edit(setSubject)(e.target.value)}
            aria-invalid={fieldErrors.subject ? true : undefined}
            aria-describedby={describedBy('subject')}
            disabled={sending}
          />
          {fieldErrors.subject ? (
            <p id={`${ids.subject}-error`} className="inbox-error">
              {fieldErrors.subject}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="inbox-field">
        <label htmlFor={ids.body}>Message</label>
        <textarea
          id={ids.body}
          rows={5}
          value={body}
          maxLength={REPLY_MAX}
          onChange={(e) => edit(setBody)(e.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={fieldErrors.body ? true : undefined}
          aria-describedby={describedBy('body', `${ids.body}-count`)}
          disabled={sending}
          required
        />
        <p id={`${ids.body}-count`} className="inbox-muted inbox-count">
          {body.length} / {REPLY_MAX} characters · Ctrl+Enter sends
        </p>
        {fieldErrors.body ? (
          <p id={`${ids.body}-error`} className="inbox-error">
            {fieldErrors.body}
          </p>
        ) : null}
      </div>

      {bookings.length > 0 ? (
        <div className="inbox-field">
          <label htmlFor={ids.booking}>About booking</label>
          <select id={ids.booking} value={bookingId} onChange={(e) => edit(setBookingId)(e.target.value)} aria-invalid={fieldErrors.bookingId ? true : undefined} aria-describedby={fieldErrors.bookingId ? `${ids.booking}-error` : undefined} disabled={sending}>
            <option value="">No booking</option>
            {bookings.map((b) => (
              <option key={b.id} value={String(b.id)}>
                {b.label}
              </option>
            ))}
          </select>
          {fieldErrors.bookingId ? (
            <p id={`${ids.booking}-error`} className="inbox-error">
              {fieldErrors.bookingId}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="inbox-reply__actions">
        <button type="submit" className="inbox-button inbox-button--primary" disabled={sending || Boolean(current?.disabledReason)}>
          {sending ? 'Sending…' : SEND_LABEL[channel]}
        </button>
      </div>
      <ActionFeedback done={done} error={error} statusClassName="inbox-status-line" />
    </form>
  )
}
