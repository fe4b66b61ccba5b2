/**
 * Error tracking on the server (Sentry, `@sentry/nextjs` and the `@sentry/node` it carries):
 * off unless SENTRY_DSN is set — then `Sentry.init` is never called and nothing is sent.
 * Started once per process, whoever asks first: src/server.ts before Next loads, Next's
 * `register()` (src/instrumentation.ts) in the same process, `npm run jobs`, a test. The flag lives
 * on globalThis (process-registry), because the Next bundles carry their own copy of this module;
 * the SDK keeps its client on globalThis too, so every copy reports through one client.
 *
 * What is sent: errors only (server errors answered ≥ 500, failed jobs, chat failures, crashes),
 * each tagged with the request ID when there is one, and with the release and environment. No
 * sessions, no client reports, no spans unless SENTRY_TRACES_SAMPLE_RATE > 0. What is not: the
 * SDK collects no user, cookie, body or query (`dataCollection`; v11 replaced `sendDefaultPii`
 * with it, and its defaults collect more), and every event, span and breadcrumb goes through the
 * logs' own redaction list on its way out (scrubErrorReport in src/domain/redact.ts).
 * Must never throw into its caller: reporting is best effort.
 */
import * as SentryModule from '@sentry/nextjs'

import packageJson from '../../package.json'

import { PRIVATE_DATA_COLLECTION, scrubDeep, scrubErrorReport, scrubText } from '../domain/redact'
import { env, type Env } from './env'
import { logger } from './logger'
import { currentRequest, processSingleton } from './process-registry'

const log = logger.child({ module: 'error-tracking' })

// The SDK's Node entry is CommonJS that re-exports @sentry/node's functions in a loop, which
// Node's ESM loader cannot see as named exports (tsx: src/server.ts, scripts/jobs.ts): there the
// functions are on the module object (`default`); bundlers (Next) and vitest give them directly.
const Sentry = ((SentryModule as { default?: typeof SentryModule }).default ?? SentryModule) as typeof SentryModule

/**
 * Who started the SDK: the web server (Next forgives unhandled rejections, so do we), a jobs
 * worker (an unhandled rejection still ends it, as Node's default does, after it is reported), or
 * a test.
 */
export type ErrorTrackingProcess = 'server' | 'worker' | 'test'

interface TrackingState {
  started: boolean
  on: boolean
}

const state = (): TrackingState => processSingleton<TrackingState>('error-tracking', () => ({ started: false, on: false }))

/** Integrations of the SDK's defaults that send something beyond errors, or nothing we want. */
const DROPPED_INTEGRATIONS = new Set([
  'ProcessSession', // a release-health session per process
  'Http', // re-added below without request sessions and bodies
  'OnUnhandledRejection', // re-added below with the mode of this process
])

/** The release events carry: SENTRY_RELEASE, else `myhibachi@<package.json version>`. */
export function releaseName(config: Pick<Env, 'SENTRY_RELEASE'> = env()): string {
  if (config.SENTRY_RELEASE) return config.SENTRY_RELEASE
  return `myhibachi@${packageJson.version}`
}

/** The environment events carry: SENTRY_ENVIRONMENT, else NODE_ENV. */
export function environmentName(config: Pick<Env, 'SENTRY_ENVIRONMENT' | 'NODE_ENV'> = env()): string {
  return config.SENTRY_ENVIRONMENT ?? config.NODE_ENV
}

/** What the browser needs to report to the same project (GET /api/error-tracking); `dsn: null` is off. */
export interface BrowserErrorTracking {
  dsn: string | null
  release?: string
  environment?: string
  tracesSampleRate?: number
}

export function browserErrorTracking(config: Env = env()): BrowserErrorTracking {
  if (!config.SENTRY_DSN) return { dsn: null }
  return { dsn: config.SENTRY_DSN, release: releaseName(config), environment: environmentName(config), tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE }
}

