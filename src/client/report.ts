/**
 * Browser → server reports: errors caught by error boundaries and sampled web vitals.
 * Sent with navigator.sendBeacon (fire-and-forget, survives page unload, never blocks the UI)
 * to POST /api/client-errors and POST /api/vitals, which log through pino with the request ID.
 * Must never write to the console or send personal data: paths are reduced to their route
 * (the manage token in /booking/<token> is replaced) and messages are trimmed. Errors the error
 * boundaries catch also go to error tracking (src/client/error-tracking.ts) when it is on.
 */
import { redactManageTokens } from '../domain/redact'
import { captureClientError } from './error-tracking'

export type ClientErrorKind = 'boundary' | 'route' | 'global' | 'unhandled' | 'rejection'

/** '/booking/abc123?x=1' → '/booking/[token]': no manage tokens or query strings leave the browser. */
export function routeOf(pathname: string): string {
  return redactManageTokens(pathname.split(/[?#]/)[0] ?? '/')
}

function beacon(path: string, payload: unknown): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.sendBeacon !== 'function') return false
  const blob = new Blob([JSON.stringify(payload)], { type: 'application/json' })
  return navigator.sendBeacon(path, blob)
}

const clip = (s: string | undefined, n: number) => (s === undefined ? undefined : s.slice(0, n))

/** Reports an error to the server. Returns false when the browser could not queue the report. */
export function reportClientError(error: unknown, info: { kind: ClientErrorKind; component?: string }): boolean {
  // What an error boundary caught goes to error tracking too (when it is on); uncaught errors and
  // rejections it sees by itself.
  if (info.kind !== 'unhandled' && info.kind !== 'rejection') captureClientError(error, info.kind)
  const err = error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'Non-Error value thrown')
  const digest = (err as Error & { digest?: unknown }).digest
  return beacon('/api/client-errors', {
    kind: info.kind,
    name: clip(err.name, 100),
    message: clip(err.message, 1000) ?? '',
    stack: clip(err.stack, 4000),
    digest: typeof digest === 'string' ? clip(digest, 100) : undefined,
    component: clip(info.component, 100),
    path: typeof location === 'undefined' ? '/' : routeOf(location.pathname),
  })
}

export interface VitalReport {
  name: 'CLS' | 'FCP' | 'INP' | 'LCP' | 'TTFB'
  value: number
  rating: 'good' | 'needs-improvement' | 'poor'
  id: string
  navigationType?: string
}

export function reportVital(metric: VitalReport): boolean {
  return beacon('/api/vitals', {
    name: metric.name,
    value: metric.value,
    rating: metric.rating,
    id: clip(metric.id, 100),
    navigationType: clip(metric.navigationType, 30),
    path: typeof location === 'undefined' ? '/' : routeOf(location.pathname),
  })
}
