/**
 * `npm run faults`: four fault runs against the production server, whose DATABASE_URI and
 * REDIS_URL go through TCP proxies (tests/helpers/tcp-proxy.ts) that this script cuts, restores
 * and slows — the machine's own Postgres and Redis are never stopped or slowed. Runs on a
 * throw-away database (scripts/with-db.ts --throwaway); migrations and seed use the direct URL.
 *
 * 1. Postgres cut for 3 s under booking load: readiness answers 503 while it is cut and 200 again
 *    within 5 s of the restore; every booking answered 201 exists exactly once, and none that was
 *    refused or failed exists (checked by its unique email with raw SQL); refusals are 503, the
 *    server reports no uncaught exception and its pools get every connection back.
 * 2. Redis cut under storefront load (pages, availability, quotes): no 5xx; the rate limits go on
 *    from this instance's memory (a 429 after the quota, and the app logs the fallback); the
 *    cache keys, deleted while it is cut (Redis restarted empty), are written again and hit
 *    once it is back.
 * 3. A slow database (the proxy holds every answer 2 s): requests that need the database either
 *    succeed or answer 503 — a request waiting for a pool connection gets its 503 within the pool
 *    wait (DB_CONNECT_TIMEOUT_MS, pg-pool's connectionTimeoutMillis) — none answers 500, none goes
 *    unanswered (a request that got a connection is slow, not stuck: every round trip costs 2 s);
 *    with the latency gone the process serves bookings again without a restart.
 * 4. SIGTERM under keep-alive load, behind a simulated load balancer that polls readiness every
 *    250 ms and stops sending new requests to the instance once it answers anything but 200:
 *    0 failed requests. Failed = the request was sent (or the balancer still routed to the
 *    instance) and got no complete answer, or a 5xx. A connection refused after the balancer took
 *    the instance out is what a balancer never sends, so it is counted apart, not as a failure.
 *    The server runs with SHUTDOWN_DRAIN_MS=2000 (longer than the balancer's 250 ms polls, as the
 *    README asks): it serves on with readiness 503 until the balancer has gone. Must exit 0.
 * Each run prints one result line; the `faults` section of BENCHMARKS.md gets the numbers and a
 * pass/fail per check (scripts/bench-report.ts). Exits 1 when any check failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'

import { Redis } from 'ioredis'
import pg from 'pg'

import { logger } from '../src/server/logger'
import { startSmtpSink } from '../tests/helpers/smtp-sink'
import { proxyUrl, type TcpProxy } from '../tests/helpers/tcp-proxy'
import { writeSection } from './bench-report'
import { fakeIp, request, runWorkers, statusSummary, type Outcome, type RequestSpec } from './load-client'
import { bookingPlanner, metricSum, percentile, prepare, raiseCapacity, serverEnv, startServer, stopServer, waitReady, type ProdServer } from './prod-server'

const log = logger.child({ module: 'faults' })
const PORT = Number(process.env.FAULTS_PORT ?? 3320)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const RUN = `${process.pid}${Date.now().toString(36)}`

/**
 * The server's settings the checks depend on, written out so the bounds are explicit: the defaults,
 * but for a small quote limit (the fallback check spends it) and a drain (0 by default).
 */
const SETTINGS = {
  DB_CONNECT_TIMEOUT_MS: 5_000,
  HEALTH_CHECK_TIMEOUT_MS: 1_500,
  RATE_LIMIT_QUOTE: '20/60',
  SHUTDOWN_TIMEOUT_MS: 25_000,
  SHUTDOWN_DRAIN_MS: 2_000,
}

interface Check {
  name: string
  pass: boolean
  detail: string
}

interface RunResult {
  title: string
  summary: string
  checks: Check[]
}

const check = (name: string, pass: boolean, detail: string): Check => ({ name, pass, detail })

/** Connections checked out of the server's pools (its metrics), polled until it is back to `baseline` or 15 s passed. */
async function poolSettles(server: ProdServer, baseline: number): Promise<{ inUse: number; settled: boolean }> {
  let inUse = Infinity
  for (let i = 0; i < 30; i++) {
    inUse = await metricSum(server.metricsUrl, 'myhibachi_db_pool_connections_in_use')
    if (inUse <= baseline) return { inUse, settled: true }
    await sleep(500)
  }
  return { inUse, settled: false }
}

