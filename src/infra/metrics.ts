/**
 * The app's Prometheus metrics: ONE prom-client registry per process, with every metric the app
 * exports. The custom server and each Next bundle load their own copy of this module (and of
 * prom-client), so the registry and the metric objects live in a process singleton
 * (src/server/process-registry.ts): whichever copy asks first makes them, the others use them.
 * Served only by the separate metrics listener (src/server/metrics-server.ts, METRICS_PORT),
 * never by the public server.
 *
 *   observeHttpRequest   the HTTP latency histogram, called once per response by the server
 *   rateLimitRejected    a 429 of a rate-limit policy (src/infra/rate-limit.ts)
 *   countCacheRead       cache hits and misses (src/infra/cache.ts)
 *   webVitals            the browsers' Core Web Vitals (src/endpoints/reports.ts)
 *   exposeMetrics        turns on Node's default metrics and the scrape-time gauges (database
 *                        counts, pool, chat sockets); called by the process that serves /metrics
 *
 * Label values come from fixed sets only — route TEMPLATES (`routeTemplate`), methods, status
 * classes, enum values from the database — never a raw URL, an id, a token, an e-mail or a name:
 * an unbounded label would grow the registry without end, and a raw path would carry manage-link
 * tokens into the scraper's storage.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { logger } from '../server/logger'
import { processSingleton } from '../server/process-registry'
import { withTimeout } from '../server/timeout'
import type { CacheName } from './cache'
import type { RatePolicy } from './rate-limit'
import { normalisePath } from './request-path'

const log = logger.child({ module: 'metrics' })

export const METRIC_PREFIX = 'myhibachi_'

// ---------------------------------------------------------------------------------------------
// Route templates
// ---------------------------------------------------------------------------------------------

/**
 * Collections and globals whose slugs may appear in a route label. Fixed here (infra may not
 * import the collections): a slug not listed becomes `:collection`, so a client cannot mint label
 * values by inventing collections. tests/int/metrics.int.spec.ts checks this list against the
 * running config, so a new collection that is not added here fails there.
 */
export const ROUTE_COLLECTIONS: readonly string[] = [
  'users',
  'customers',
  'bookings',
  'payments',
  'threads',
  'messages',
  'email-templates',
  'menu-items',
  'pages',
  'media',
  'stripe-events',
  'payload-kv',
  'payload-jobs',
  'payload-locked-documents',
  'payload-preferences',
  'payload-migrations',
]
export const ROUTE_GLOBALS: readonly string[] = ['business-settings']

/** Storefront pages, root endpoints and public files that are their own template. */
const EXACT = new Set([
  '/',
  '/book',
  '/menu',
  '/faq',
  '/contact',
  '/policies',
  '/account',
  '/booking/return',
  '/api-docs',
  '/robots.txt',
  '/sitemap.xml',
  '/favicon.ico',
  '/site.webmanifest',
  '/icon.svg',
  '/icon-192.png',
  '/icon-512.png',
  '/icon-maskable-512.png',
  '/apple-touch-icon.png',
  '/og-image.png',
  '/admin',
  '/api/health/live',
  '/api/health/ready',
  '/api/availability',
  '/api/quote',
  '/api/client-errors',
  '/api/vitals',
  '/api/error-tracking',
  '/api/stripe/webhook',
  '/api/twilio/sms',
  '/api/twilio/status',
  '/api/inbound/email',
  '/api/graphql',
  '/api/graphql-playground',
  '/api/access',
  '/api/openapi.json',
  '/api/bookings/return',
  '/api/dashboard',
])

/** Account pages whose last segment is a one-time token. */
const ACCOUNT_TOKEN_PAGES = new Set(['login', 'reset-password', 'verify'])

/** Paths after `/api/<collection>/` that name an operation, not a document. */
const COLLECTION_OPERATIONS = new Set([
  'login',
  'logout',
  'me',
  'refresh-token',
  'forgot-password',
  'reset-password',
  'unlock',
  'first-register',
  'init',
  'access',
  'count',
  'versions',
  'login-link',
  'paste-url',
  'refund',
  'preview',
  // Back office (src/collections/Bookings/endpoints/backoffice, src/endpoints/csvExport.ts).
  'bulk',
  'export.csv',
])

/** Paths after `/api/<collection>/:id/` our endpoints and Payload's answer. */
const DOCUMENT_ACTIONS = new Set(['balance-link', 'anonymise', 'reply', 'retry', 'read', 'duplicate', 'chat/takeover', 'chat/release', 'chef-outcome'])

