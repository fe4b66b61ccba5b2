/**
 * The production server as `npm run soak` and `npm run faults` run it (the same recipe as
 * scripts/bench.ts): build once if there is no build, migrate and seed the throw-away database
 * scripts/with-db.ts made, start `src/server.ts` with NODE_ENV=production on a loopback port with
 * its metrics listener on the next port, wait for readiness, and raise the booking capacity so
 * that load measures the write path, not "slot full". Plus the small pieces both scripts share:
 * booking bodies with unique emails spread over dates, percentiles, memory samples.
 * Must never listen beyond loopback, and never stop a server it did not start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../src/domain'
import { blackoutDates } from '../src/seed/data'

export const TZ = DEFAULT_SETTINGS.timezone

export interface ProdServer {
  child: ChildProcess
  pid: number
  base: string
  metricsUrl: string
  /** Every JSON log line the server printed (LOG_LEVEL as given), newest last. */
  logs: () => string[]
  /** Every line the server wrote to stderr (also passed on to ours): Next's own error reports. */
  stderr: () => string[]
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${String(r.status)})`)
}

/** The environment of a load-test server on `port` (metrics on port + 1), over `extra`. */
export function serverEnv(port: number, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production' as const,
    PORT: String(port),
    HOST: '127.0.0.1',
    METRICS_PORT: String(port + 1),
    METRICS_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_PRETTY: 'false',
    // A throw-away secret for this local run when none is configured.
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? randomBytes(32).toString('hex'),
    // Production refuses to start without a mail server; bookings queue their emails, and the
    // runner's sends fail against this closed port and are retried later: no mail leaves.
    SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1',
    ...extra,
  }
}

/** Build (when .next/BUILD_ID is missing), migrate and seed, on the database `env` names. */
export function prepare(env: NodeJS.ProcessEnv): void {
  if (!existsSync('.next/BUILD_ID')) run('npm', ['run', 'build'], env)
  run('npx', ['tsx', 'scripts/migrate.ts'], env)
  run('npx', ['tsx', 'scripts/seed.ts'], env)
}

/** Starts `src/server.ts` (Node itself with tsx's loader, so SIGTERM reaches the server directly). */
export function startServer(env: NodeJS.ProcessEnv): ProdServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const collect = (stream: NodeJS.ReadableStream | null, into: string[], echo?: NodeJS.WritableStream) => {
    let partial = ''
    stream?.setEncoding('utf8')
    stream?.on('data', (chunk: string) => {
      echo?.write(chunk)
      partial += chunk
      const parts = partial.split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) {
        if (line.trim() === '') continue
        into.push(line)
        if (into.length > 20_000) into.splice(0, 10_000)
      }
    })
  }
  const lines: string[] = []
  const errLines: string[] = []
  collect(child.stdout, lines)
  collect(child.stderr, errLines, process.stderr)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = Number(env.PORT)
  return {
    child,
    pid: child.pid ?? 0,
    base: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${Number(env.METRICS_PORT)}/metrics`,
    logs: () => lines,
    stderr: () => errLines,
    exited,
  }
}

/**
 * Polls `url` until it answers 2xx; throws after `timeoutMs`, or at the next poll once `gone()`
 * says the server it waits for has exited.
 */
export async function waitForOk(url: string, timeoutMs: number, gone: () => boolean = () => false): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline && !gone()) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} did not answer 2xx ${gone() ? 'before its server exited' : `in ${timeoutMs} ms`}`)
}

/** Polls readiness until it answers 200 (or throws after `timeoutMs`). */
export function waitReady(base: string, timeoutMs = 180_000): Promise<void> {
  return waitForOk(`${base}/api/health/ready`, timeoutMs)
}

/** SIGTERM, then the exit code (SIGKILL after `timeoutMs`, which the caller reports as a failure). */
export async function stopServer(server: ProdServer, timeoutMs = 40_000): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode
  server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs)
  const code = await server.exited
  clearTimeout(timer)
  return code
}

/** The first admin (first-register), then 100 chefs × 50 guests per slot; returns the admin's token. */
export async function raiseCapacity(base: string): Promise<string> {
  const admin = await fetch(`${base}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'load-admin@example.com', password: 'load test password 123' }),
  })
  const token = ((await admin.json()) as { token?: string }).token
  if (!token) throw new Error(`first-register answered ${admin.status} without a token`)
  const settings = await fetch(`${base}/api/globals/business-settings`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ chefCount: 100, guestsPerChef: 50 }),
  })
  if (!settings.ok) throw new Error(`raising the capacity answered ${settings.status}`)
  return token
}

/** Dates and bodies for load: bookable dates from 3 to ~340 days ahead, skipping the seeded blackouts. */
export function bookingPlanner(tag: string) {
  const today = todayInZone(new Date(), TZ)
  const blackouts = new Set(blackoutDates(today).map((d) => d.date))
  const dateAt = (n: number) => {
    let d = addDaysToDate(today, 3 + (n % 330))
    while (blackouts.has(d)) d = addDaysToDate(d, 1)
    return d
  }
  const party = (n: number) => ({
    eventDate: dateAt(n),
    startTime: `${String(11 + (n % 11)).padStart(2, '0')}:00`,
    guests: { adults: 6, children: 2 },
    address: { street: '1 Load St', city: 'New York', state: 'NY', zip: '10001' },
  })
  return {
    today,
    dateAt,
    email: (n: number) => `${tag}-${n}@example.com`,
    quote: (n: number) => party(n),
    booking: (n: number) => ({ ...party(n), contact: { name: 'Load Guest', email: `${tag}-${n}@example.com`, phone: '212-555-0100' } }),
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

export const round1 = (n: number) => Math.round(n * 10) / 10

export interface MemorySample {
  atSeconds: number
  rssMb: number
  heapUsedMb: number
  heapTotalMb: number
}

/** RSS and V8 heap of the server, from its Prometheus listener (prom-client's default metrics). */
export async function memorySample(metricsUrl: string, atSeconds: number): Promise<MemorySample> {
  const text = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) }).then((r) => {
    if (!r.ok) throw new Error(`metrics answered ${r.status}`)
    return r.text()
  })
  const value = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'm').exec(text)
    if (!m) throw new Error(`metric ${name} missing`)
    return Number(m[1]) / 2 ** 20
  }
  return { atSeconds, rssMb: round1(value('process_resident_memory_bytes')), heapUsedMb: round1(value('nodejs_heap_size_used_bytes')), heapTotalMb: round1(value('nodejs_heap_size_total_bytes')) }
}

/** One counter of the server's metrics, summed over the label sets that contain `labels`. */
export async function metricSum(metricsUrl: string, name: string, labels = ''): Promise<number> {
  const text = await fetch(metricsUrl, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text())
  let sum = 0
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? ([0-9.e+]+)`, 'gm'))) {
    if (labels === '' || (m[1] ?? '').includes(labels)) sum += Number(m[2])
  }
  return sum
}