/** The SDK's options for this process (exported for the unit test of what is and is not sent). */
export function serverOptions(config: Env, kind: ErrorTrackingProcess): SentryModule.NodeOptions {
  const tracing = config.SENTRY_TRACES_SAMPLE_RATE > 0
  return {
    dsn: config.SENTRY_DSN,
    release: releaseName(config),
    environment: environmentName(config),
    // Undefined is "no tracing at all" (no span machinery); a rate of 0 would still build spans.
    tracesSampleRate: tracing ? config.SENTRY_TRACES_SAMPLE_RATE : undefined,
    // Trace headers go to our own origin only, never to Stripe, Twilio or OpenAI.
    tracePropagationTargets: [new URL(config.PUBLIC_SERVER_URL).origin],
    sendClientReports: false,
    dataCollection: PRIVATE_DATA_COLLECTION,
    integrations: (defaults) => [
      ...defaults.filter((integration) => !DROPPED_INTEGRATIONS.has(integration.name)),
      // Next makes the spans of incoming requests itself (the SDK's own Next setup says so too).
      Sentry.httpIntegration({ sessions: false, disableIncomingRequestSpans: true, maxRequestBodySize: 'none' }),
      // 'none': no console output of our own; 'strict' (workers): report, then exit 1 as Node would.
      Sentry.onUnhandledRejectionIntegration({ mode: kind === 'worker' ? 'strict' : 'none' }),
    ],
    beforeSend: (event) => scrubErrorReport(event),
    // Spans are streamed (v11's default trace lifecycle): they pass through beforeSendSpan, and
    // beforeSendTransaction is never called (the SDK says so when it is set).
    beforeSendSpan: (span) => ({ ...span, name: scrubText(span.name), attributes: scrubDeep(span.attributes) }),
    beforeBreadcrumb: (breadcrumb) => scrubDeep(breadcrumb),
  }
}

/**
 * Starts error tracking in this process if SENTRY_DSN is set (once: later calls return the first
 * answer). Returns whether it is on. Never during `next build`.
 */
export function initErrorTracking(kind: ErrorTrackingProcess): boolean {
  const s = state()
  if (s.started) return s.on
  s.started = true
  if (process.env.NEXT_PHASE === 'phase-production-build') return false
  try {
    const config = env()
    if (!config.SENTRY_DSN) {
      log.debug('SENTRY_DSN is unset: error tracking is off')
      return false
    }
    Sentry.init(serverOptions(config, kind))
    // Every event of a request carries its ID (the same one as its log lines and its response's
    // x-request-id), and a server component error its digest (the browser's "Error reference").
    Sentry.getGlobalScope().addEventProcessor((event, hint) => {
      const requestId = currentRequest()?.requestId
      const tags = { ...event.tags }
      if (requestId && tags.request_id === undefined) tags.request_id = requestId
      const digest = (hint.originalException as { digest?: unknown } | undefined)?.digest
      if (typeof digest === 'string' && tags.digest === undefined) tags.digest = digest.slice(0, 100)
      return { ...event, tags }
    })
    s.on = true
    log.info({ release: releaseName(config), environment: environmentName(config), tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE, process: kind }, 'error tracking is on (Sentry)')
  } catch (err) {
    log.error({ error: err instanceof Error ? err.message : String(err) }, 'error tracking could not start; the app runs without it')
  }
  return s.on
}

export function errorTrackingOn(): boolean {
  return state().on
}

type Tags = Record<string, string | number | undefined>

function capture(err: unknown, tags: Tags): void {
  if (!state().on) return
  try {
    const clean = Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string | number] => entry[1] !== undefined))
    Sentry.captureException(err, { tags: clean })
  } catch (captureErr) {
    log.warn({ error: captureErr instanceof Error ? captureErr.message : String(captureErr) }, 'could not report an error to error tracking')
  }
}

/**
 * A server error answered with `status` (≥ 500: the callers send only those). The request ID
 * comes from the request being handled unless given.
 */
export function reportServerError(err: unknown, context: { status: number; requestId?: string; source: string }): void {
  capture(err, { request_id: context.requestId ?? currentRequest()?.requestId, 'http.status_code': context.status, source: context.source })
}

/** A background job that failed (not an expected retry): its task and job ID, no input. */
export function reportJobFailure(err: unknown, context: { task: string; jobId?: number | string }): void {
  capture(err, { source: 'job', job_task: context.task, job_id: context.jobId })
}

/** Any other failure worth a report (the chat, the runner loop), tagged with where it happened. */
export function reportError(err: unknown, context: { source: string } & Tags): void {
  capture(err, context)
}

/** Waits until queued events are sent (shutdown, end of a script); false when `timeoutMs` ran out. */
export async function flushErrorTracking(timeoutMs = 2_000): Promise<boolean> {
  if (!state().on) return true
  return Sentry.flush(timeoutMs)
}