/** The signed-in account's own routes after `/api/customers/me/` (src/collections/Customers/endpoints/me.ts). */
const ACCOUNT_ROUTES = new Set(['messages', 'export', 'deletion-request'])

/** Actions after `/api/bookings/manage/:token/`. */
const MANAGE_ACTIONS = new Set(['cancel', 'reschedule', 'calendar.ics', 'deposit', 'balance'])

function slugOr(slug: string, known: readonly string[], placeholder: string): string {
  return known.includes(slug) ? slug : placeholder
}

function apiTemplate(segments: string[]): string {
  // segments[0] === 'api'
  const [, first = '', ...rest] = segments
  if (first === 'globals') {
    const global = slugOr(rest[0] ?? '', ROUTE_GLOBALS, ':global')
    if (rest.length === 1) return `/api/globals/${global}`
    if (rest.length === 2 && rest[1] === 'access') return `/api/globals/${global}/access`
    if (rest.length === 2 && rest[1] === 'versions') return `/api/globals/${global}/versions`
    if (rest.length === 3 && rest[1] === 'versions') return `/api/globals/${global}/versions/:id`
    return 'other'
  }
  if (!ROUTE_COLLECTIONS.includes(first)) return 'other'
  const base = `/api/${first}`
  if (rest.length === 0) return base
  if (first === 'bookings' && rest[0] === 'manage' && rest.length >= 2) {
    if (rest.length === 2) return `${base}/manage/:token`
    const action = rest.slice(2).join('/')
    return MANAGE_ACTIONS.has(action) ? `${base}/manage/:token/${action}` : 'other'
  }
  if (first === 'bookings' && rest[0] === 'pay' && rest.length === 2) return `${base}/pay/:token`
  const [head = '', ...tail] = rest
  if (head === 'verify' && tail.length === 1) return `${base}/verify/:token`
  if (head === 'login-link' && tail.length === 1 && tail[0] === 'redeem') return `${base}/login-link/redeem`
  if (head === 'versions' && tail.length === 1) return `${base}/versions/:id`
  if (head === 'file' && tail.length === 1) return `${base}/file/:filename`
  if (head === 'access' && tail.length === 1) return `${base}/access/:id`
  if (head === 'paste-url' && tail.length === 1) return `${base}/paste-url/:id`
  if (head === 'me' && tail.length > 0) {
    if (tail.length === 1 && ACCOUNT_ROUTES.has(tail[0] ?? '')) return `${base}/me/${tail[0]}`
    if (tail.length === 3 && tail[0] === 'bookings' && tail[2] === 'manage-link') return `${base}/me/bookings/:id/manage-link`
    return 'other'
  }
  if (COLLECTION_OPERATIONS.has(head)) return tail.length === 0 ? `${base}/${head}` : 'other'
  // Anything else in this place is a document id (numbers here; a key for payload-preferences).
  if (tail.length === 0) return `${base}/:id`
  const action = tail.join('/')
  return DOCUMENT_ACTIONS.has(action) ? `${base}/:id/${action}` : 'other'
}

function adminTemplate(segments: string[]): string {
  // segments[0] === 'admin'; the admin panel is one catch-all page, so only its main shapes count.
  const [, kind = '', slug = '', ...rest] = segments
  if (kind === 'collections' && slug !== '') {
    const collection = slugOr(slug, ROUTE_COLLECTIONS, ':collection')
    if (rest.length === 0) return `/admin/collections/${collection}`
    if (rest.length === 1) return `/admin/collections/${collection}/:id`
    return `/admin/collections/${collection}/*`
  }
  if (kind === 'globals' && slug !== '') return `/admin/globals/${slugOr(slug, ROUTE_GLOBALS, ':global')}${rest.length === 0 ? '' : '/*'}`
  return '/admin/*'
}

/**
 * The route template of a request-target, for metric labels: `/api/bookings/:id`,
 * `/booking/:token`, `/_next/static/*`, `/book`; `other` for anything the app does not route.
 * Matches the path as Next and Payload route it (`normalisePath`: dots resolved, escapes decoded,
 * lower case, no query). The result is always one of a finite set of strings built from the
 * constants above: no part of the request's own spelling ever reaches it. Never throws.
 */
