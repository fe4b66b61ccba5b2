/**
 * The metrics listener against the real database: bearer token, the Prometheus exposition with
 * the scrape-time database gauges (bookings, payments, jobs), the pool gauges, Node's default
 * metrics, and the counters and histograms the app feeds (HTTP latency through the server's own
 * code path, rate-limit refusals, cache reads, web vitals). Uses event day 181 (no other file does).
 */
import type { AddressInfo } from 'node:net'

import config from '@payload-config'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { cached, purge } from '../../src/infra/cache'
import { exposeMetrics, observeHttpRequest, renderMetrics, ROUTE_COLLECTIONS, ROUTE_GLOBALS, routeTemplate, type MetricsPool } from '../../src/infra/metrics'
import { consume } from '../../src/infra/rate-limit'
import { createGracefulServer, type GracefulServer } from '../../src/server/graceful-server'
import { logger } from '../../src/server/logger'
import { createMetricsServer, type MetricsServer } from '../../src/server/metrics-server'
import { applySettings, bookingBody, dateAhead, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const log = logger.child({ module: 'metrics-test' })
const TOKEN = `metrics-${runTag()}-0123456789abcdef`
const RUN = runTag()
const JOB_QUEUE = `metrics-${RUN}`

let payload: Payload
let pool: PostgresAdapter['pool']
let metrics: MetricsServer
let metricsUrl: string

function expose(database: MetricsPool | undefined = pool): void {
  exposeMetrics({ database, chatConnections: () => 3, databaseTimeoutMs: 300 })
}

async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${TOKEN}` } })
  expect(res.status).toBe(200)
  return res.text()
}

/** The value of one series of an exposition, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(m[3])
  }
  return undefined
}

beforeAll(async () => {
  payload = await getPayload({ config })
  pool = (payload.db as unknown as PostgresAdapter).pool
  await applySettings(payload, { chefCount: 10 })
  expose()
  metrics = createMetricsServer({ port: 0, host: '127.0.0.1', token: TOKEN, log, render: renderMetrics })
  metricsUrl = `http://127.0.0.1:${await metrics.listen()}/metrics`
})

afterAll(async () => {
  await pool.query('DELETE FROM payload_jobs WHERE queue = $1', [JOB_QUEUE])
  await metrics?.close()
})