const uncaught = (server: ProdServer, from: number) => server.stderr().slice(from).filter((l) => /uncaughtException|unhandledRejection/.test(l)).length

function json(route: string, method: string, path: string, body: unknown, ip: string): RequestSpec {
  return { route, method, path, body, headers: { 'X-Forwarded-For': ip } }
}

/** Readiness polled every `everyMs` until stopped: [startedAt, endedAt, status (0: no answer)]. */
function pollReadiness(base: string, everyMs: number) {
  const polls: { startedAt: number; endedAt: number; status: number }[] = []
  let on = true
  const done = (async () => {
    while (on) {
      const o = await request(base, { route: 'ready', path: '/api/health/ready' }, { timeoutMs: 10_000 })
      polls.push({ startedAt: o.startedAt, endedAt: o.endedAt, status: o.kind === 'answered' ? o.status : 0 })
      await sleep(everyMs)
    }
  })()
  return {
    polls,
    stop: async () => {
      on = false
      await done
    },
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Postgres restarted under load

async function postgresCut(server: ProdServer, pgProxy: TcpProxy, directDb: string, poolBaseline: number): Promise<RunResult> {
  const plan = bookingPlanner(`faults-pg-${RUN}`)
  const stderrFrom = server.stderr().length
  let on = true
  const ready = pollReadiness(server.base, 200)
  const load = runWorkers(4, () => on, (i) => () => request(server.base, { ...json('POST /api/bookings', 'POST', '/api/bookings', plan.booking(i), fakeIp(i)), id: plan.email(i) }, { timeoutMs: 60_000 }))
  await sleep(4_000)
  pgProxy.cut()
  const cutAt = Date.now()
  await sleep(3_000)
  pgProxy.restore()
  const restoreAt = Date.now()
  await sleep(8_000)
  on = false
  const outcomes = await load
  await ready.stop()

  // Readiness: every poll sent after the cut and answered before the restore is a 503.
  const during = ready.polls.filter((p) => p.startedAt >= cutAt && p.endedAt <= restoreAt)
  const downOk = during.length > 0 && during.every((p) => p.status === 503)
  const firstBack = ready.polls.find((p) => p.startedAt >= restoreAt && p.status === 200)
  const backMs = firstBack ? firstBack.endedAt - restoreAt : Infinity
  const stayed = firstBack ? ready.polls.filter((p) => p.startedAt > firstBack.endedAt).every((p) => p.status === 200) : false

  // Bookings: by their unique emails, straight from the table.
  const db = new pg.Client({ connectionString: directDb, statement_timeout: 10_000 })
  await db.connect()
  const rows = await db.query<{ email: string; n: string }>(`SELECT lower(contact_email) AS email, count(*) AS n FROM bookings WHERE contact_email LIKE $1 GROUP BY 1`, [`faults-pg-${RUN}-%`]).finally(() => db.end())
  const stored = new Map(rows.rows.map((r) => [r.email, Number(r.n)]))
  const createdEmails = new Set(outcomes.filter((o) => o.kind === 'answered' && o.status === 201).map((o) => (o.id ?? '').toLowerCase()))
  const lost = [...createdEmails].filter((e) => (stored.get(e) ?? 0) === 0)
  const doubled = [...stored].filter(([, n]) => n > 1).map(([e]) => e)
  const phantom = [...stored.keys()].filter((e) => !createdEmails.has(e))
  const server5xx = outcomes.filter((o) => o.kind === 'answered' && o.status >= 500 && o.status !== 503)
  const unanswered = outcomes.filter((o) => o.kind !== 'answered')
  const pool = await poolSettles(server, poolBaseline)
  const crashes = uncaught(server, stderrFrom)

  return {
    title: '1. Postgres cut for 3 s under booking load (4 clients)',
    summary: `${outcomes.length} bookings sent: ${statusSummary(outcomes)}; readiness ${during.length} polls during the cut (${[...new Set(during.map((p) => p.status))].join('/')}), 200 again ${Number.isFinite(backMs) ? `${backMs} ms` : 'never'} after the restore`,
    checks: [
      check('readiness 503 while Postgres is cut', downOk, `${during.filter((p) => p.status === 503).length} of ${during.length} polls answered 503`),
      check('readiness 200 within 5 s of the restore, and stays 200', backMs <= 5_000 && stayed, Number.isFinite(backMs) ? `${backMs} ms${stayed ? '' : ', then not 200 again'}` : 'not back'),
      check('no booking answered 201 is lost', lost.length === 0, `${createdEmails.size} answered 201, ${lost.length} of them not stored`),
      check('no booking stored twice', doubled.length === 0, `${doubled.length} emails with more than one booking`),
      check('no booking stored that was not answered 201', phantom.length === 0, `${phantom.length} stored without a 201${phantom.length ? ` (${phantom.slice(0, 3).join(', ')})` : ''}`),
      check('the database outage answers 503, never another 5xx', server5xx.length === 0 && unanswered.length === 0, `${server5xx.length} other 5xx, ${outcomes.filter((o) => o.status === 503).length} × 503, ${unanswered.length} without an answer`),
      check('no uncaught exception in the server', crashes === 0, `${crashes} reported on its stderr`),
      check('no pool connection left checked out', pool.settled, `${pool.inUse} in use afterwards (${poolBaseline} before)`),
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Redis killed under load

async function redisCut(server: ProdServer, redisProxy: TcpProxy, directRedis: string, prefix: string): Promise<RunResult> {
  const plan = bookingPlanner(`faults-redis-${RUN}`)
  const from = plan.dateAt(20)
  const to = plan.dateAt(26)
  const direct = new Redis(directRedis, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await direct.connect()
  try {
    const routes = (i: number): RequestSpec => {
      const ip = fakeIp(100_000 + i)
      switch (i % 6) {
        case 0:
          return { route: 'GET /', path: '/', headers: { 'X-Forwarded-For': ip } }
        case 1:
          return { route: 'GET /menu', path: '/menu', headers: { 'X-Forwarded-For': ip } }
        case 2:
          return { route: 'GET /faq', path: '/faq', headers: { 'X-Forwarded-For': ip } }
        case 3:
          return { route: 'GET /api/availability', path: `/api/availability?from=${from}&to=${to}`, headers: { 'X-Forwarded-For': ip } }
        case 4: {
          const d = plan.dateAt(i)
          return { route: 'GET /api/availability', path: `/api/availability?from=${d}&to=${d}&durationMinutes=${60 + (i % 300)}`, headers: { 'X-Forwarded-For': ip } }
        }
        default:
          return json('POST /api/quote', 'POST', '/api/quote', plan.quote(i), ip)
      }
    }
    let on = true
    const ready = pollReadiness(server.base, 250)
    const load = runWorkers(4, () => on, (i) => () => request(server.base, routes(i), { timeoutMs: 30_000 }))
    await sleep(4_000)
    const logsBefore = server.logs().length
    redisProxy.cut()
    const cutAt = Date.now()
    // Redis "restarted empty": the app's cache keys are gone when it comes back.
    let deleted = 0
    for await (const keys of direct.scanStream({ match: `${prefix}cache:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await direct.del(...keys)
    }
    // The rate limit from this instance's memory: one client address, RATE_LIMIT_QUOTE = 20/60.
    await sleep(500)
    const limited: Outcome[] = []
    for (let i = 0; i < 22; i++) limited.push(await request(server.base, json('POST /api/quote', 'POST', '/api/quote', plan.quote(i), '192.0.2.77')))
    await sleep(Math.max(0, cutAt + 6_000 - Date.now()))
    redisProxy.restore()
    const restoreAt = Date.now()
    await waitReady(server.base, 30_000)
    const readyMs = Date.now() - restoreAt
    await sleep(3_000)
    on = false
    const outcomes = await load
    await ready.stop()

    // Caches rebuild: the same availability window twice, now through Redis again.
    const hitsBefore = await metricSum(server.metricsUrl, 'myhibachi_cache_hits_total', 'cache="availability"')
    const probe = `/api/availability?from=${plan.dateAt(40)}&to=${plan.dateAt(46)}`
    const first = await request(server.base, { route: 'probe', path: probe, headers: { 'X-Forwarded-For': '192.0.2.78' } })
    const second = await request(server.base, { route: 'probe', path: probe, headers: { 'X-Forwarded-For': '192.0.2.78' } })
    const hitsAfter = await metricSum(server.metricsUrl, 'myhibachi_cache_hits_total', 'cache="availability"')
    let keysBack = 0
    for await (const keys of direct.scanStream({ match: `${prefix}cache:*`, count: 500 }) as AsyncIterable<string[]>) keysBack += keys.length

    const duringCut = outcomes.filter((o) => o.startedAt >= cutAt && o.endedAt <= restoreAt)
    const fivexx = outcomes.filter((o) => o.kind !== 'answered' || o.status >= 500)
    const allowed = limited.filter((o) => o.status === 200).length
    const refused429 = limited.filter((o) => o.status === 429)
    const headersOk = limited.every((o) => typeof o.headers.ratelimit === 'string')
    const cutLogs = server.logs().slice(logsBefore).join('\n')
    const loggedFallback = /in-memory|insurance/i.test(cutLogs)
    const readyPolls = ready.polls.filter((p) => p.startedAt >= cutAt + 500 && p.endedAt <= restoreAt)
    const perRoute = [...new Set(outcomes.map((o) => o.route))].map((r) => `${r} ${statusSummary(outcomes.filter((o) => o.route === r))}`).join('; ')

    return {
      title: '2. Redis cut for 6 s under storefront load (4 clients: pages, availability, quotes)',
      summary: `${outcomes.length} requests (${duringCut.length} during the cut): ${perRoute}; readiness 200 again ${readyMs} ms after the restore`,
      checks: [
        check('no 5xx or unanswered request on pages, availability, quotes', fivexx.length === 0, `${fivexx.length} of ${outcomes.length} (${duringCut.length} sent and answered during the cut)`),
        check('readiness reports Redis down (503) while cut', readyPolls.length > 0 && readyPolls.every((p) => p.status === 503), `${readyPolls.filter((p) => p.status === 503).length} of ${readyPolls.length} polls answered 503`),
        check(
          'rate limits fall back to this instance’s memory (quota 20, then 429)',
          allowed === 20 && refused429.length === 2 && headersOk,
          `${allowed} × 200 then ${refused429.length} × 429 from one address, RateLimit headers on ${headersOk ? 'all' : 'not all'}`,
        ),
        check('the fallback is logged', loggedFallback, loggedFallback ? 'warning logged' : 'no line naming the in-memory limiter'),
        check(
          'caches rebuild once Redis is back',
          first.status === 200 && second.status === 200 && hitsAfter > hitsBefore && keysBack > 0,
          `${deleted} cache keys deleted while cut; after: ${keysBack} keys in Redis, ${hitsAfter - hitsBefore} availability hits for the second read`,
        ),
      ],
    }
  } finally {
    direct.disconnect()
  }
}

// ---------------------------------------------------------------------------------------------
// 3. A slow database

async function slowDatabase(server: ProdServer, pgProxy: TcpProxy, tokens: string[], poolBaseline: number): Promise<RunResult> {
  const plan = bookingPlanner(`faults-slow-${RUN}`)
  const stderrFrom = server.stderr().length
  const LATENCY_MS = 2_000
  const routes = (i: number): RequestSpec => {
    const ip = fakeIp(200_000 + i)
    switch (i % 4) {
      case 0:
        return json('POST /api/bookings', 'POST', '/api/bookings', plan.booking(i), ip)
      case 1:
        return { route: 'GET /api/bookings/manage/:token', path: `/api/bookings/manage/${tokens[i % tokens.length] ?? 'none'}`, headers: { 'X-Forwarded-For': ip } }
      case 2: {
        const d = plan.dateAt(i + 50)
        return { route: 'GET /api/availability (uncached)', path: `/api/availability?from=${d}&to=${d}&durationMinutes=${61 + (i % 300)}`, headers: { 'X-Forwarded-For': ip } }
      }
      default:
        return { route: 'GET /api/health/live', path: '/api/health/live', headers: { 'X-Forwarded-For': ip } }
    }
  }
  pgProxy.setLatency(LATENCY_MS)
  const slowAt = Date.now()
  let on = true
  const load = runWorkers(16, () => on, (i) => () => request(server.base, routes(i), { timeoutMs: 120_000 }))
  const readyDuring = await request(server.base, { route: 'ready', path: '/api/health/ready' }, { timeoutMs: 10_000 })
  await sleep(20_000)
  on = false
  pgProxy.setLatency(0)
  const fastAt = Date.now()
  const outcomes = await load
  const drainedMs = Date.now() - fastAt

  // Recovery without a restart.
  let recoveredMs = Infinity
  const recoverStart = Date.now()
  for (let i = 0; i < 60; i++) {
    const o = await request(server.base, { route: 'ready', path: '/api/health/ready' }, { timeoutMs: 10_000 })
    if (o.status === 200) {
      recoveredMs = Date.now() - recoverStart
      break
    }
    await sleep(250)
  }
  const after = await request(server.base, json('POST /api/bookings', 'POST', '/api/bookings', plan.booking(999_999), '192.0.2.90'), { timeoutMs: 30_000 })
  const pool = await poolSettles(server, poolBaseline)
  const crashes = uncaught(server, stderrFrom)

  const needsDb = outcomes.filter((o) => o.route !== 'GET /api/health/live')
  const unanswered = outcomes.filter((o) => o.kind !== 'answered')
  const other5xx = outcomes.filter((o) => o.kind === 'answered' && o.status >= 500 && o.status !== 503)
  const got503 = needsDb.filter((o) => o.status === 503)
  const bound = SETTINGS.DB_CONNECT_TIMEOUT_MS + 2_000
  const slow503 = got503.filter((o) => o.ms > bound)
  const ms503 = got503.map((o) => o.ms).sort((a, b) => a - b)
  const okMs = needsDb.filter((o) => o.status >= 200 && o.status < 300).map((o) => o.ms).sort((a, b) => a - b)
  const live = outcomes.filter((o) => o.route === 'GET /api/health/live').map((o) => o.ms).sort((a, b) => a - b)
  const longest = Math.max(0, ...outcomes.map((o) => o.ms))
  const perRoute = [...new Set(outcomes.map((o) => o.route))].map((r) => `${r} ${statusSummary(outcomes.filter((o) => o.route === r))}`).join('; ')

  return {
    title: `3. Slow database: every answer from Postgres held ${LATENCY_MS} ms for 20 s (16 clients: bookings, manage link, uncached availability, live)`,
    summary: `${outcomes.length} requests: ${perRoute}; 503s in ${percentile(ms503, 50)}–${percentile(ms503, 100)} ms (p50–max), successes p50 ${percentile(okMs, 50)} ms, max ${percentile(okMs, 100)} ms; /api/health/live p99 ${percentile(live, 99)} ms; readiness during: ${readyDuring.status}; last answer ${drainedMs} ms after the latency was removed (slow for ${fastAt - slowAt} ms)`,
    checks: [
      check('every request answered (none hangs)', unanswered.length === 0, `${unanswered.length} unanswered; longest answer ${longest} ms`),
      check('no 5xx other than 503', other5xx.length === 0, `${other5xx.length} (${statusSummary(other5xx)})`),
      check(`pool waits end in 503 within DB_CONNECT_TIMEOUT_MS + 2 s (${bound} ms)`, got503.length > 0 && slow503.length === 0, `${got503.length} × 503, ${slow503.length} slower than the bound`),
      check('readiness 503 while the database is slow', readyDuring.status === 503, `answered ${readyDuring.status} in ${readyDuring.ms} ms`),
      check('recovers without a restart', Number.isFinite(recoveredMs) && after.status === 201, `readiness 200 after ${recoveredMs} ms, then a booking answered ${after.status}`),
      check('no uncaught exception, no pool connection left checked out', crashes === 0 && pool.settled, `${crashes} uncaught; ${pool.inUse} connections in use afterwards (${poolBaseline} before)`),
    ],
  }
}

// ---------------------------------------------------------------------------------------------
// 4. SIGTERM under load

async function sigterm(server: ProdServer): Promise<RunResult> {
  const plan = bookingPlanner(`faults-term-${RUN}`)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
  // The balancer: polls readiness; the first answer other than 200 (or no answer) takes the instance out.
  let routed = true
  let outAt = Infinity
  const lb = (async () => {
    while (routed) {
      const o = await request(server.base, { route: 'ready', path: '/api/health/ready' }, { timeoutMs: 5_000 })
      if (o.status !== 200) {
        routed = false
        outAt = o.endedAt
        return
      }
      await sleep(250)
    }
  })()
  const routes = (i: number): RequestSpec => {
    switch (i % 8) {
      case 0:
        return { route: 'GET /', path: '/' }
      case 1:
        return { route: 'GET /menu', path: '/menu' }
      case 2:
        return json('POST /api/bookings', 'POST', '/api/bookings', plan.booking(i), fakeIp(300_000 + i))
      default:
        return { route: 'GET /api/health/live', path: '/api/health/live' }
    }
  }
  const load = runWorkers(16, () => routed, (i) => () => request(server.base, routes(i), { agent, timeoutMs: 60_000 }))
  await sleep(4_000)
  const termAt = Date.now()
  server.child.kill('SIGTERM')
  const outcomes = await load
  await lb
  const code = await server.exited
  const exitMs = Date.now() - termAt
  agent.destroy()

  const inFlight = outcomes.filter((o) => o.startedAt <= termAt && o.endedAt >= termAt)
  const failed = outcomes.filter((o) => o.kind === 'failed' || o.kind === 'timeout' || (o.kind === 'answered' && o.status >= 500) || (o.kind === 'refused' && o.startedAt < outAt))
  const turnedAway = outcomes.filter((o) => o.kind === 'refused' && o.startedAt >= outAt)
  const after = outcomes.filter((o) => o.startedAt > termAt && o.kind === 'answered')
  return {
    title: `4. SIGTERM under keep-alive load (16 clients: pages, bookings, live) behind a balancer polling readiness every 250 ms`,
    summary: `${outcomes.length} requests: ${statusSummary(outcomes)}; ${inFlight.length} in flight at the SIGTERM; ${after.length} sent after it were answered; the balancer took the instance out ${Number.isFinite(outAt) ? `${outAt - termAt} ms` : 'never'} after the SIGTERM; the process exited ${String(code)} after ${exitMs} ms (SHUTDOWN_DRAIN_MS=${SETTINGS.SHUTDOWN_DRAIN_MS})`,
    checks: [
      check(
        '0 failed requests',
        failed.length === 0,
        `${failed.length} failed (${statusSummary(failed)}${failed.length ? `: ${failed.slice(0, 3).map((o) => `${o.route} sent +${o.startedAt - termAt} ms, failed +${o.endedAt - termAt} ms${o.reusedSocket ? ' on a reused socket' : ''}`).join(', ')}` : ''}); ${turnedAway.length} refused after the balancer had taken the instance out`,
      ),
      check('requests in flight at the SIGTERM complete', inFlight.every((o) => o.kind === 'answered' && o.status < 500), `${inFlight.filter((o) => o.kind === 'answered' && o.status < 500).length} of ${inFlight.length}`),
      check('the process exits 0 within SHUTDOWN_DRAIN_MS + SHUTDOWN_TIMEOUT_MS', code === 0 && exitMs < SETTINGS.SHUTDOWN_DRAIN_MS + SETTINGS.SHUTDOWN_TIMEOUT_MS, `exit ${String(code)} after ${exitMs} ms`),
    ],
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const directDb = process.env.DATABASE_URI
  if (!directDb) throw new Error('DATABASE_URI is unset: run through `npm run faults` (scripts/with-db.ts --throwaway)')
  const directRedis = process.env.REDIS_URL
  const prefix = process.env.REDIS_KEY_PREFIX ?? 'myhibachi:'
  const sink = await startSmtpSink()
  const pgVia = await proxyUrl(directDb, 5432)
  const redisVia = directRedis ? await proxyUrl(directRedis, 6379) : undefined
  const settings = Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)]))
  prepare(serverEnv(PORT, { SMTP_URL: sink.url }))
  const env = serverEnv(PORT, {
    ...settings,
    SMTP_URL: sink.url,
    DATABASE_URI: pgVia.url,
    ...(redisVia ? { REDIS_URL: redisVia.url } : {}),
    RATE_LIMIT_ENABLED: 'true',
    // Every load request names its own client address (X-Forwarded-For), so only the rate-limit
    // check, from one address, meets a limit.
    TRUST_PROXY: '1',
  })
  const server = startServer(env)
  const results: RunResult[] = []
  try {
    await waitReady(server.base)
    await raiseCapacity(server.base)
    const seedPlan = bookingPlanner(`faults-seed-${RUN}`)
    const tokens: string[] = []
    for (let i = 0; i < 8; i++) {
      const o = await request(server.base, json('seed', 'POST', '/api/bookings', seedPlan.booking(i), fakeIp(400_000 + i)))
      const token = (JSON.parse(o.body || '{}') as { doc?: { manageToken?: string } }).doc?.manageToken
      if (o.status !== 201 || !token) throw new Error(`seeding a booking answered ${o.status}: ${o.body.slice(0, 200)}`)
      tokens.push(token)
    }
    // Idle: what the pools hold with no request running (Payload's adapter keeps one client out for good).
    await sleep(1_000)
    const poolBaseline = await metricSum(server.metricsUrl, 'myhibachi_db_pool_connections_in_use')

    const runs: [string, () => Promise<RunResult>][] = [
      ['postgres', () => postgresCut(server, pgVia.proxy, directDb, poolBaseline)],
      ['redis', async () => (redisVia && directRedis ? redisCut(server, redisVia.proxy, directRedis, prefix) : { title: '2. Redis cut', summary: 'skipped: REDIS_URL is unset', checks: [] })],
      ['slow', () => slowDatabase(server, pgVia.proxy, tokens, poolBaseline)],
      ['sigterm', () => sigterm(server)],
    ]
    for (const [name, run] of runs) {
      await waitReady(server.base, 60_000)
      log.warn({ run: name }, 'fault run starting')
      const result = await run()
      results.push(result)
      const line = `${result.checks.every((c) => c.pass) ? 'PASS' : 'FAIL'} ${result.title}: ${result.checks.map((c) => `${c.pass ? '✓' : '✗'} ${c.name} (${c.detail})`).join('; ')}`
      process.stdout.write(`${line}\n  ${result.summary}\n`)
    }
  } finally {
    // The server's own log lines (LOG_LEVEL=warn), for a look after a failure; test-results/ is git-ignored.
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/faults-server.log', `${server.logs().join('\n')}\n`)
    const code = await stopServer(server)
    if (code !== 0 && results.length < 4) log.error({ code }, 'the server did not exit cleanly')
    await pgVia.proxy.close()
    await redisVia?.proxy.close()
    await sink.close()
  }
  const pass = results.length === 4 && results.every((r) => r.checks.every((c) => c.pass))
  const lines = [
    '## Faults',
    '',
    'Written by `npm run faults` (scripts/faults.ts): the production server (rate limits on, one trusted proxy hop, every load',
    'request from its own address) with its DATABASE_URI and REDIS_URL through TCP proxies the script cuts, restores and slows',
    `(the machine's Postgres and Redis keep running). Settings: ${Object.entries(SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')}.`,
    `The machine (${os.cpus().length} cores) is shared with other work: times are noisy.`,
    '',
    `- Date: ${new Date().toISOString()}, Node ${process.version}`,
    `- Result: ${pass ? 'pass' : '**FAIL**'}`,
    '',
    ...results.flatMap((r) => [`### ${r.title}`, '', r.summary, '', '| Check | Result | Numbers |', '| --- | --- | --- |', ...r.checks.map((c) => `| ${c.name} | ${c.pass ? 'pass' : '**FAIL**'} | ${c.detail} |`), '']),
  ]
  writeSection('faults', lines.join('\n'))
  log.warn({ pass }, `faults ${pass ? 'passed' : 'FAILED'} (BENCHMARKS.md, section faults)`)
  return pass ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.fatal({ err }, 'faults failed')
    process.exit(1)
  },
)
