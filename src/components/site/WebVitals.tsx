'use client'
/**
 * Reports Core Web Vitals (CLS, INP, LCP, FCP, TTFB) for a sample of page loads to
 * POST /api/vitals. The sampling decision is taken once per page load, and `web-vitals` is
 * imported only for sampled loads, after hydration, so it never weighs on the first paint.
 * Rate: NEXT_PUBLIC_VITALS_SAMPLE_RATE (0–1, default 0.1; 0 turns reporting off).
 * Must never log to the console.
 */
import { useEffect } from 'react'
import type { Metric } from 'web-vitals'

import { reportClientError, reportVital } from '../../client/report'
import { isSampled, parseSampleRate } from './sampleRate'

// Written out in full so Next inlines the value into the client bundle at build time.
const RATE = parseSampleRate(process.env.NEXT_PUBLIC_VITALS_SAMPLE_RATE)

/** Per page load, not per mount: the root layout can remount in development (Strict Mode). */
let state: 'undecided' | 'off' | 'loading' | 'on' = 'undecided'

function send(metric: Metric): void {
  reportVital({ name: metric.name, value: metric.value, rating: metric.rating, id: metric.id, navigationType: metric.navigationType })
}

export function WebVitals(): null {
  useEffect(() => {
    if (state === 'undecided') state = isSampled(RATE) ? 'loading' : 'off'
    if (state !== 'loading') return
    state = 'on'
    import('web-vitals')
      .then(({ onCLS, onFCP, onINP, onLCP, onTTFB }) => {
        onCLS(send)
        onINP(send)
        onLCP(send)
        onFCP(send)
        onTTFB(send)
      })
      .catch((err: unknown) => {
        // The chunk did not load (offline, deploy in between): report it; there is nothing to retry.
        reportClientError(err, { kind: 'unhandled', component: 'WebVitals' })
      })
  }, [])
  return null
}
