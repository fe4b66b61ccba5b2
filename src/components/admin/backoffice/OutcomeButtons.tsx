'use client'
/**
 * A chef's two buttons on an event of My schedule: completed, or no-show (asked twice: a no-show
 * is final). Posts to /api/bookings/:id/chef-outcome with the session cookie, says the result in a
 * live region, and refreshes the page so the event shows its new status.
 */
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { staffPost } from '../staffPost'

export function OutcomeButtons({ bookingId, apiRoute, label }: { bookingId: number; apiRoute: string; label: string }) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  const mark = async (outcome: 'completed' | 'no_show') => {
    if (outcome === 'no_show' && !window.confirm('Mark this event a no-show? This cannot be undone here.')) return
    setBusy(true)
    setMessage('')
    const res = await staffPost(`${apiRoute}/bookings/${bookingId}/chef-outcome`, { outcome })
    setBusy(false)
    if (res.ok) {
      setMessage(outcome === 'completed' ? 'Marked completed.' : 'Marked a no-show.')
      router.refresh()
    } else {
      setMessage(res.message)
    }
  }
  return (
    <div className="schedule-actions" role="group" aria-labelledby={label}>
      <button type="button" className="schedule-btn schedule-btn--done" disabled={busy} onClick={() => void mark('completed')}>
        Mark completed
      </button>
      <button type="button" className="schedule-btn schedule-btn--noshow" disabled={busy} onClick={() => void mark('no_show')}>
        No-show
      </button>
      <p className="schedule-message" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  )
}
