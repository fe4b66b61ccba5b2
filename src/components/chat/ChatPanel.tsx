'use client'
/**
 * The chat panel's contents for one conversation (ChatWidget keys it by conversation): header,
 * connection status, the message list, the live region, and the message box. See ChatWidget for
 * the behaviour as the customer sees it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

import { CHAT_MESSAGE_MAX } from '../../domain/chat/protocol'
import { ChatItem, PendingItem } from './ChatItems'
import { statusText, visiblePending, type ConversationState } from './conversation'
import { useChat } from './useChat'
import type { ChatWidgetProps } from './ChatWidget'

/** Below this width the panel covers the page, so following a link closes it. */
const NARROW_SCREEN = '(max-width: 40rem)'

function whoAnswers(state: ConversationState): string {
  if (state.staff) return `${state.staff} from ${state.businessName} is answering.`
  switch (state.assistant) {
    case 'ai':
      return 'Our assistant answers straight away, and our team can join in.'
    case 'plain':
      return 'Quick answers about dates, prices and the menu. Our team reads every chat.'
    case 'unavailable':
      return 'Our assistant is not available right now. Leave a message and our team will answer.'
    default:
      return ''
  }
}

function typingText(state: ConversationState): string | null {
  if (state.typing === 'staff') return `${state.staff ?? state.businessName} is typing…`
  if (state.typing === 'assistant') return `${state.businessName} is typing…`
  return null
}

export function ChatPanel({ businessName, open, onClose, onUnread, manage }: ChatWidgetProps & { manage: string | undefined }) {
  const { state, send, retry, typing } = useChat(businessName, manage)
  const [text, setText] = useState('')
  const [sendError, setSendError] = useState<string | null>(null)
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const stickToBottom = useRef(true)

  const pending = visiblePending(state)
  const lastItem = state.items.at(-1)
  const lastTextLength = lastItem?.kind === 'streaming' ? lastItem.text.length : 0

  useEffect(() => {
    if (open) inputRef.current?.focus()
  }, [open])

  // Follow new messages (and a streaming reply as it grows) unless the customer scrolled up to read.
  useEffect(() => {
    const list = listRef.current
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight
  }, [state.items.length, pending.length, lastTextLength, open])

  // A reply or notice that arrived while the panel was closed: the launcher shows a dot.
  const announcementKey = state.announcement?.key
  const seenAnnouncement = useRef(announcementKey)
  useEffect(() => {
    if (announcementKey === seenAnnouncement.current) return
    seenAnnouncement.current = announcementKey
    if (!open) onUnread()
  }, [announcementKey, open, onUnread])

  function submit() {
    const result = send(text)
    if (result.ok) {
      setText('')
      setSendError(null)
      stickToBottom.current = true
    } else {
      setSendError(result.reason)
    }
  }

  function onPanelKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
      e.stopPropagation()
      onClose(true)
    }
  }

  function onInputKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return
    e.preventDefault()
    // Enter on an empty box does nothing; the Send button explains why.
    if (text.trim() !== '') submit()
  }

  function onFollowLink() {
    if (window.matchMedia(NARROW_SCREEN).matches) onClose(false)
  }

  const stopped = state.connection === 'closed' && state.closeCode !== undefined
  const waiting = state.connection === 'reconnecting' || state.connection === 'offline'
  const who = whoAnswers(state)
  const typingLine = typingText(state)

  return (
    <section id="chat-panel" className="chat-panel" role="dialog" aria-label={`Chat with ${businessName}`} hidden={!open} onKeyDown={onPanelKeyDown}>
      <header className="chat-header">
        <div className="chat-heading">
          <h2 className="chat-title">Chat with {businessName}</h2>
          {who ? <p className="chat-subtitle">{who}</p> : null}
        </div>
        <button type="button" className="chat-close" aria-label="Close chat" onClick={() => onClose(true)}>
          <span aria-hidden="true">×</span>
        </button>
      </header>

      <div className={`chat-status-bar is-${state.connection}`}>
        <p className="chat-status" role="status" data-testid="chat-status">
          {statusText(state.connection, state.closeCode)}
        </p>
        {stopped || waiting ? (
          <button type="button" className="chat-retry" onClick={retry}>
            {stopped ? 'Try again' : 'Try now'}
          </button>
        ) : null}
      </div>

      <ol
        ref={listRef}
        className="chat-messages"
        aria-label="Messages"
        data-testid="chat-messages"
        // Scrollable: reachable by keyboard so the history can be read with the arrow keys.
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
        }}
      >
        {state.items.length === 0 && pending.length === 0 ? (
          <li className="chat-intro">Ask us about free dates, prices, the menu or your booking. We are happy to help.</li>
        ) : null}
        {state.items.map((item) => (
          <ChatItem key={item.key} item={item} businessName={businessName} onFollowLink={onFollowLink} />
        ))}
        {pending.map((m) => (
          <PendingItem key={m.clientId} message={m} />
        ))}
      </ol>

      <p className="chat-typing" aria-hidden={typingLine ? undefined : true}>
        {typingLine}
      </p>

      {/* New replies and notices, read out once and complete (the list itself is not live). */}
      <div className="visually-hidden" aria-live="polite">
        {state.announcement ? <p key={state.announcement.key}>{state.announcement.text}</p> : null}
      </div>

      <form
        className="chat-composer"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <label className="visually-hidden" htmlFor="chat-input">
          Message
        </label>
        <textarea
          id="chat-input"
          ref={inputRef}
          className="chat-input"
          rows={2}
          maxLength={CHAT_MESSAGE_MAX}
          placeholder="Write a message…"
          value={text}
          aria-describedby={sendError ? 'chat-send-error' : 'chat-input-hint'}
          aria-invalid={sendError ? true : undefined}
          onChange={(e) => {
            setText(e.target.value)
            if (sendError) setSendError(null)
            typing()
          }}
          onKeyDown={onInputKeyDown}
        />
        <button type="submit" className="button chat-send">
          Send
        </button>
        {sendError ? (
          <p id="chat-send-error" className="field-error chat-send-error" role="alert">
            {sendError}
          </p>
        ) : (
          <p id="chat-input-hint" className="visually-hidden">
            Enter sends. Shift and Enter start a new line.
          </p>
        )}
      </form>
    </section>
  )
}
