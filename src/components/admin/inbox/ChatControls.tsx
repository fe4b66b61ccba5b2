'use client'
/**
 * A chat thread's storefront chat, for staff: whether the customer's chat window is open now and
 * who answers it — "Assistant is answering" with "Take over chat", or "You are answering (the
 * assistant is paused)" with "Hand back to assistant". The buttons call POST
 * /api/threads/:id/chat/takeover and /chat/release (managers and admins; the server decides and
 * tells the customer), then refresh the page to show what the server stored. A refusal is shown
 * in words beside the buttons. Never changes the mode on its own.
 */
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { ChatMode } from '../../../domain'
import { inboxRequest } from './api'
import { ActionFeedback } from './ActionFeedback'

interface Props {
  apiRoute: string
  threadId: number
  live: boolean
  mode: ChatMode
  /** The staff member answering (while `mode` is `staff`). */
  staffName: string | null
  /** The signed-in staff member is the one answering. */
  staffIsMe: boolean
  /** When the chat window last showed a sign of life, in the business's time zone ("Dec 2, 5:30 PM"). */
  seenLabel: string
}

type Action = 'takeover' | 'release'

export function ChatControls({ apiRoute, threadId, live, mode, staffName, staffIsMe, seenLabel }: Props) {
  const router = useRouter()
  const [busy, setBusy] = useState<Action>()
  const [error, setError] = useState<string>()
  const [done, setDone] = useState<string>()

  async function act(action: Action) {
    setBusy(action)
    setError(undefined)
    setDone(undefined)
    const res = await inboxRequest('POST', `${apiRoute}/threads/${threadId}/chat/${action}`)
    setBusy(undefined)
    if (!res.ok) {
      const what = action === 'takeover' ? 'Could not take over the chat' : 'Could not hand the chat back'
      setError(`${what}: ${res.message}`)
      return
    }
    if (action === 'takeover') {
      const staff = (res.body as { staff?: unknown } | undefined)?.staff
      setDone(typeof staff === 'string' && staff !== '' ? `You took over the chat: the customer sees that ${staff} joined.` : 'You took over the chat.')
    } else {
      setDone('Handed back: the assistant answers the chat again.')
    }
    router.refresh()
  }

  const answering = mode === 'assistant' ? 'Assistant is answering.' : staffIsMe ? 'You are answering (the assistant is paused).' : `${staffName ?? 'A staff member'} is answering (the assistant is paused).`

  return (
    <div className={`inbox-chat${live ? ' is-live' : ''}`} role="group" aria-label="Storefront chat">
      <p className="inbox-chat__state">
        {live ? (
          <span className="inbox-badge inbox-badge--live">Live chat</span>
        ) : (
          <span className="inbox-chip">Chat closed</span>
        )}{' '}
        {live ? 'The customer’s chat window is open now.' : seenLabel ? `The chat window was last open ${seenLabel}.` : 'The chat window is not open.'}
      </p>
      <p className="inbox-chat__answering">
        <strong>{answering}</strong>
      </p>
      <div className="inbox-chat__actions">
        {mode === 'assistant' || !staffIsMe ? (
          <button type="button" className="inbox-button inbox-button--primary" disabled={busy !== undefined} onClick={() => void act('takeover')}>
            {busy === 'takeover' ? 'Taking over…' : 'Take over chat'}
          </button>
        ) : null}
        {mode === 'staff' ? (
          <button type="button" className="inbox-button" disabled={busy !== undefined} onClick={() => void act('release')}>
            {busy === 'release' ? 'Handing back…' : 'Hand back to assistant'}
          </button>
        ) : null}
      </div>
      <ActionFeedback done={done} error={error} />
    </div>
  )
}
