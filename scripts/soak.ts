/**
 * `npm run soak`: the production server under steady, bounded, mixed traffic over loopback for
 * SOAK_SECONDS (default 600), watching its memory. Runs on a throw-away database
 * (scripts/with-db.ts --throwaway), builds first if there is no build, seeds, raises the booking
 * capacity and starts `src/server.ts` with rate limits off (scripts/prod-server.ts), with a local
 * SMTP sink so the booking emails the jobs runner sends are delivered.
 *
 * Traffic: one autocannon instance per route, each at a fixed overall rate (≈ 15 requests/s in
 * all: the server, not the machine, is what is measured, and the machine is shared):
 * storefront pages, availability (one cached window and new variants), quotes, bookings (unique
 * emails, spread over dates) and the manage link of a booking it made.
 * Memory: RSS and V8 heap from the server's metrics listener every 10 s. The samples after the
 * warm-up (a tenth of the run, 20–60 s) are split in thirds; start, middle and end are each third's
 * lowest value — the floor the garbage collector comes back to, which is what a leak raises (a
 * single sample swings by a third with the GC's timing). Passes when RSS and heap floors grow at
 * most 10 % from start to end and no request failed or answered 5xx.
 * Writes the `soak` section of BENCHMARKS.md (scripts/bench-report.ts) and exits 1 on a failure.
 */
import os from 'node:os'

import autocannon from 'autocannon'

import { logger } from '../src/server/logger'
import { startSmtpSink } from '../tests/helpers/smtp-sink'
import { writeSection } from './bench-report'
import { bookingPlanner, memorySample, percentile, prepare, raiseCapacity, round1, serverEnv, startServer, stopServer, waitReady, type MemorySample } from './prod-server'

const log = logger.child({ module: 'soak' })
const PORT = Number(process.env.SOAK_PORT ?? 3310)
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600)
const WARMUP_SECONDS = Math.min(60, Math.max(20, Math.round(SECONDS / 10)))
const SAMPLE_EVERY_MS = 10_000
const GROWTH_LIMIT_PERCENT = 10

interface RouteStats {
  name: string
  rate: number
  latencies: number[]
  statuses: Map<number, number>
  errors: number
  timeouts: number
}

interface RouteSpec {
  name: string
  /** Requests per second, over all of this route's connections. */
  rate: number
  connections?: number
  opts: Omit<autocannon.Options, 'url' | 'duration' | 'connections' | 'overallRate'> & { path: string }
}

function drive(base: string, spec: RouteSpec, seconds: number): { stats: RouteStats; done: Promise<void> } {
  const stats: RouteStats = { name: spec.name, rate: spec.rate, latencies: [], statuses: new Map(), errors: 0, timeouts: 0 }
  const done = new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      { ...spec.opts, url: `${base}${spec.opts.path}`, duration: seconds, connections: spec.connections ?? 1, overallRate: spec.rate, timeout: 30 },
      (err, result) => {
        if (err) return reject(err)
        stats.errors = result.errors
        stats.timeouts = result.timeouts
        resolve()
      },
    )
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      stats.latencies.push(ms)
      stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1)
    })
  })
  return { stats, done }
}

/** The lowest RSS and heap of `samples`, and when the window starts. */
const floor = (samples: MemorySample[]) => ({
  atSeconds: samples[0]?.atSeconds ?? 0,
  rssMb: Math.min(...samples.map((s) => s.rssMb)),
  heapUsedMb: Math.min(...samples.map((s) => s.heapUsedMb)),
})

