/**
 * Error tracking in the browser (Sentry), started by src/instrumentation-client.ts before
 * hydration on every page (storefront and admin). The server says whether it is on:
 * GET /api/error-tracking answers the DSN, or `dsn: null` while SENTRY_DSN is unset — then the SDK
 * is never loaded (not even downloaded) and nothing is sent. Read at run time rather than built in,
 * so turning the server's DSN off needs no rebuild.
 *
 * Until that answer arrives (one small request), uncaught errors are kept (at most MAX_EARLY) and
 * sent once the SDK is up. The SDK then catches uncaught errors and rejections itself; the error
 * boundaries (RouteError, global-error) hand theirs over through src/client/report.ts.
 * Sent: errors only (no sessions, client reports or spans unless the server's trace sample rate
 * is above 0), each through the same scrubbing as the server's (src/domain/redact.ts): no user,
 * cookies, query strings, link tokens, e-mail addresses or phone numbers.
 * Must never write to the console or break the page: every failure here leaves tracking off.
 */
import type { BrowserOptions } from '@sentry/nextjs'

import { PRIVATE_DATA_COLLECTION, scrubDeep, scrubErrorReport, scrubText } from '../domain/redact'

type Sdk = typeof import('@sentry/nextjs')

export interface ErrorTrackingConfig {
  dsn: string | null
  release?: string
  environment?: string
  tracesSampleRate?: number
}

export const CONFIG_PATH = '/api/error-tracking'
const MAX_EARLY = 10

let phase: 'idle' | 'starting' | 'on' | 'off' = 'idle'
let sdk: Sdk | undefined
let tracing = false
const early: { error: unknown; kind: string }[] = []

function keep(error: unknown, kind: string): void {
  if (early.length < MAX_EARLY) early.push({ error, kind })
}

/** The server's answer, checked; null when it is not one. */
export function parseConfig(body: unknown): ErrorTrackingConfig | null {
  if (!body || typeof body !== 'object') return null
  const b = body as Record<string, unknown>
  if (b.dsn !== null && typeof b.dsn !== 'string') return null
  const rate = typeof b.tracesSampleRate === 'number' && b.tracesSampleRate >= 0 && b.tracesSampleRate <= 1 ? b.tracesSampleRate : 0
  return {
    dsn: b.dsn,
    release: typeof b.release === 'string' ? b.release : undefined,
    environment: typeof b.environment === 'string' ? b.environment : undefined,
    tracesSampleRate: rate,
  }
}

/** The SDK's options for the browser: what is and is not sent (see the file comment). */
export function browserOptions(config: ErrorTrackingConfig & { dsn: string }): BrowserOptions {
  const traced = (config.tracesSampleRate ?? 0) > 0
  return {
    dsn: config.dsn,
    release: config.release,
    environment: config.environment,
    tracesSampleRate: traced ? config.tracesSampleRate : undefined,
    sendClientReports: false,
    dataCollection: PRIVATE_DATA_COLLECTION,
    // No release-health session per page load; no navigation and fetch tracing unless asked for.
    integrations: (defaults) => defaults.filter((integration) => integration.name !== 'BrowserSession' && (traced || integration.name !== 'BrowserTracing')),
    beforeSend: (event) => scrubErrorReport(event),
    beforeSendSpan: (span) => ({ ...span, name: scrubText(span.name), attributes: scrubDeep(span.attributes) }),
    beforeBreadcrumb: (breadcrumb) => scrubDeep(breadcrumb),
  }
}

async function loadConfig(): Promise<ErrorTrackingConfig | null> {
  const res = await fetch(CONFIG_PATH, { credentials: 'omit', headers: { Accept: 'application/json' } })
  if (!res.ok) return null
  return parseConfig(await res.json())
}

/** Asks the server once per page load and starts the SDK if it is on. */
export function startErrorTracking(): void {
  if (phase !== 'idle' || typeof window === 'undefined') return
  phase = 'starting'
  const onError = (event: ErrorEvent) => keep(event.error ?? event.message, 'unhandled')
  const onRejection = (event: PromiseRejectionEvent) => keep(event.reason, 'rejection')
  window.addEventListener('error', onError)
  window.addEventListener('unhandledrejection', onRejection)
  const stopKeeping = () => {
    window.removeEventListener('error', onError)
    window.removeEventListener('unhandledrejection', onRejection)
  }
  void loadConfig()
    .then(async (config) => {
      if (!config?.dsn) return false
      const Sentry = await import('@sentry/nextjs')
      Sentry.init(browserOptions({ ...config, dsn: config.dsn }))
      // From here the SDK's own handlers see uncaught errors; ours would count them twice.
      stopKeeping()
      sdk = Sentry
      tracing = (config.tracesSampleRate ?? 0) > 0
      phase = 'on'
      for (const { error, kind } of early.splice(0)) Sentry.captureException(error, { tags: tagsFor(error, kind) })
      return true
    })
    .catch(() => false)
    .then((on) => {
      // Off, unreachable or unparseable: tracking stays off for this page load, and a browser
      // has nowhere to say so (no console). What was kept is dropped.
      if (on) return
      stopKeeping()
      phase = 'off'
      early.length = 0
    })
}

/**
 * An error an error boundary caught (React handled it, so the SDK did not see it). A server
 * component's error carries Next's digest: tagged, it matches the server's event of the same error.
 */
export function captureClientError(error: unknown, kind: string): void {
  if (phase === 'on') sdk?.captureException(error, { tags: tagsFor(error, kind) })
  else if (phase === 'starting') keep(error, kind)
}

function tagsFor(error: unknown, kind: string): Record<string, string> {
  const digest = (error as { digest?: unknown } | null)?.digest
  return typeof digest === 'string' && digest !== '' ? { kind, digest: digest.slice(0, 100) } : { kind }
}

/** Next's router hook (instrumentation-client): navigation spans, only when tracing is on. */
export function routerTransitionStarted(url: string, navigationType: 'push' | 'replace' | 'traverse'): void {
  if (tracing) sdk?.captureRouterTransitionStart(url, navigationType)
}
