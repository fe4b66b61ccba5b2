/**
 * The background-work runner: Payload's jobs queue (emails, texts, scheduled booking emails,
 * editors' scheduled publishes) and
 * the payment work on a clock (src/jobs/payments.ts), with ONE active runner per database.
 * Payload 3.90's Postgres adapter claims jobs without row locks, so two runners could take the
 * same job: every instance may start a runner, but it works only while it holds a session-level
 * Postgres advisory lock on a connection of its own. A crashed instance's connection closes and
 * Postgres frees the lock; a standby tries for it every JOBS_POLL_MS, so the work moves within
 * seconds. On taking the lock it resets jobs a dead runner left `processing` (their handlers are
 * idempotent: each checks what was already done). JOBS_ENABLED=false keeps an app instance out;
 * `npm run jobs` runs a runner on its own (a worker process); `npm run jobs:once` drains once.
 * Must never run a job without holding the lock.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'
import type { Payload } from 'payload'

import { reportError } from '../server/error-tracking'
import { logger } from '../server/logger'
import { chargeDueBalances, expireUnpaidHolds } from './payments'

const log = logger.child({ module: 'jobs' })

/** The advisory lock key of the runner: one per database, whatever the instance. */
export const JOBS_LOCK_KEY = 72_201_001

/**
 * The queue the runner drains: every task is queued on it — ours, and Payload's `schedulePublish`
 * (an editor's scheduled publish of a page or menu item, queued by the admin with `waitUntil`).
 */
export const JOBS_QUEUE = 'default'

/** Jobs taken per run of the queue (Payload runs them concurrently). */
const BATCH = 10

export interface TickResult {
  /** false when another runner held the lock: this one did nothing. */
  ran: boolean
  expired: number
  charged: number
  failed: number
}

async function paymentWork(payload: Payload, now: Date): Promise<Omit<TickResult, 'ran'>> {
  const expired = await expireUnpaidHolds(payload, now)
  const { charged, failed } = await chargeDueBalances(payload, now)
  if (expired + charged + failed > 0) log.info({ expired, charged, failed }, 'payment jobs ran')
  return { expired, charged, failed }
}

/**
 * The payment work once, if no runner holds the lock (it takes the lock for the while): for
 * tests and `jobs:once`. The queue is not touched.
 */
export async function runDueTasks(payload: Payload, now = new Date()): Promise<TickResult> {
  const client = await (payload.db as unknown as PostgresAdapter).pool.connect()
  try {
    const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [JOBS_LOCK_KEY])
    if (!got.rows[0]?.locked) return { ran: false, expired: 0, charged: 0, failed: 0 }
    try {
      return { ran: true, ...(await paymentWork(payload, now)) }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [JOBS_LOCK_KEY])
    }
  } finally {
    client.release()
  }
}

/** Jobs left `processing` are a dead runner's: only the lock holder calls this, so none is live. */
async function resetStaleJobs(client: pg.Client): Promise<number> {
  const reset = await client.query('UPDATE payload_jobs SET processing = false WHERE processing = true AND completed_at IS NULL')
  return reset.rowCount ?? 0
}

/** Runs the queue until nothing is due now; returns how many jobs ran. */
async function drainQueue(payload: Payload, stillOurs: () => boolean): Promise<number> {
  let ran = 0
  for (;;) {
    if (!stillOurs()) return ran
    // Payload's own error logs off: each task logs its failures itself (src/jobs/logged.ts).
    const result = await payload.jobs.run({ limit: BATCH, queue: JOBS_QUEUE, silent: { error: true } })
    const count = Object.keys(result.jobStatus ?? {}).length
    ran += count
    if (count === 0 || result.noJobsRemaining) return ran
  }
}

export interface RunnerOptions {
  databaseUri: string
  pollMs: number
  /** How often the payment work runs. */
  paymentEverySeconds: number
  connectTimeoutMs?: number
  /** Names this runner in logs and in pg_stat_activity. */
  name?: string
}

export interface JobRunner {
  /** Whether this runner holds the lock now. */
  holdsLock(): boolean
  /** Stops: finishes the running batch, releases the lock, closes its connection. */
  stop(): Promise<void>
}

