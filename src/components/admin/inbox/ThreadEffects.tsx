'use client'
/**
 * What opening a thread does by itself: marks its inbound messages read once (POST
 * /api/threads/:id/read, then a refresh so the badges go), and while any message is still
 * `queued` refreshes the page every few seconds so it shows `sent` (or `failed`) as soon as the
 * job runner has tried. A refresh re-renders the server view; nothing is computed here.
 * Also a "Refresh" button, for news that arrived since (a new message, another staff member's reply).
 */
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import { inboxRequest } from './api'

const POLL_MS = 3_000

export function ThreadEffects({ apiRoute, threadId, unreadCount, queued }: { apiRoute: string; threadId: number; unreadCount: number; queued: boolean }) {
  const router = useRouter()
  const [readError, setReadError] = useState<string>()
  const markedFor = useRef<string>(undefined)
  // A refresh re-renders the server view; a slow one is never stacked under the next.
  const [refreshing, startRefresh] = useTransition()
  const refresh = () => startRefresh(() => router.refresh())

  useEffect(() => {
    if (unreadCount <= 0) return
    // Once per thread and count: a failure is shown, not retried in a loop.
    const key = `${threadId}:${unreadCount}`
    if (markedFor.current === key) return
    markedFor.current = key
    void inboxRequest('POST', `${apiRoute}/threads/${threadId}/read`).then((res) => {
      if (res.ok) {
        setReadError(undefined)
        startRefresh(() => router.refresh())
      } else {
        setReadError(`Could not mark the thread read: ${res.message}`)
      }
    })
  }, [apiRoute, threadId, unreadCount, router])

  // The next refresh is scheduled only once the last one has finished.
  useEffect(() => {
    if (!queued || refreshing) return
    const timer = setTimeout(() => startRefresh(() => router.refresh()), POLL_MS)
    return () => clearTimeout(timer)
  }, [queued, refreshing, router])

  return (
    <div className="inbox-effects">
      {queued ? (
        <p className="inbox-muted" role="status">
          A message is queued: this page refreshes every few seconds until it is sent.
        </p>
      ) : null}
      {readError ? (
        <p role="alert" className="inbox-error">
          {readError}
        </p>
      ) : null}
      <button type="button" className="inbox-button inbox-button--quiet" onClick={refresh} disabled={refreshing}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </div>
  )
}
