'use client'
/**
 * The return page's state. The booking is found by the return cookie (GET /api/bookings/return,
 * e.g. after a refresh), else by the single-use code Stripe sent the customer back with (POST
 * /api/bookings/return { code }: the server sets the cookie and the code is used up, so it is
 * sent once even when React runs the effect twice, and then dropped from the address bar). After a
 * payment the page asks again every POLL_EVERY_MS until the booking is no longer pending, for at
 * most POLL_FOR_MS. A code the server does not know (400/404) or no cookie and no code means the
 * link has expired.
 */
import { useEffect, useRef, useState } from 'react'

import { api, ApiError } from '../../client/api'
import { POLL_EVERY_MS, POLL_FOR_MS, returnPhase, withoutCode, type ReturnPhase, type ReturnView } from './paymentReturn'

const RETURN_API = '/api/bookings/return'

interface Answer {
  booking: ReturnView
}

const isExpiredLink = (err: unknown) => err instanceof ApiError && (err.status === 400 || err.status === 401 || err.status === 404)

/** The booking of the return cookie; null without one (401). */
async function fromCookie(signal?: AbortSignal): Promise<ReturnView | null> {
  try {
    return (await api<Answer>(RETURN_API, { signal })).booking
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null
    throw err
  }
}

/**
 * The booking by `code` (used up here), else by the cookie an earlier visit set (a refresh: the
 * page drops the code from its address once used); null when neither identifies one. The code
 * goes first, so a fresh return asks nothing that must fail (no 401 in the console).
 */
async function identify(code: string | null): Promise<ReturnView | null> {
  if (!code) return fromCookie()
  try {
    return (await api<Answer>(RETURN_API, { method: 'POST', body: { code } })).booking
  } catch (err) {
    if (!isExpiredLink(err)) throw err
    // An earlier attempt may have used the code and set the cookie before its answer was lost.
    return fromCookie()
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

export interface PaymentReturnState {
  phase: ReturnPhase
  /** Starts over after an error (the booking is looked up again). */
  retry: () => void
  /** After `slow`: waits for the confirmation once more. */
  checkAgain: () => void
}

export function usePaymentReturn(code: string | null, cancelled: boolean, forBalance = false): PaymentReturnState {
  const [phase, setPhase] = useState<ReturnPhase>({ kind: 'checking' })
  const [round, setRound] = useState(0)
  // The lookup of this code, shared by every run of the effect (the code can be used only once).
  const lookup = useRef<{ code: string | null; booking: Promise<ReturnView | null> } | null>(null)

  useEffect(() => {
    const ctrl = new AbortController()
    const { signal } = ctrl

    async function follow() {
      if (lookup.current?.code !== code) lookup.current = { code, booking: identify(code) }
      const found = await lookup.current.booking
      if (signal.aborted) return
      if (!found) {
        setPhase({ kind: 'link_expired' })
        return
      }
      const clean = withoutCode(window.location.href)
      if (clean) window.history.replaceState(null, '', clean)
      const started = Date.now()
      let booking: ReturnView = found
      for (;;) {
        const next = returnPhase(booking, { cancelled, forBalance, timedOut: Date.now() - started >= POLL_FOR_MS })
        setPhase(next)
        if (next.kind !== 'waiting') return
        await sleep(POLL_EVERY_MS, signal)
        let latest: ReturnView | null
        try {
          latest = await fromCookie(signal)
        } catch (err) {
          // A missed answer while waiting is not worth a screen: the next round asks again.
          if (signal.aborted || !(err instanceof ApiError)) throw err
          continue
        }
        if (signal.aborted) return
        if (!latest) {
          // The return cookie ran out while waiting.
          setPhase({ kind: 'link_expired' })
          return
        }
        booking = latest
      }
    }

    follow().catch((err: unknown) => {
      if (signal.aborted) return
      if (!(err instanceof ApiError)) throw err
      lookup.current = null
      setPhase({ kind: 'error', message: err.message })
    })
    return () => ctrl.abort()
  }, [code, cancelled, forBalance, round])

  return {
    phase,
    retry: () => {
      lookup.current = null
      setPhase({ kind: 'checking' })
      setRound((r) => r + 1)
    },
    checkAgain: () => setRound((r) => r + 1),
  }
}