/** Starts a runner loop: standby until it holds the lock, then the active runner. */
export function startJobRunner(payload: Payload, opts: RunnerOptions): JobRunner {
  // One connection of the runner's own, kept open: a standby asks for the lock on it each poll,
  // and once granted the lock lives exactly as long as this connection.
  let client: pg.Client | undefined
  let locked = false
  let broken = false
  let stopped = false
  let lastPaymentRun = 0
  let wake: (() => void) | undefined
  const name = opts.name ?? 'runner'

  const dropConnection = (why: string) => {
    const old = client
    client = undefined
    broken = false
    if (locked) log.warn({ runner: name, why }, 'the jobs lock was lost: this instance is standby again')
    locked = false
    old?.end().catch((err: unknown) => log.debug({ err }, 'closing the broken jobs connection failed'))
  }

  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client({ connectionString: opts.databaseUri, application_name: `myhibachi-jobs-${name}`, connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000 })
    fresh.on('error', (err: Error) => {
      // The server went away or the socket broke: Postgres has freed (or will free) the lock.
      log.warn({ runner: name, error: err.message }, 'the jobs connection failed')
      broken = true
    })
    try {
      await fresh.connect()
    } catch (err) {
      await fresh.end().catch((endErr: unknown) => log.debug({ err: endErr }, 'closing a failed jobs connection failed'))
      throw err
    }
    return fresh
  }

  const stillOurs = () => locked && !broken && !stopped

  /** A statement on the runner's own connection; if it fails, the connection (and any lock on it) is given up. */
  const onOwnConnection = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    client ??= await connect()
    try {
      return await work(client)
    } catch (err) {
      broken = true
      throw err
    }
  }

  const tick = async (): Promise<void> => {
    if (broken) dropConnection('connection error')
    if (!locked) {
      const got = await onOwnConnection((c) => c.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [JOBS_LOCK_KEY]))
      if (!got.rows[0]?.locked) return
      locked = true
      const reset = await onOwnConnection(resetStaleJobs)
      log.info({ runner: name, resetStaleJobs: reset }, 'this instance runs the background jobs')
    } else {
      // A cheap round trip on the lock's own connection proves the lock is still ours.
      await onOwnConnection((c) => c.query('SELECT 1'))
    }
    await drainQueue(payload, stillOurs)
    const now = Date.now()
    if (stillOurs() && now - lastPaymentRun >= opts.paymentEverySeconds * 1000) {
      lastPaymentRun = now
      await paymentWork(payload, new Date(now))
    }
  }

  // A failing tick repeats every poll (a database that is down): reported once until it changes or passes.
  let lastReported: string | undefined
  const loop = (async () => {
    while (!stopped) {
      try {
        await tick()
        lastReported = undefined
      } catch (err) {
        // Only a failure of the runner's own connection means the lock may be gone (then start
        // over as standby); a job's or the Payload pool's error leaves the lock where it is.
        if (broken) dropConnection(err instanceof Error ? err.message : 'error')
        log.error({ runner: name, err }, 'a jobs tick failed; it runs again shortly')
        const message = err instanceof Error ? err.message : String(err)
        if (message !== lastReported) reportError(err, { source: 'jobs-runner', runner: name })
        lastReported = message
      }
      if (stopped) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.pollMs)
        timer.unref()
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
  })()

  log.info({ runner: name, pollMs: opts.pollMs, paymentEverySeconds: opts.paymentEverySeconds }, 'background jobs runner started (works while it holds the lock)')
  return {
    holdsLock: () => stillOurs(),
    stop: async () => {
      stopped = true
      wake?.()
      await loop
      const last = client
      const hadLock = locked
      client = undefined
      locked = false
      if (last) {
        if (hadLock) await last.query('SELECT pg_advisory_unlock($1)', [JOBS_LOCK_KEY]).catch((err: unknown) => log.debug({ err }, 'unlock failed; closing the connection frees it'))
        await last.end().catch((err: unknown) => log.debug({ err }, 'closing the jobs connection failed'))
      }
      log.info({ runner: name, released: hadLock }, 'background jobs runner stopped')
    },
  }
}

/**
 * One pass for `npm run jobs:once`: take the lock (or do nothing), reset stale jobs, drain the
 * queue, run the payment work, release.
 */
export async function runOnce(payload: Payload, databaseUri: string, now = new Date()): Promise<TickResult & { jobs: number }> {
  const client = new pg.Client({ connectionString: databaseUri, application_name: 'myhibachi-jobs-once' })
  await client.connect()
  try {
    const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [JOBS_LOCK_KEY])
    if (!got.rows[0]?.locked) return { ran: false, expired: 0, charged: 0, failed: 0, jobs: 0 }
    await resetStaleJobs(client)
    const jobs = await drainQueue(payload, () => true)
    return { ran: true, jobs, ...(await paymentWork(payload, now)) }
  } finally {
    await client.end()
  }
}
