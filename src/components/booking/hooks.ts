'use client'
/**
 * Data hooks of the booking UI: live availability for a calendar month and a debounced,
 * server-computed quote. Both go through the one REST client (timeouts, retries, 429 text) and
 * abort their request when the inputs change, so a slow old answer never overwrites a new one.
 */
import { startTransition, useEffect, useState } from 'react'

import type { Quote as DomainQuote } from '../../domain/pricing'
import { api, ApiError } from '../../client/api'
import { daysInMonth } from './Calendar'

export interface Slot {
  time: string
  startsAt: string
  available: boolean
  remaining: number
}

export interface AvailabilityState {
  /** Date → its slots, for the dates loaded so far. */
  days: Map<string, Slot[]>
  loading: boolean
  error: string | null
  reload: () => void
}

interface AvailabilityAnswer {
  timezone: string
  days: { date: string; slots: Slot[] }[]
}

/** The dates of `month` within [firstDate, lastDate] as an availability query, or null. */
function monthRange(month: string, firstDate: string, lastDate: string): { from: string; to: string } | null {
  if (!month) return null
  const all = daysInMonth(month)
  const from = all.find((d) => d >= firstDate)
  const to = [...all].reverse().find((d) => d <= lastDate)
  return from && to && from <= to ? { from, to } : null
}

interface Settled {
  key: string
  days: Map<string, Slot[]>
  error: string | null
}

/**
 * Availability of every bookable date of `month` ('' = nothing to load yet) for a party of
 * `guests`. `loading` is derived (the answer on hand is for other inputs), not set in the effect.
 */
export function useMonthAvailability(month: string, firstDate: string, lastDate: string, guests: number): AvailabilityState {
  const [nonce, setNonce] = useState(0)
  const [settled, setSettled] = useState<Settled>({ key: '', days: new Map(), error: null })
  const range = monthRange(month, firstDate, lastDate)
  const size = Math.max(1, guests)
  const key = range ? `${range.from}|${range.to}|${size}|${nonce}` : ''

  useEffect(() => {
    if (!key) return
    const [from, to, party] = key.split('|')
    const controller = new AbortController()
    api<AvailabilityAnswer>(`/api/availability?from=${from}&to=${to}&guests=${party}`, { signal: controller.signal })
      .then((answer) => {
        // A transition: the month's re-render (every day's state changes) is done in slices the
        // browser can interrupt, not in one long task; a click meanwhile is answered first.
        startTransition(() => {
          setSettled((prev) => {
            // Answers for another party size are dropped: a new size changes which slots fit.
            const next = prev.key.split('|')[2] === party ? new Map(prev.days) : new Map<string, Slot[]>()
            for (const d of answer.days) next.set(d.date, d.slots)
            return { key, days: next, error: null }
          })
        })
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return
        setSettled((prev) => ({ ...prev, key, error: err instanceof ApiError ? err.message : 'We could not load the calendar. Please try again.' }))
      })
    return () => controller.abort()
  }, [key])

  const sameSize = settled.key.split('|')[2] === String(size)
  return {
    days: sameSize ? settled.days : new Map(),
    loading: key !== '' && settled.key !== key,
    error: settled.key === key ? settled.error : null,
    reload: () => setNonce((n) => n + 1),
  }
}

/** The server's quote (the domain's Quote) plus whether the travel fee is in it yet. */
export type Quote = DomainQuote & { travelFeeKnown: boolean }

export interface QuoteState {
  quote: Quote | null
  updating: boolean
  error: ApiError | null
}

interface QuoteAnswer {
  /** The request body the answer is for. */
  forBody: string
  quote: Quote | null
  error: ApiError | null
}

/**
 * The quote for `body`, fetched `delayMs` after it last changed (the party stepper fires on
 * every click). `body` null means "not enough to price yet". The last good quote stays on
 * screen while a new one is on its way (`updating`).
 */
export function useQuote(body: unknown | null, delayMs = 350): QuoteState {
  const [answer, setAnswer] = useState<QuoteAnswer>({ forBody: '', quote: null, error: null })
  const json = body === null ? null : JSON.stringify(body)

  useEffect(() => {
    if (json === null) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      api<Quote>('/api/quote', { method: 'POST', body: JSON.parse(json) as unknown, signal: controller.signal, retries: 0 })
        .then((quote) => setAnswer({ forBody: json, quote, error: null }))
        .catch((err: unknown) => {
          if (controller.signal.aborted) return
          const error = err instanceof ApiError ? err : new ApiError('We could not price this party.', { status: 0 })
          setAnswer((prev) => ({ forBody: json, quote: prev.quote, error }))
        })
    }, delayMs)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [json, delayMs])

  return { quote: answer.quote, updating: json !== null && answer.forBody !== json, error: answer.forBody === json ? answer.error : null }
}
