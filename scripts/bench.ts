/**
 * `npm run bench`: throughput and latency of the production server on this machine, written to
 * BENCHMARKS.md. Runs on a throw-away database (scripts/with-db.ts --throwaway), builds first if
 * there is no build, seeds settings and menu, starts `src/server.ts` in production mode with rate
 * limits off (RATE_LIMIT_ENABLED=false — a load test, not abuse), and drives it with autocannon
 * over loopback only. Each scenario runs a fixed time; percentiles come from every response.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { gzipSync } from 'node:zlib'

import { chromium } from '@playwright/test'
import autocannon from 'autocannon'
import pg from 'pg'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../src/domain'
import { benchChat, chatBenchLines } from './bench-chat'
import { lighthouseLines, lighthousePages, lighthouseReference, type LighthouseRow } from './bench-lighthouse'
import { waitReady } from './prod-server'
import { logger } from '../src/server/logger'
import { blackoutDates } from '../src/seed/data'

const log = logger.child({ module: 'bench' })
const PORT = Number(process.env.BENCH_PORT ?? 3300)
const BASE = `http://127.0.0.1:${PORT}`
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const TZ = DEFAULT_SETTINGS.timezone
/**
 * BENCH_ONLY=create,bare-create (comma-separated scenario keys: live, pages, availability, create,
 * bare-create, dates, race, js, lighthouse, chat) runs just those and prints the table instead of writing BENCHMARKS.md.
 * BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to the server's node.
 */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null
const wanted = (key: string): boolean => ONLY === null || ONLY.has(key)
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)

interface Row {
  name: string
  requests: number
  rps: number
  p50: number
  p95: number
  p99: number
  non2xx: number
}