export function routeTemplate(target: string): string {
  const path = normalisePath(target)
  if (EXACT.has(path)) return path
  const segments = path.split('/').slice(1)
  const [first = '', second = ''] = segments
  switch (first) {
    case '_next':
      if (second === 'static') return '/_next/static/*'
      if (second === 'image' && segments.length === 2) return '/_next/image'
      if (second === 'webpack-hmr' && segments.length === 2) return '/_next/webpack-hmr'
      return '/_next/*'
    case 'images':
    case 'fonts':
      return segments.length > 1 ? `/${first}/*` : 'other'
    case 'booking':
      return segments.length === 2 ? '/booking/:token' : 'other'
    case 'account':
      return segments.length === 3 && ACCOUNT_TOKEN_PAGES.has(second) ? `/account/${second}/:token` : 'other'
    case 'admin':
      return adminTemplate(segments)
    case 'api':
      return apiTemplate(segments)
    default:
      return 'other'
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** The method label: the standard ones as sent, anything else `other`. */
export function methodLabel(method: string | undefined): string {
  const m = (method ?? '').toUpperCase()
  return METHODS.has(m) ? m : 'other'
}

/** `2xx`…`5xx`; `aborted` when the response never finished (the client went away first). */
export function statusClass(status: number, finished: boolean): string {
  if (!finished) return 'aborted'
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other'
}

// ---------------------------------------------------------------------------------------------
// The registry
// ---------------------------------------------------------------------------------------------

/**
 * The parts of a pg Pool the metrics use. Structural, because @payloadcms/db-postgres brings its
 * own copy of @types/pg: its `payload.db.pool` fits this without a cast.
 */
export interface MetricsPool {
  readonly totalCount: number
  readonly idleCount: number
  readonly waitingCount: number
  readonly ending: boolean
  readonly options: { max?: number }
  connect(): Promise<{ query(text: string): Promise<unknown>; release(err?: Error | boolean): void }>
}

/** What the scrape-time gauges read, given by the process that serves the metrics. */
export interface MetricsSources {
  /** A pool to run the scrape-time counts on (the server's own Payload's pool). */
  database?: MetricsPool
  /** Open chat sockets on this instance. */
  chatConnections?: () => number
  /** Bound on the scrape-time database counts (ms). */
  databaseTimeoutMs?: number
}

interface MetricsState {
  registry: Registry
  httpDuration: Histogram<'route' | 'method' | 'status_class'>
  rateLimitRejections: Counter<'policy'>
  cacheHits: Counter<'cache'>
  cacheMisses: Counter<'cache'>
  webVitals: Histogram<'name' | 'rating'>
  /** Every Payload database pool of the process (Next's and the server's own). */
  pools: Set<MetricsPool>
  sources: MetricsSources
  defaultMetrics: boolean
  /** The database snapshot being taken now, shared by the gauges of one scrape. */
  snapshot?: Promise<DatabaseSnapshot | undefined>
}

/** Latency buckets (seconds): static files in milliseconds up to slow server renders. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/**
 * Web vitals: CLS is unitless (0…~1), the others milliseconds; the buckets cover both, with the
 * "good"/"poor" thresholds as edges.
 */
const VITAL_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 50, 100, 200, 500, 800, 1000, 1800, 2500, 3000, 4000, 6000, 10_000, 20_000]

const DEFAULT_DATABASE_TIMEOUT_MS = 2_000

function state(): MetricsState {
  return processSingleton('metrics', (): MetricsState => {
    const registry = new Registry()
    const registers = [registry]
    const self: MetricsState = {
      registry,
      httpDuration: new Histogram({
        name: `${METRIC_PREFIX}http_request_duration_seconds`,
        help: 'Time from request to the end of the response, by route template, method and status class',
        labelNames: ['route', 'method', 'status_class'],
        buckets: HTTP_BUCKETS,
        registers,
      }),
      rateLimitRejections: new Counter({
        name: `${METRIC_PREFIX}rate_limit_rejections_total`,
        help: 'Requests refused (429) by a rate-limit policy',
        labelNames: ['policy'],
        registers,
      }),
      cacheHits: new Counter({ name: `${METRIC_PREFIX}cache_hits_total`, help: 'Cache reads answered from the cache', labelNames: ['cache'], registers }),
      cacheMisses: new Counter({ name: `${METRIC_PREFIX}cache_misses_total`, help: 'Cache reads that had to compute', labelNames: ['cache'], registers }),
      webVitals: new Histogram({
        name: `${METRIC_PREFIX}web_vitals`,
        help: 'Core Web Vitals reported by browsers (CLS unitless, others in ms)',
        labelNames: ['name', 'rating'],
        buckets: VITAL_BUCKETS,
        registers,
      }),
      pools: new Set(),
      sources: {},
      defaultMetrics: false,
    }
    registerScrapeGauges(self)
    return self
  })
}

/** The process's registry (for the metrics listener and tests). */
export function metricsRegistry(): Registry {
  return state().registry
}

/** The exposition text and its content type, as a scrape gets them. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = state()
  return { contentType: registry.contentType, body: await registry.metrics() }
}

/**
 * Turns on what only a process that serves the metrics needs: Node's default metrics (once per
 * process) and the scrape-time gauges' sources. A second call replaces the sources.
 */
export function exposeMetrics(sources: MetricsSources): void {
  const s = state()
  if (!s.defaultMetrics) {
    collectDefaultMetrics({ register: s.registry })
    s.defaultMetrics = true
  }
  s.sources = sources
  if (sources.database) s.pools.add(sources.database)
}

/** A Payload database pool whose connections are counted (called from every Payload's onInit). */
export function trackDatabasePool(pool: MetricsPool): void {
  const { pools } = state()
  // A dev reload replaces Payload and ends its pool: forget ended ones so they are not kept alive.
  for (const p of pools) if (p.ending) pools.delete(p)
  pools.add(pool)
}

/** The HTTP histogram, observed once per response by the public server (src/server.ts). Never throws. */
export function observeHttpRequest(req: IncomingMessage, res: ServerResponse, seconds: number): void {
  const labels = { route: routeTemplate(req.url ?? '/'), method: methodLabel(req.method), status_class: statusClass(res.statusCode, res.writableFinished) }
  state().httpDuration.observe(labels, seconds)
}

export function rateLimitRejected(policy: RatePolicy): void {
  state().rateLimitRejections.inc({ policy })
}

export function countCacheRead(cache: CacheName, hit: boolean): void {
  const s = state()
  ;(hit ? s.cacheHits : s.cacheMisses).inc({ cache })
}

/** Hit and miss counts of one cache in this process. */
export async function cacheCounts(cache: CacheName): Promise<{ hits: number; misses: number }> {
  const s = state()
  const read = async (c: Counter<'cache'>) => (await c.get()).values.find((v) => v.labels.cache === cache)?.value ?? 0
  return { hits: await read(s.cacheHits), misses: await read(s.cacheMisses) }
}

export type VitalName = 'CLS' | 'FCP' | 'INP' | 'LCP' | 'TTFB'
export type VitalRating = 'good' | 'needs-improvement' | 'poor'

export function observeWebVital(name: VitalName, rating: VitalRating, value: number): void {
  state().webVitals.observe({ name, rating }, value)
}

// ---------------------------------------------------------------------------------------------
// Scrape-time gauges
// ---------------------------------------------------------------------------------------------

interface DatabaseSnapshot {
  bookings: { status: string; n: number }[]
  payments: { kind: string; status: string; n: number; cents: number }[]
  jobs: { task: string; state: string; n: number }[]
}

/**
 * The three counts in ONE round trip on one connection, in a read-only transaction whose
 * statement_timeout bounds them on the server too (the client-side bound alone would leave a slow
 * query running). Every booking status appears (enum_range), also with zero bookings. Jobs:
 * `running` is claimed by a runner, `failed` is given up (hasError: no more retries), `scheduled`
 * waits for a future time (reminders), `queued` is due now; finished jobs are deleted.
 */
function snapshotSql(timeoutMs: number): string {
  return `BEGIN READ ONLY;
SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))};
SELECT e.status::text AS status, count(b.id)::int AS n
  FROM unnest(enum_range(NULL::enum_bookings_status)) AS e(status)
  LEFT JOIN bookings b ON b.status = e.status
  GROUP BY e.status;
SELECT kind::text AS kind, coalesce(status::text, 'none') AS status, count(*)::int AS n, coalesce(sum(amount_cents), 0)::float8 AS cents
  FROM payments GROUP BY kind, status;
SELECT coalesce(task_slug::text, 'none') AS task,
       CASE WHEN has_error THEN 'failed'
            WHEN processing THEN 'running'
            WHEN wait_until > now() THEN 'scheduled'
            ELSE 'queued' END AS state,
       count(*)::int AS n
  FROM payload_jobs WHERE completed_at IS NULL GROUP BY 1, 2;
COMMIT;`
}

async function takeSnapshot(pool: MetricsPool, timeoutMs: number): Promise<DatabaseSnapshot> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    // A multi-statement text returns one result per statement (BEGIN, SET, 3 × SELECT, COMMIT).
    const results = (await client.query(snapshotSql(timeoutMs))) as { rows: unknown[] }[]
    return {
      bookings: (results[2]?.rows ?? []) as DatabaseSnapshot['bookings'],
      payments: (results[3]?.rows ?? []) as DatabaseSnapshot['payments'],
      jobs: (results[4]?.rows ?? []) as DatabaseSnapshot['jobs'],
    }
  } catch (err) {
    // The connection may be left inside the failed transaction: it is discarded, not reused.
    broken = err instanceof Error ? err : new Error(String(err))
    throw err
  } finally {
    client.release(broken)
  }
}

