'use client'
/**
 * The manage page's state and its one way to change the booking. The page shows the server's
 * view of the booking; a change is sent once (an Idempotency-Key kept while the same change is
 * retried, a second click while it runs does nothing), and the server's answer replaces the view
 * and is announced in the status line, which takes focus. A refusal is shown as the page error.
 */
import { useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'

import type { ManageView } from '../../collections/Bookings/manageView'
import { api, ApiError, newIdempotencyKey } from '../../client/api'

/** Which change panel is open. */
export type Panel = 'none' | 'reschedule' | 'cancel'

export interface ManageBookingState {
  view: ManageView
  panel: Panel
  /** The last change's outcome, for the status line. */
  message: string | null
  error: string | null
  busy: boolean
  /** Whether the customer is looking at the "are you sure" of a move. */
  confirming: boolean
  setConfirming: Dispatch<SetStateAction<boolean>>
  statusRef: RefObject<HTMLParagraphElement | null>
  /** The booking's manage API, e.g. for the calendar file. */
  base: string
  /** Opens `panel` (or closes all with 'none'), forgetting the last outcome. */
  open: (panel: Panel) => void
  /**
   * POSTs `body` to `<base>/<path>`; `done` words the new view for the status line. `onRefused`
   * hears the server's refusal (an ApiError) after it is shown.
   */
  send: (path: string, body: unknown, done: (v: ManageView) => string, onRefused?: (err: ApiError) => void) => Promise<void>
}

export function useManageBooking(token: string, initial: ManageView): ManageBookingState {
  const [view, setView] = useState(initial)
  const [panel, setPanel] = useState<Panel>('none')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  const keyRef = useRef<string | null>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)
  const [confirming, setConfirming] = useState(false)

  const base = `/api/bookings/manage/${encodeURIComponent(token)}`

  function open(p: Panel) {
    setPanel(p)
    setConfirming(false)
    setError(null)
    setMessage(null)
    keyRef.current = null
  }

  async function send(path: string, body: unknown, done: (v: ManageView) => string, onRefused?: (err: ApiError) => void) {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    setError(null)
    keyRef.current ??= newIdempotencyKey()
    try {
      const answer = await api<{ booking: ManageView }>(`${base}/${path}`, { method: 'POST', body, idempotencyKey: keyRef.current, timeoutMs: 20_000 })
      setView(answer.booking)
      setPanel('none')
      setConfirming(false)
      setMessage(done(answer.booking))
      keyRef.current = null
      requestAnimationFrame(() => statusRef.current?.focus())
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const field = Object.values(err.fieldErrors)[0]
      setError(field ?? err.message)
      onRefused?.(err)
      setConfirming(false)
      keyRef.current = null
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  return { view, panel, message, error, busy, confirming, setConfirming, statusRef, base, open, send }
}
