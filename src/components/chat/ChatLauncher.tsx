'use client'
/**
 * The storefront's "Chat with us" button (bottom right, every storefront page). The chat widget
 * itself is loaded with a dynamic import() on the first click, so a page load that never opens
 * the chat carries none of its code; once loaded it stays mounted while hidden, so the connection
 * and any waiting messages survive closing the panel. It is also loaded (hidden) straight after a
 * reload when messages written before it still wait to be sent. Must stay tiny.
 */
import dynamic from 'next/dynamic'
import { useCallback, useEffect, useRef, useState } from 'react'

import { hasWaitingMessages } from './outbox-key'

const ChatWidget = dynamic(() => import('./ChatWidget'), {
  ssr: false,
  loading: () => (
    <p className="chat-loading" role="status">
      Loading chat…
    </p>
  ),
})

export function ChatLauncher({ businessName }: { businessName: string }) {
  const [open, setOpen] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const [unread, setUnread] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time read of sessionStorage after hydration
    if (hasWaitingMessages()) setLoaded(true)
  }, [])

  useEffect(() => {
    if (open || !returnFocus.current) return
    returnFocus.current = false
    button.current?.focus()
  }, [open])

  const onClose = useCallback((focusLauncher: boolean) => {
    returnFocus.current = focusLauncher
    setOpen(false)
  }, [])
  const onUnread = useCallback(() => setUnread(true), [])

  return (
    <div className="chat-launcher-root">
      <button
        ref={button}
        type="button"
        className="chat-launcher"
        aria-expanded={open}
        aria-controls={loaded ? 'chat-panel' : undefined}
        aria-describedby={unread ? 'chat-unread' : undefined}
        onClick={() => {
          setLoaded(true)
          setUnread(false)
          setOpen((o) => !o)
        }}
      >
        Chat with us
        {unread ? <span className="chat-unread" aria-hidden="true" /> : null}
      </button>
      {/* Outside the button, so its name stays "Chat with us"; tied to it as a description. */}
      {unread ? (
        <span id="chat-unread" className="visually-hidden">
          New reply
        </span>
      ) : null}
      {loaded ? <ChatWidget businessName={businessName} open={open} onClose={onClose} onUnread={onUnread} /> : null}
    </div>
  )
}