const round1 = (n: number) => Math.round(n * 10) / 10

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${String(r.status)})`)
}

/** "0.62×": booking create's req/s over the bare Payload create's, from the same run. */
function createRatio(rows: Row[]): string {
  const bare = rows.find((r) => r.name.startsWith('bare Payload create'))?.rps ?? 0
  const booking = rows.find((r) => r.name.startsWith('booking create (POST'))?.rps ?? 0
  return bare > 0 && booking > 0 ? `${(booking / bare).toFixed(2)}×` : '?'
}

/** Cached availability's req/s over the bare route's, from the same run. */
function availabilityRatio(rows: Row[]): string {
  const bare = rows.find((r) => r.name.startsWith('bare route'))?.rps ?? 0
  const cached = rows.find((r) => r.name.startsWith('availability, cached'))?.rps ?? 0
  return bare > 0 && cached > 0 ? `${(cached / bare).toFixed(2)}×` : '?'
}

/** "/ 0.93×, /menu 0.95×, /book 0.9×": each page's req/s over the bare route's, from the same run. */
function pageRatios(rows: Row[]): string {
  const bare = rows.find((r) => r.name.startsWith('bare route'))?.rps ?? 0
  return rows
    .filter((r) => / page, .*\(GET \/[a-z]*\)$/.test(r.name))
    .map((r) => `${/\(GET (\/[a-z]*)\)$/.exec(r.name)?.[1] ?? '?'} ${bare > 0 ? (r.rps / bare).toFixed(2) : '?'}×`)
    .join(', ')
}

/** A storefront booking body for `eventDate` at `startTime` (8 guests: one chef). */
function bookingRequest(eventDate: string, startTime: string, email: string): string {
  return JSON.stringify({
    eventDate,
    startTime,
    guests: { adults: 6, children: 2 },
    address: { street: '1 Bench St', city: 'New York', state: 'NY', zip: '10001' },
    contact: { name: 'Bench Guest', email, phone: '212-555-0100' },
  })
}

/** A booking's start time for request n: the whole hours 11:00–21:00 in turn. */
function hourSlot(n: number): string {
  return `${String(11 + (n % 11)).padStart(2, '0')}:00`
}

const JSON_HEADERS = { 'Content-Type': 'application/json' }

/** One POST /api/bookings outside autocannon. */
function postBooking(body: string): Promise<Response> {
  return fetch(`${BASE}/api/bookings`, { method: 'POST', headers: JSON_HEADERS, body })
}

/** "201×2, 409 slot_full×48": the answers of a burst, by status and the error's reason. */
function tally(answers: { status: number; reason?: string }[]): string {
  const counts = new Map<string, number>()
  for (const a of answers) {
    const key = a.reason ? `${a.status} ${a.reason}` : String(a.status)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([k, n]) => `${k} × ${n}`).join(', ')
}

async function scenario(name: string, opts: Omit<autocannon.Options, 'url' | 'duration' | 'connections'> & { path: string }): Promise<Row> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...opts, url: `${BASE}${opts.path}`, duration: DURATION, connections: CONNECTIONS }, (err, res) => (err ? reject(err) : resolve(res)))
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime))
  })
  latencies.sort((a, b) => a - b)
  const row: Row = {
    name,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: round1(percentile(latencies, 50)),
    p95: round1(percentile(latencies, 95)),
    p99: round1(percentile(latencies, 99)),
    non2xx: result.non2xx,
  }
  log.info(row, 'scenario done')
  return row
}

/** autocannon POSTs to /api/bookings, the n-th (from 1) with the body `bodyFor(n)`. */
function bookingScenario(name: string, bodyFor: (n: number) => string): Promise<Row> {
  let n = 0
  return scenario(name, {
    path: '/api/bookings',
    method: 'POST',
    headers: JSON_HEADERS,
    requests: [{ setupRequest: (req) => ({ ...req, method: 'POST', body: bodyFor((n += 1)) }) }],
  })
}

interface PageWeight {
  path: string
  scripts: number
  rawKb: number
  gzipKb: number
  /** Gzip kB of the scripts the first measured page (the home page) did not load: the page's own code. */
  ownGzipKb: number
}

/** Budget for the booking page's own first-load JavaScript beyond the scripts every page shares (issue: speed). */
const BOOK_OWN_JS_BUDGET_GZIP_KB = 15

/**
 * First-load JavaScript of storefront pages as a browser gets it: every script the page loads
 * until the network is idle (Debian Chromium, cold cache), summed raw and gzip-compressed
 * (level 9, like a CDN would serve it).
 */
async function firstLoadJs(paths: string[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const out: PageWeight[] = []
    let firstPageUrls: Set<string> | undefined
    for (const path of paths) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const loads: Promise<{ url: string; body: Buffer }>[] = []
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script' && res.ok()) loads.push(res.body().then((body) => ({ url: res.url(), body })))
      })
      await page.goto(`${BASE}${path}`, { waitUntil: 'networkidle' })
      const scripts = (await Promise.all(loads)).map((s) => ({ ...s, gz: gzipSync(s.body, { level: 9 }).length }))
      firstPageUrls ??= new Set(scripts.map((s) => s.url))
      const shared = firstPageUrls
      const raw = scripts.reduce((a, s) => a + s.body.length, 0)
      const gz = scripts.reduce((a, s) => a + s.gz, 0)
      const own = scripts.filter((s) => !shared.has(s.url)).reduce((a, s) => a + s.gz, 0)
      out.push({ path, scripts: scripts.length, rawKb: round1(raw / 1024), gzipKb: round1(gz / 1024), ownGzipKb: round1(own / 1024) })
      await context.close()
    }
    log.info({ out }, 'first-load JS measured')
    return out
  } finally {
    await browser.close()
  }
}

async function main(): Promise<void> {
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    PORT: String(PORT),
    RATE_LIMIT_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    // A throw-away secret for this local run when none is configured.
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? randomBytes(32).toString('hex'),
    // Production refuses to start without a mail server; the benchmark sends no email.
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1',
    // The chat part opens 200 windows from this one address.
    CHAT_MAX_CONNECTIONS_PER_IP: '1000',
    CHAT_MESSAGES_PER_MINUTE: '1000',
  }
  if (!existsSync('.next/BUILD_ID')) run('npm', ['run', 'build'], env)
  run('npx', ['tsx', 'scripts/migrate.ts'], env)
  run('npx', ['tsx', 'scripts/seed.ts'], env)

  // Capacity large enough that booking creation measures the write path, not "slot full".
  const startServer = (): ChildProcess => spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'inherit', 'inherit'] })
  let server = startServer()
  try {
    await waitReady(BASE, 120_000)
    const admin = await fetch(`${BASE}/api/users/first-register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'bench-admin@example.com', password: 'bench password 123' }),
    })
    const token = ((await admin.json()) as { token?: string }).token
    await fetch(`${BASE}/api/globals/business-settings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token ?? ''}` },
      body: JSON.stringify({ chefCount: 100, guestsPerChef: 50 }),
    })

    const today = todayInZone(new Date(), TZ)
    // The seeded blackout dates (Christmas, New Year's Day) refuse bookings.
    const blackouts = new Set(blackoutDates(today).map((d) => d.date))
    const from = addDaysToDate(today, 10)
    const to = addDaysToDate(today, 16)
    await fetch(`${BASE}/api/availability?from=${from}&to=${to}`)

    const weights = wanted('js') ? await firstLoadJs(['/', '/menu', '/book']) : []
    const audits: LighthouseRow[] = wanted('lighthouse') ? await lighthousePages(BASE, ['/', '/menu', '/book', '/faq']) : []
    // The framework alone on this host (scripts/lighthouse-reference), served on a port of its own.
    const reference = wanted('lighthouse') ? await lighthouseReference(PORT + 50) : undefined

    const rows: Row[] = []
    if (wanted('live')) rows.push(await scenario('bare route (GET /api/health/live)', { path: '/api/health/live' }))
    // Content pages from the page cache (one render first, so the run measures cached answers).
    if (wanted('pages')) {
      for (const path of ['/', '/menu']) await fetch(`${BASE}${path}`)
      rows.push(await scenario('home page, cached (GET /)', { path: '/' }))
      rows.push(await scenario('menu page, cached (GET /menu)', { path: '/menu' }))
      rows.push(await scenario('booking page, static shell (GET /book)', { path: '/book' }))
    }
    if (wanted('availability')) rows.push(await scenario('availability, cached (7 days)', { path: `/api/availability?from=${from}&to=${to}` }))
    let n = 0
    if (wanted('availability')) {
      rows.push(
        await scenario('availability, uncached (7 days, new variant each request)', {
          path: '/api/availability',
          requests: [
            {
              setupRequest: (req) => {
                n += 1
                const start = addDaysToDate(today, 3 + (n % 300))
                return { ...req, path: `/api/availability?from=${start}&to=${addDaysToDate(start, 6)}&durationMinutes=${60 + (n % 420)}` }
              },
            },
          ],
        }),
      )
    }
    // The yardstick for booking create: Payload's own REST create of a plain document (a draft,
    // inactive menu item: a few scalar fields and its version row; no hook of ours but the menu purge).
    let m = 0
    if (wanted('bare-create')) {
      rows.push(
        await scenario('bare Payload create (POST /api/menu-items, draft)', {
          path: '/api/menu-items?draft=true',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token ?? ''}` },
          requests: [
            {
              setupRequest: (req) => {
                m += 1
                const body = { name: `Bench item ${m}`, category: 'side', priceCents: 500, pricing: 'flat', active: false, _status: 'draft' }
                return { ...req, method: 'POST', body: JSON.stringify(body) }
              },
            },
          ],
        }),
      )
    }
    const notBlackout = (date: string): string => (blackouts.has(date) ? addDaysToDate(date, 1) : date)
    const setChefs = (chefCount: number) =>
      fetch(`${BASE}/api/globals/business-settings`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token ?? ''}` },
        body: JSON.stringify({ chefCount }),
      }).then((r) => {
        if (!r.ok) throw new Error(`setting chefCount ${chefCount} answered ${r.status}`)
      })
    // Per-date locks, shown under load: a transaction holds one date's lock (an open UPDATE that
    // fires the capacity trigger) while 10 connections book two other dates. With one lock for
    // the whole business every one of those would wait behind it and fail on statement_timeout.
    let heldNote = ''
    if (wanted('dates')) {
      const [held, first, second] = [344, 345, 346].map((n) => notBlackout(addDaysToDate(today, n))) as [string, string, string]
      const seed = await postBooking(bookingRequest(held, '12:00', `bench-held-${process.pid}@example.com`))
      if (seed.status !== 201) throw new Error(`the held date's booking answered ${seed.status}`)
      const db = new pg.Client({ connectionString: process.env.DATABASE_URI })
      await db.connect()
      try {
        await db.query('BEGIN')
        const lockedAt = Date.now()
        await db.query('UPDATE bookings SET status = status WHERE event_date = $1', [held])
        rows.push(
          await bookingScenario(`booking create on two dates while a transaction holds a third date's lock`, (n) =>
            bookingRequest(n % 2 ? first : second, hourSlot(n), `bench-dates-${process.pid}-${n}@example.com`),
          ),
        )
        heldNote = `The lock on ${held} was held for ${Math.round((Date.now() - lockedAt) / 1000)} s, the whole scenario.`
      } finally {
        await db.query('ROLLBACK')
        await db.end()
      }
    }
    // The race: 50 bookings for one slot at once, with 2 chefs in the business: the database's
    // capacity trigger lets exactly 2 through.
    let race = ''
    if (wanted('race')) {
      const date = notBlackout(addDaysToDate(today, 347))
      await setChefs(2)
      try {
        const answers = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            postBooking(bookingRequest(date, '18:00', `bench-race-${process.pid}-${i}@example.com`)).then(async (r) => ({
              status: r.status,
              reason: /"reason":"([a-z_]+)"/.exec(await r.text())?.[1],
            })),
          ),
        )
        race = `50 simultaneous bookings for one slot with 2 chefs: ${tally(answers)}.`
        log.info({ race }, 'race done')
      } finally {
        await setChefs(100)
      }
    }
    if (wanted('create')) {
      rows.push(
        await bookingScenario('booking create (POST /api/bookings)', (n) =>
          bookingRequest(notBlackout(addDaysToDate(today, 3 + (n % 340))), hourSlot(n), `bench-${process.pid}-${n}@example.com`),
        ),
      )
    }

    if (ONLY !== null) {
      const table = rows.map((r) => `| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.non2xx} |`).join('\n')
      process.stdout.write(`${table}\nbooking create / bare Payload create: ${createRatio(rows)}\ncached availability / bare route: ${availabilityRatio(rows)}\n${heldNote}\n${race}\n${lighthouseLines(audits, reference).join('\n')}\n`)
      return
    }
    const chat = await benchChat(BASE, async () => {
      const stopping = Date.now()
      const exited = new Promise((r) => server.once('exit', r))
      server.kill('SIGTERM')
      await exited
      server = startServer()
      await waitReady(BASE, 120_000)
      return Date.now() - stopping
    })

    const date = new Date().toISOString()
    const lines = [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (scripts/bench.ts): production build, `src/server.ts`, PostgreSQL',
      `${process.env.REDIS_URL ? 'and Redis' : '(no REDIS_URL: in-process cache)'}, rate limits off, autocannon over loopback,`,
      `${CONNECTIONS} connections, ${DURATION} s per scenario. Latencies in ms from every response.`,
      '',
      `- Date: ${date}`,
      `- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      '',
      '| Scenario | Requests | Req/s | p50 | p95 | p99 | Non-2xx |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.non2xx} |`),
      '',
      `Pages against the bare route, req/s (aim: at least 0.8): ${pageRatios(rows)}.`,
      '',
      `Booking create against the bare Payload create, req/s (aim: at least 0.6): ${createRatio(rows)}.`,
      '',
      `Cached 7-day availability against the bare route, req/s (aim: at least 0.8): ${availabilityRatio(rows)}.`,
      '',
      ...(heldNote ? [heldNote, ''] : []),
      ...(race ? [race, ''] : []),
      '## First-load JavaScript',
      '',
      `Every script a cold Chromium loads for the page until the network is idle, raw and gzip -9; "own" is what`,
      `the page loads beyond the home page's scripts (mostly Next.js and React, shared by every page). Aim for \`/book\`'s own: at most ${BOOK_OWN_JS_BUDGET_GZIP_KB} kB gzip.`,
      "Counted until the network is idle, `/book`'s includes the later booking steps it fetches once the browser is idle after load; its",
      'start-up scripts alone are printed by `npx tsx scripts/page-js.ts` after a build.',
      '',
      '| Page | Scripts | Raw kB | Gzip kB | Own gzip kB |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...weights.map((w) => `| \`${w.path}\` | ${w.scripts} | ${w.rawKb} | ${w.gzipKb} | ${w.ownGzipKb} |`),
      '',
      ...lighthouseLines(audits, reference),
      ...chatBenchLines(chat),
    ]
    // Keeps the marked sections `npm run soak` and `npm run faults` wrote (scripts/bench-report.ts).
    const { keepMarkedSections, readBenchmarks } = await import('./bench-report')
    writeFileSync('BENCHMARKS.md', keepMarkedSections(`${lines.join('\n')}\n`, readBenchmarks()))
    log.info({ file: 'BENCHMARKS.md' }, 'benchmarks written')
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.fatal({ err }, 'bench failed')
    process.exit(1)
  },
)
