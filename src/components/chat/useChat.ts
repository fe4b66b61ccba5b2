'use client'
/**
 * One chat conversation for the widget: a ChatConnection made after mount (its socket is opened
 * only in the browser), its events reduced into what the widget shows, and the actions the
 * widget needs. The connection is closed when the widget goes away or the conversation changes
 * (another manage page); the outbox stays in sessionStorage for the next one. On a manage page
 * the outbox is kept in memory only, so the manage token is never copied into storage.
 * The socket is also closed when the page is hidden for a navigation (`pagehide`): a page with an
 * open WebSocket cannot enter the back/forward cache. When the page comes back from that cache
 * (`pageshow` with `persisted`) the same connection connects again and asks for what it missed
 * (`since`), with its waiting messages still queued.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react'

import { ChatConnection, type OutboxStore, type SendResult } from '../../client/chat/connection'
import { conversationReducer, initialConversation, TYPING_SHOWN_MS, type ConversationState } from './conversation'
import { CHAT_OUTBOX_KEY } from './outbox-key'

function sessionOutbox(): OutboxStore | undefined {
  try {
    return { storage: window.sessionStorage, key: CHAT_OUTBOX_KEY }
  } catch (err) {
    // Reading window.sessionStorage throws when the browser blocks storage: keep the outbox in memory.
    if (err instanceof DOMException) return undefined
    throw err
  }
}

export interface Chat {
  state: ConversationState
  send: (text: string) => SendResult
  retry: () => void
  typing: () => void
}

export function useChat(businessName: string, manage: string | undefined): Chat {
  const [state, dispatch] = useReducer(conversationReducer, businessName, initialConversation)
  const connection = useRef<ChatConnection | null>(null)

  useEffect(() => {
    const conn = new ChatConnection({ manage, outbox: manage ? undefined : sessionOutbox() })
    connection.current = conn
    const unsubscribe = conn.subscribe((event) => dispatch({ type: 'event', event, at: Date.now() }))
    // Connect on the next tick: React's development double mount runs this effect, its cleanup and
    // the effect again at once, and a socket closed while still connecting is a console error.
    const start = setTimeout(() => conn.connect(), 0)
    const onHide = () => conn.close()
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) conn.connect()
    }
    window.addEventListener('pagehide', onHide)
    window.addEventListener('pageshow', onShow)
    return () => {
      clearTimeout(start)
      window.removeEventListener('pagehide', onHide)
      window.removeEventListener('pageshow', onShow)
      unsubscribe()
      conn.close()
      if (connection.current === conn) connection.current = null
    }
  }, [manage])

  // "… is typing" goes away on its own when nothing follows it.
  const { typing, typingSince } = state
  useEffect(() => {
    if (!typing) return
    const timer = setTimeout(() => dispatch({ type: 'typing_expired', at: Date.now() }), TYPING_SHOWN_MS - (Date.now() - typingSince))
    return () => clearTimeout(timer)
  }, [typing, typingSince])

  const send = useCallback((text: string): SendResult => connection.current?.send(text) ?? { ok: false, reason: 'The chat is still starting. Please try again in a moment.' }, [])
  const retry = useCallback(() => connection.current?.retry(), [])
  const notifyTyping = useCallback(() => connection.current?.typing(), [])

  return { state, send, retry, typing: notifyTyping }
}