async function main(): Promise<number> {
  const sink = await startSmtpSink()
  const env = serverEnv(PORT, { RATE_LIMIT_ENABLED: 'false', SMTP_URL: sink.url })
  prepare(env)
  const server = startServer(env)
  const samples: MemorySample[] = []
  let sampler: NodeJS.Timeout | undefined
  try {
    await waitReady(server.base)
    await raiseCapacity(server.base)
    const plan = bookingPlanner(`soak-${process.pid}-${Date.now().toString(36)}`)

    // A few bookings first, so the manage route has links from its first request.
    const tokens: string[] = []
    let bookingN = 0
    const book = async () => {
      const res = await fetch(`${server.base}/api/bookings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(plan.booking(++bookingN)) })
      const body = (await res.json()) as { doc?: { manageToken?: string } }
      if (res.status !== 201 || !body.doc?.manageToken) throw new Error(`seeding a booking answered ${res.status}`)
      tokens.push(body.doc.manageToken)
    }
    for (let i = 0; i < 5; i++) await book()

    const from = plan.dateAt(7)
    const to = plan.dateAt(13)
    let variant = 0
    let quoteN = 0
    let manageN = 0
    const json = { 'Content-Type': 'application/json' }
    const routes: RouteSpec[] = [
      { name: 'GET /', rate: 1, opts: { path: '/' } },
      { name: 'GET /menu', rate: 1, opts: { path: '/menu' } },
      { name: 'GET /faq', rate: 1, opts: { path: '/faq' } },
      { name: 'GET /api/availability (cached, 7 days)', rate: 4, connections: 2, opts: { path: `/api/availability?from=${from}&to=${to}` } },
      {
        name: 'GET /api/availability (new variant each)',
        rate: 2,
        opts: {
          path: '/api/availability',
          requests: [
            {
              setupRequest: (req) => {
                variant += 1
                const start = plan.dateAt(variant)
                return { ...req, path: `/api/availability?from=${start}&to=${start}&durationMinutes=${60 + (variant % 420)}` }
              },
            },
          ],
        },
      },
      {
        name: 'POST /api/quote',
        rate: 3,
        connections: 2,
        opts: { path: '/api/quote', method: 'POST', headers: json, requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', body: JSON.stringify(plan.quote(++quoteN)) }) }] },
      },
      {
        name: 'POST /api/bookings',
        rate: 1,
        opts: {
          path: '/api/bookings',
          method: 'POST',
          headers: json,
          requests: [
            {
              setupRequest: (req) => ({ ...req, method: 'POST', body: JSON.stringify(plan.booking(++bookingN)) }),
              onResponse: (status, body) => {
                if (status !== 201) return
                const token = (JSON.parse(body) as { doc?: { manageToken?: string } }).doc?.manageToken
                if (token) tokens.push(token)
              },
            },
          ],
        },
      },
      {
        name: 'GET /api/bookings/manage/:token',
        rate: 1,
        opts: {
          path: '/api/bookings/manage/x',
          requests: [{ setupRequest: (req) => ({ ...req, path: `/api/bookings/manage/${tokens[manageN++ % tokens.length] ?? 'none'}` }) }],
        },
      },
    ]

    const startedAt = Date.now()
    const sample = () => {
      memorySample(server.metricsUrl, Math.round((Date.now() - startedAt) / 1000)).then(
        (s) => {
          samples.push(s)
          log.info(s, 'memory')
        },
        (err: unknown) => log.error({ err }, 'memory sample failed'),
      )
    }
    sample()
    sampler = setInterval(sample, SAMPLE_EVERY_MS)
    log.warn({ seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, requestsPerSecond: routes.reduce((a, r) => a + r.rate, 0) }, 'soak running')
    const runs = routes.map((r) => drive(server.base, r, SECONDS))
    await Promise.all(runs.map((r) => r.done))
    clearInterval(sampler)
    sampler = undefined
    // One last sample at the end of the traffic.
    samples.push(await memorySample(server.metricsUrl, Math.round((Date.now() - startedAt) / 1000)))

    const measured = samples.filter((s) => s.atSeconds >= WARMUP_SECONDS)
    if (measured.length < 6) throw new Error(`only ${measured.length} memory samples after the warm-up: run longer`)
    const third = Math.floor(measured.length / 3)
    const start = floor(measured.slice(0, third))
    const middle = floor(measured.slice(third, measured.length - third))
    const end = floor(measured.slice(measured.length - third))
    const growth = (a: number, b: number) => round1(((b - a) / a) * 100)
    const rssGrowth = growth(start.rssMb, end.rssMb)
    const heapGrowth = growth(start.heapUsedMb, end.heapUsedMb)

    const rows = runs.map(({ stats }) => {
      const sorted = [...stats.latencies].sort((a, b) => a - b)
      const count = (pred: (s: number) => boolean) => [...stats.statuses].filter(([s]) => pred(s)).reduce((a, [, n]) => a + n, 0)
      return {
        name: stats.name,
        rate: stats.rate,
        requests: stats.latencies.length,
        p50: round1(percentile(sorted, 50)),
        p99: round1(percentile(sorted, 99)),
        max: round1(sorted[sorted.length - 1] ?? 0),
        non2xx: count((s) => s < 200 || s >= 300),
        fivexx: count((s) => s >= 500),
        errors: stats.errors,
        statuses: [...stats.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' '),
      }
    })
    const failedRequests = rows.reduce((a, r) => a + r.errors + r.fivexx, 0)
    const memoryOk = rssGrowth <= GROWTH_LIMIT_PERCENT && heapGrowth <= GROWTH_LIMIT_PERCENT
    const pass = memoryOk && failedRequests === 0
    const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**')

    const lines = [
      '## Soak',
      '',
      `Written by \`npm run soak\` (scripts/soak.ts): the production server of the benchmark above (rate limits off), ${SECONDS} s of`,
      `mixed traffic at fixed rates (${routes.reduce((a, r) => a + r.rate, 0)} requests/s in all) over loopback; memory from its metrics`,
      `listener every ${SAMPLE_EVERY_MS / 1000} s; after ${WARMUP_SECONDS} s of warm-up the samples are cut in thirds, and start, middle and end are`,
      `each third's lowest value (the floor the GC returns to: what a leak raises), named by the second its third begins.`,
      `The machine (${os.cpus().length} cores) is shared with other work: latencies are noisy.`,
      '',
      `- Date: ${new Date().toISOString()}, Node ${process.version}; ${samples.length} samples, ${rows.reduce((a, r) => a + r.requests, 0)} responses`,
      `- RSS: ${start.rssMb} MB (from ${start.atSeconds} s) → ${middle.rssMb} MB (from ${middle.atSeconds} s) → ${end.rssMb} MB (from ${end.atSeconds} s): ${rssGrowth >= 0 ? '+' : ''}${rssGrowth} % (${mark(rssGrowth <= GROWTH_LIMIT_PERCENT)}, limit ${GROWTH_LIMIT_PERCENT} %)`,
      `- V8 heap used: ${start.heapUsedMb} MB → ${middle.heapUsedMb} MB → ${end.heapUsedMb} MB: ${heapGrowth >= 0 ? '+' : ''}${heapGrowth} % (${mark(heapGrowth <= GROWTH_LIMIT_PERCENT)})`,
      `- Failed requests (connection errors, timeouts, 5xx): ${failedRequests} (${mark(failedRequests === 0)})`,
      `- Result: ${pass ? 'pass' : '**FAIL**'}`,
      '',
      '| Route | Req/s | Requests | p50 ms | p99 ms | max ms | Non-2xx | Errors | Statuses |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows.map((r) => `| ${r.name} | ${r.rate} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} | ${r.statuses} |`),
      '',
      `Memory every minute (s: RSS MB / heap used MB): ${samples
        .filter((s, i) => i === 0 || i === samples.length - 1 || Math.floor(s.atSeconds / 60) !== Math.floor((samples[i - 1]?.atSeconds ?? 0) / 60))
        .map((s) => `${s.atSeconds}: ${s.rssMb}/${s.heapUsedMb}`)
        .join(', ')}`,
    ]
    writeSection('soak', lines.join('\n'))
    log.warn({ pass, rssGrowth, heapGrowth, failedRequests, delivered: sink.received.length }, `soak ${pass ? 'passed' : 'FAILED'} (BENCHMARKS.md, section soak)`)
    process.stdout.write(`${lines.join('\n')}\n`)
    return pass ? 0 : 1
  } finally {
    if (sampler) clearInterval(sampler)
    const code = await stopServer(server)
    if (code !== 0) log.error({ code }, 'the server did not exit cleanly')
    await sink.close()
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log.fatal({ err }, 'soak failed')
    process.exit(1)
  },
)
