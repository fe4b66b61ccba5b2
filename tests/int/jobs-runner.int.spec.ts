/**
 * One runner per database, for real: two `npm run jobs` worker processes (scripts/jobs.ts, the
 * same runner the app instances start) on a database of this file's own, sending through a real
 * SMTP server. 100 queued emails are each accepted by the mail server exactly once; killing the
 * worker that holds the advisory lock (SIGKILL, mid-send) hands the work to the other within
 * 10 s, and the email that was in flight when it died is sent once, by the survivor.
 * The kill lands while the mail server is holding every message at the end of DATA (no "250"
 * given yet), so nothing the dead worker had been told was accepted is left unrecorded: an email
 * whose 250 reached a worker is recorded `sent` within milliseconds, before the kill.
 * The figures (time to hand over, emails per second) are printed with the results.
 */
import { spawn, type ChildProcess } from 'node:child_process'

import pg from 'pg'
import { createLocalReq, getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink'
import { createScratchDatabase, rawClientConfig } from '../helpers/sql'

const LOCK_KEY = 72_201_001
const COUNT = 100
const HOLD_AFTER = 40
/** Node's exit code for a module load that never settled (kUnfinishedTopLevelAwait). */
const LOADER_GAVE_UP = 13

let db: { url: string; drop: () => Promise<void> }
let payload: Payload
let sink: SmtpSink
const workers: ChildProcess[] = []
const baseEnv: Record<string, string> = {}
/** The variables this file replaces for its own module graph, put back afterwards. */
const saved: Record<string, string | undefined> = {}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(rawClientConfig(db.url))
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** The pid of the worker whose lock connection holds the runner lock, if any. */
async function lockHolderPid(): Promise<number | undefined> {
  const rows = await sql<{ application_name: string }>(
    `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1 AND a.datname = current_database()`,
    [LOCK_KEY],
  )
  const m = /worker-(\d+)$/.exec(rows[0]?.application_name ?? '')
  return m ? Number(m[1]) : undefined
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Only what a worker needs: nothing another spec file set (a Stripe key, a fake's address) leaks in. */
function workerEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TZ', 'LANG', 'TMPDIR']
  const picked: Record<string, string> = Object.fromEntries(keep.flatMap((k) => (process.env[k] === undefined ? [] : [[k, String(process.env[k])]])))
  return { NODE_ENV: 'test', ...picked, ...baseEnv }
}

function startWorker(): ChildProcess {
  // node itself with the tsx loader (no launcher process): the child's pid is the worker's. Its log
  // (LOG_LEVEL warn: start-up failures) goes to this run's output.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts'], { env: workerEnv(), stdio: ['ignore', 'inherit', 'inherit'] })
  workers.push(child)
  return child
}

beforeAll(async () => {
  db = await createScratchDatabase('runner')
  // Holds every message after the first HOLD_AFTER at the end of DATA, unanswered, until released.
  sink = await startSmtpSink({ holdAfter: HOLD_AFTER })
  Object.assign(baseEnv, {
    DATABASE_URI: db.url,
    SMTP_URL: sink.url,
    JOBS_POLL_MS: '200',
    JOBS_INTERVAL_SECONDS: '3600',
    MESSAGE_RETRY_DELAY_MS: '200',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  })
  // The workers and this file share the scratch database and the signing secret.
  const migrate = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], { env: workerEnv(), stdio: ['ignore', 'ignore', 'inherit'] })
  const code = await new Promise<number | null>((resolve) => migrate.on('exit', resolve))
  if (code !== 0) throw new Error(`migrations on the scratch database failed (exit ${String(code)})`)
  for (const key of Object.keys(baseEnv)) saved[key] = process.env[key]
  Object.assign(process.env, baseEnv)
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  payload = await getPayload({ config })
  baseEnv.PAYLOAD_SECRET = (await import('../../src/server/env')).env().PAYLOAD_SECRET
})

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL')
  await payload?.destroy()
  await sink?.close()
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, key)
    else process.env[key] = value
  }
  // Dropped from the run's own database (DATABASE_URI is back to it), forcing out the workers' connections.
  await db?.drop()
})

