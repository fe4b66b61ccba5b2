'use client'
/**
 * Keeps an open chat thread current while staff watch it: refreshes the server view
 * (router.refresh) every 2 s while the customer's chat window is open, every 10 s while it is
 * closed, and not at all while this browser tab is hidden — once at once when it is shown again.
 * The next refresh is scheduled only after the last one finished, so a slow server never gets a
 * pile of them. A refresh re-renders the server components only: client state (the reply being
 * typed, the channel chosen) survives, because ReplyForm keeps its place and key (the thread id).
 * Whether the chat is live is decided by the server on each render (src/collections/Threads/inbox.ts).
 */
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useSyncExternalStore, useTransition } from 'react'

import { chatRefreshDelay, IDLE_REFRESH_MS, LIVE_REFRESH_MS } from './liveRefresh'

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange)
  return () => document.removeEventListener('visibilitychange', onChange)
}
const visibleNow = () => document.visibilityState === 'visible'
// Rendered on the server as visible; the browser's own state takes over on hydration.
const visibleOnServer = () => true

export function ChatLiveRefresh({ live }: { live: boolean }) {
  const router = useRouter()
  const visible = useSyncExternalStore(subscribe, visibleNow, visibleOnServer)
  const [refreshing, startRefresh] = useTransition()
  const wasVisible = useRef(visible)

  // Shown again after being hidden: what happened meanwhile appears at once.
  useEffect(() => {
    if (visible && !wasVisible.current) startRefresh(() => router.refresh())
    wasVisible.current = visible
  }, [visible, router])

  useEffect(() => {
    const delay = chatRefreshDelay({ live, visible })
    if (delay === null || refreshing) return
    const timer = setTimeout(() => startRefresh(() => router.refresh()), delay)
    return () => clearTimeout(timer)
  }, [live, visible, refreshing, router])

  return (
    <p className="inbox-muted inbox-chat__refresh">
      {!visible
        ? 'Updates paused while this tab is hidden.'
        : live
          ? `This conversation updates every ${LIVE_REFRESH_MS / 1000} seconds while the chat is open.`
          : `Checking for new chat messages every ${IDLE_REFRESH_MS / 1000} seconds.`}
    </p>
  )
}