/**
 * The database snapshot for the scrape under way: the first gauge to collect starts it, the
 * others wait for the same one. Bounded by the timeout (a pool with no free connection waits
 * too); on failure every database gauge is left empty for this scrape and
 * `myhibachi_metrics_database_up` is 0, so a stale count is never shown as current.
 */
function databaseSnapshot(s: MetricsState): Promise<DatabaseSnapshot | undefined> {
  const pool = s.sources.database
  if (!pool) return Promise.resolve(undefined)
  const timeoutMs = s.sources.databaseTimeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS
  s.snapshot ??= withTimeout(takeSnapshot(pool, timeoutMs), timeoutMs + 500, 'the metrics database counts')
    .catch((err: unknown) => {
      log.warn({ err }, 'metrics: the database counts failed; their gauges are empty this scrape')
      return undefined
    })
    .finally(() => {
      s.snapshot = undefined
    })
  return s.snapshot
}

function registerScrapeGauges(s: MetricsState): void {
  const registers = [s.registry]
  new Gauge({
    name: `${METRIC_PREFIX}bookings`,
    help: 'Bookings by status (counted on scrape)',
    labelNames: ['status'],
    registers,
    async collect() {
      const snap = await databaseSnapshot(s)
      this.reset()
      for (const row of snap?.bookings ?? []) this.set({ status: row.status }, row.n)
    },
  })
  new Gauge({
    name: `${METRIC_PREFIX}payments`,
    help: 'Payment records by kind and status (counted on scrape; status none = recorded without one)',
    labelNames: ['kind', 'status'],
    registers,
    async collect() {
      const snap = await databaseSnapshot(s)
      this.reset()
      for (const row of snap?.payments ?? []) this.set({ kind: row.kind, status: row.status }, row.n)
    },
  })
  new Gauge({
    name: `${METRIC_PREFIX}payments_amount_cents`,
    help: 'Sum of payment record amounts in cents, by kind and status (counted on scrape)',
    labelNames: ['kind', 'status'],
    registers,
    async collect() {
      const snap = await databaseSnapshot(s)
      this.reset()
      for (const row of snap?.payments ?? []) this.set({ kind: row.kind, status: row.status }, Number(row.cents))
    },
  })
  new Gauge({
    name: `${METRIC_PREFIX}jobs`,
    help: 'Unfinished jobs of the queue by task and state: queued (due), scheduled (later), running, failed (given up)',
    labelNames: ['task', 'state'],
    registers,
    async collect() {
      const snap = await databaseSnapshot(s)
      this.reset()
      for (const row of snap?.jobs ?? []) this.set({ task: row.task, state: row.state }, row.n)
    },
  })
  new Gauge({
    name: `${METRIC_PREFIX}metrics_database_up`,
    help: '1 when the scrape-time database counts succeeded, 0 when they failed or timed out',
    registers,
    async collect() {
      if (!s.sources.database) {
        this.reset()
        return
      }
      this.set((await databaseSnapshot(s)) ? 1 : 0)
    },
  })

  // The pools of every Payload in the process (Next's and the server's own), summed.
  const livePools = () => [...s.pools].filter((p) => !p.ending)
  const poolGauge = (name: string, help: string, read: (p: MetricsPool) => number) =>
    new Gauge({
      name: `${METRIC_PREFIX}${name}`,
      help,
      registers,
      collect() {
        for (const p of s.pools) if (p.ending) s.pools.delete(p)
        this.set(livePools().reduce((sum, p) => sum + read(p), 0))
      },
    })
  poolGauge('db_pool_connections_in_use', 'Database connections checked out of the pools', (p) => p.totalCount - p.idleCount)
  poolGauge('db_pool_connections_idle', 'Open database connections waiting in the pools', (p) => p.idleCount)
  poolGauge('db_pool_waiting_requests', 'Queries waiting for a free database connection', (p) => p.waitingCount)
  poolGauge('db_pool_connections_max', 'Most connections the pools may open', (p) => p.options.max ?? 10)

  new Gauge({
    name: `${METRIC_PREFIX}chat_connections`,
    help: 'Open storefront chat WebSockets on this instance',
    registers,
    collect() {
      const count = s.sources.chatConnections
      if (count) this.set(count())
      else this.reset()
    },
  })
}