describe('the metrics listener', () => {
  it('answers 401 without the bearer token, or with another one', async () => {
    const none = await fetch(metricsUrl)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
    expect(await none.text()).not.toContain('myhibachi_')
    const wrong = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${TOKEN}x` } })
    expect(wrong.status).toBe(401)
    const other = await fetch(metricsUrl.replace('/metrics', '/'), { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(other.status).toBe(404)
  })

  it('serves the Prometheus exposition with its content type, never cached', async () => {
    const res = await fetch(metricsUrl, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toContain('# TYPE myhibachi_bookings gauge')
  })

  it('includes Node’s default metrics', async () => {
    const text = await scrape()
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0)
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge')
  })
})

describe('database gauges, counted on scrape', () => {
  it('counts bookings by status, every status present', async () => {
    const before = await scrape()
    expect(sample(before, 'myhibachi_metrics_database_up')).toBe(1)
    for (const status of ['pending', 'confirmed', 'completed', 'cancelled', 'no_show', 'expired']) {
      expect(sample(before, 'myhibachi_bookings', { status }), status).toBeGreaterThanOrEqual(0)
    }
    const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(181), `metrics-${RUN}@example.com`) })
    expect(res.status).toBe(201)
    const status = res.body.doc.status
    const after = await scrape()
    expect(sample(after, 'myhibachi_bookings', { status })).toBeGreaterThanOrEqual((sample(before, 'myhibachi_bookings', { status }) ?? 0) + 1)
    // Payments are counted from the same snapshot (no payment for this booking yet: only the family is there).
    expect(after).toContain('# TYPE myhibachi_payments gauge')
    expect(after).toContain('# TYPE myhibachi_payments_amount_cents gauge')
  })

  it('counts unfinished jobs by task and state: scheduled, running, failed', async () => {
    const booking = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(181), `metrics-job-${RUN}@example.com`) })
    expect(booking.status).toBe(201)
    const count = (text: string, state: string) => sample(text, 'myhibachi_jobs', { task: 'bookingEmail', state }) ?? 0
    const before = await scrape()
    // On a queue of this file's own, far in the future: no runner takes it.
    const job = await payload.jobs.queue({
      task: 'bookingEmail',
      input: { bookingId: booking.body.doc.id, event: 'thank_you', startsAt: new Date().toISOString() },
      queue: JOB_QUEUE,
      waitUntil: new Date(Date.now() + 365 * 86_400_000),
      overrideAccess: true,
    })
    const scheduled = await scrape()
    expect(count(scheduled, 'scheduled')).toBe(count(before, 'scheduled') + 1)
    await pool.query('UPDATE payload_jobs SET processing = true WHERE id = $1', [job.id])
    const running = await scrape()
    expect(count(running, 'running')).toBe(count(before, 'running') + 1)
    expect(count(running, 'scheduled')).toBe(count(before, 'scheduled'))
    await pool.query('UPDATE payload_jobs SET processing = false, has_error = true WHERE id = $1', [job.id])
    const failed = await scrape()
    expect(count(failed, 'failed')).toBe(count(before, 'failed') + 1)
    expect(count(failed, 'running')).toBe(count(before, 'running'))
  })

  it('reports the database pools: in use, idle, waiting, max', async () => {
    const text = await scrape()
    expect(sample(text, 'myhibachi_db_pool_connections_max')).toBeGreaterThanOrEqual(pool.options.max ?? 1)
    expect(sample(text, 'myhibachi_db_pool_connections_in_use')).toBeGreaterThanOrEqual(0)
    expect(sample(text, 'myhibachi_db_pool_connections_idle')).toBeGreaterThanOrEqual(0)
    expect(sample(text, 'myhibachi_db_pool_waiting_requests')).toBeGreaterThanOrEqual(0)
  })

  it('leaves the database gauges empty (database_up 0) when the counts time out, and still answers', async () => {
    const stuck: MetricsPool = {
      totalCount: 0,
      idleCount: 0,
      waitingCount: 0,
      ending: false,
      options: { max: 1 },
      connect: () => new Promise(() => undefined),
    }
    expose(stuck)
    try {
      const started = Date.now()
      const text = await scrape()
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(sample(text, 'myhibachi_metrics_database_up')).toBe(0)
      expect(sample(text, 'myhibachi_bookings', { status: 'pending' })).toBeUndefined()
      expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0)
    } finally {
      expose()
    }
    expect(sample(await scrape(), 'myhibachi_metrics_database_up')).toBe(1)
  })

  it('labels only collections and globals it knows, and knows every one of the config', () => {
    for (const slug of Object.keys(payload.collections)) expect(ROUTE_COLLECTIONS, slug).toContain(slug)
    for (const global of payload.config.globals) expect(ROUTE_GLOBALS, global.slug).toContain(global.slug)
  })

  it('has a template for every endpoint of the config (a new one is not lumped into other)', () => {
    // Each `:param` filled with a token-like value: the template must name the route without it.
    const fill = (path: string) => path.replace(/:\w+/g, 'Zq9Param12345678901234')
    const paths = [
      ...(payload.config.endpoints || []).map((e) => `/api${e.path}`),
      ...payload.config.collections.flatMap((c) => (c.endpoints || []).map((e) => `/api/${c.slug}${e.path === '/' ? '' : e.path}`)),
      ...payload.config.globals.flatMap((g) => (g.endpoints || []).map((e) => `/api/globals/${g.slug}${e.path === '/' ? '' : e.path}`)),
    ]
    expect(paths.length).toBeGreaterThan(20)
    const unnamed = paths.filter((path) => routeTemplate(fill(path)) === 'other')
    expect(unnamed).toEqual([])
    for (const path of paths) expect(routeTemplate(fill(path)), path).not.toContain('zq9param')
  })
})

describe('what the app counts', () => {
  let graceful: GracefulServer

  beforeAll(async () => {
    // The public server's own wrapper with the hook src/server.ts gives it.
    graceful = createGracefulServer({
      port: 0,
      host: '127.0.0.1',
      shutdownTimeoutMs: 1_000,
      log,
      onRequestEnd: observeHttpRequest,
      handler: (req, res) => {
        res.statusCode = req.url?.startsWith('/api/') ? 404 : 200
        res.end('ok')
      },
    })
    await graceful.listen()
  })

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      graceful.server.close(() => resolve())
      graceful.server.closeAllConnections()
    })
  })

  it('times requests through the server by route template, never by the path as sent', async () => {
    const { port } = graceful.server.address() as AddressInfo
    const secret = `Tk${RUN}ZqWm4Xy8Vb2Nc6Lp0`
    const series = (text: string, route: string, status_class: string) =>
      sample(text, 'myhibachi_http_request_duration_seconds_count', { route, method: 'GET', status_class }) ?? 0
    const before = await scrape()
    for (const path of [`/booking/${secret}`, `/booking/${secret}?ref=mail`, `/api/bookings/${secret}`]) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`)
      await res.text()
    }
    const after = await scrape()
    expect(series(after, '/booking/:token', '2xx')).toBe(series(before, '/booking/:token', '2xx') + 2)
    expect(series(after, '/api/bookings/:id', '4xx')).toBe(series(before, '/api/bookings/:id', '4xx') + 1)
    expect(after).toContain('myhibachi_http_request_duration_seconds_bucket{le="0.005",route="/booking/:token",method="GET",status_class="2xx"}')
    expect(after).not.toContain(secret)
  })

  it('counts rate-limit refusals by policy', async () => {
    const counted = (text: string) => sample(text, 'myhibachi_rate_limit_rejections_total', { policy: 'login-email' }) ?? 0
    const before = await scrape()
    const key = `metrics-${RUN}`
    let refused = 0
    for (let i = 0; i < 15; i += 1) if (!(await consume('login-email', key)).allowed) refused += 1
    expect(refused).toBeGreaterThan(0)
    expect(counted(await scrape())).toBe(counted(before) + refused)
  })

  it('serves the cache hit and miss counters', async () => {
    const value = (text: string, name: string) => sample(text, name, { cache: 'menu' }) ?? 0
    const before = await scrape()
    const entity = `metrics-${RUN}`
    await cached('menu', entity, 'v', async () => 1)
    await cached('menu', entity, 'v', async () => 1)
    await purge('menu', [entity])
    const after = await scrape()
    expect(value(after, 'myhibachi_cache_misses_total')).toBe(value(before, 'myhibachi_cache_misses_total') + 1)
    expect(value(after, 'myhibachi_cache_hits_total')).toBe(value(before, 'myhibachi_cache_hits_total') + 1)
  })

  it('serves the web vitals the browsers report', async () => {
    const count = (text: string) => sample(text, 'myhibachi_web_vitals_count', { name: 'INP', rating: 'good' }) ?? 0
    const before = await scrape()
    const res = await rest('POST', '/vitals', { body: { name: 'INP', value: 120, rating: 'good', id: `v5-${RUN}`, path: '/book' } })
    expect(res.status).toBe(204)
    expect(count(await scrape())).toBe(count(before) + 1)
  })

  it('reports the open chat sockets the chat server counts', async () => {
    expect(sample(await scrape(), 'myhibachi_chat_connections')).toBe(3)
  })
})