describe('the jobs runner on two instances', () => {
  it('sends 100 queued emails exactly once and hands over within 10 s when the lock holder is killed', { timeout: 180_000 }, async () => {
    startWorker()
    startWorker()
    // Both must be up before the test goes on (a worker takes seconds to load on a busy machine):
    // the standby keeps its own connection open, asking for the lock on it.
    let loaderRestarts = 0
    await waitFor('both workers connected', async () => {
      const dead = workers.find((w) => w.exitCode !== null || w.signalCode !== null)
      // Exit code 13 before a worker's own code ran is Node 20's module-hooks thread giving up on
      // a pending TypeScript load (tsx runs there; it reports "never-settle" and the process
      // exits 13, printing nothing): a runtime defect outside this project, seen once in CI and not
      // reproduced here in 62 starts (cold and warm tsx cache, up to 8 at once on 2 cores). Such a worker is started again (at
      // most twice, and said so in the output); any other early exit fails the test at once, with its
      // code (the worker's own start-up failures log a line above and exit 1).
      if (dead && dead.exitCode === LOADER_GAVE_UP && loaderRestarts < 2) {
        loaderRestarts += 1
        process.stdout.write(`\n[jobs-runner] worker ${String(dead.pid)} exited 13 while Node was loading it (module-hooks thread); starting another\n`)
        workers.splice(workers.indexOf(dead), 1)
        startWorker()
        return undefined
      }
      if (dead) throw new Error(`worker ${String(dead.pid)} exited before connecting (code ${String(dead.exitCode)}, signal ${String(dead.signalCode)})`)
      const rows = await sql<{ n: string }>(`SELECT count(DISTINCT application_name) AS n FROM pg_stat_activity WHERE application_name LIKE 'myhibachi-jobs-worker-%' AND datname = current_database()`)
      return Number(rows[0]?.n) === 2 ? true : undefined
    }, 90_000)
    const firstHolder = await waitFor('a worker to take the lock', lockHolderPid, 10_000)
    expect(workers.map((w) => w.pid)).toContain(firstHolder)

    const { queueMessage } = await import('../../src/collections/Messages/store')
    const customer = await payload.create({ collection: 'customers', data: { email: `runner-${Date.now()}@example.com`, name: 'Runner Rita', password: 'correct horse battery staple' }, overrideAccess: true, disableVerificationEmail: true })
    const started = Date.now()
    const ids: number[] = []
    const req = await createLocalReq({}, payload)
    for (let i = 0; i < COUNT; i += 1) {
      ids.push((await queueMessage(req, { channel: 'email', owner: { customerId: customer.id }, to: customer.email, subject: `Batch ${i}`, body: `Email ${i}` })).id)
    }

    // The mail server starts holding after HOLD_AFTER; once something is held, every 250 already
    // given has had time to be recorded; then the lock holder dies mid-send.
    await waitFor('a message held at the mail server', async () => (sink.held() > 0 ? true : undefined), 60_000)
    await new Promise((r) => setTimeout(r, 500))
    const holder = workers.find((w) => w.pid === firstHolder)
    expect(holder).toBeDefined()
    const killedAt = Date.now()
    holder?.kill('SIGKILL')
    await new Promise((r) => holder?.once('exit', r))
    // What the dead worker left in flight is dropped by the mail server when it sees the
    // connections close (never accepted: no 250 was given); only then does holding end.
    await waitFor('the mail server to drop the unanswered messages of the dead worker', async () => (sink.held() === 0 ? true : undefined), 10_000)
    sink.releaseAll()
    const secondHolder = await waitFor('the other worker to take the lock', async () => {
      const pid = await lockHolderPid()
      return pid !== undefined && pid !== firstHolder ? pid : undefined
    }, 10_000)
    const handoverMs = Date.now() - killedAt
    expect(secondHolder).not.toBe(firstHolder)

    await waitFor('every message sent', async () => {
      const rows = await sql<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE id = ANY($1::int[]) AND status = 'sent'`, [ids])
      return Number(rows[0]?.n) === COUNT ? true : undefined
    }, 60_000)
    const elapsedMs = Date.now() - started

    const expectedIds = new Set((await sql<{ provider_id: string }>(`SELECT provider_id FROM messages WHERE id = ANY($1::int[])`, [ids])).map((r) => r.provider_id))
    expect(expectedIds.size).toBe(COUNT)
    const accepted = sink.received.map((m) => m.parsed.messageId ?? '')
    const counts = new Map<string, number>()
    for (const id of accepted) counts.set(id, (counts.get(id) ?? 0) + 1)
    const duplicates = [...counts.entries()].filter(([, n]) => n > 1)
    expect(duplicates).toEqual([])
    expect([...expectedIds].every((id) => counts.get(id) === 1)).toBe(true)
    expect(accepted).toHaveLength(COUNT)
    // Nothing is left for anyone: no unfinished or failed job.
    const left = await sql<{ n: string }>(`SELECT count(*) AS n FROM payload_jobs WHERE completed_at IS NULL`)
    expect(Number(left[0]?.n)).toBe(0)

    // A worker told to stop finishes, releases the lock and exits 0.
    const survivor = workers.find((w) => w.pid === secondHolder)
    const exited = new Promise<number | null>((resolve) => survivor?.once('exit', resolve))
    survivor?.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(await lockHolderPid()).toBeUndefined()

    process.stdout.write(`\n[jobs-runner] ${COUNT} emails, 2 workers, lock holder killed mid-send: each accepted exactly once (${accepted.length} accepted, 0 duplicates); handover ${handoverMs} ms; all sent in ${elapsedMs} ms (${(COUNT / (elapsedMs / 1000)).toFixed(1)} emails/s)\n`)
  })
})
