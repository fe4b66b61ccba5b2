/**
 * Runs the due background work (src/jobs/payments.ts) on a clock. Every app instance may run the
 * loop, but a tick works only while it holds a Postgres advisory lock, so exactly one instance
 * works at a time and a crashed instance's lock is freed with its connection. JOBS_ENABLED=false
 * keeps an instance out; `npm run jobs:once` runs one tick from a shell (or cron).
 * (The messaging issue replaces this with Payload's jobs queue behind the same lock.)
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { logger } from '../server/logger'
import { chargeDueBalances, expireUnpaidHolds } from './payments'

const log = logger.child({ module: 'jobs' })

/** The advisory lock key of the runner: one per database, whatever the instance. */
export const JOBS_LOCK_KEY = 72_201_001

export interface TickResult {
  /** false when another instance held the lock: this one did nothing. */
  ran: boolean
  expired: number
  charged: number
  failed: number
}

export async function runDueTasks(payload: Payload, now = new Date()): Promise<TickResult> {
  const client = await (payload.db as unknown as PostgresAdapter).pool.connect()
  try {
    const got = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [JOBS_LOCK_KEY])
    if (!got.rows[0]?.locked) return { ran: false, expired: 0, charged: 0, failed: 0 }
    try {
      const expired = await expireUnpaidHolds(payload, now)
      const { charged, failed } = await chargeDueBalances(payload, now)
      if (expired + charged + failed > 0) log.info({ expired, charged, failed }, 'payment jobs ran')
      return { ran: true, expired, charged, failed }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [JOBS_LOCK_KEY])
    }
  } finally {
    client.release()
  }
}

/** Starts the loop; the returned function stops it and waits for a running tick. */
export function startJobLoop(payload: Payload, intervalSeconds: number): () => Promise<void> {
  let running: Promise<unknown> | undefined
  const tick = () => {
    if (running) return
    running = runDueTasks(payload)
      .catch((err: unknown) => log.error({ err }, 'the payment jobs tick failed; it runs again next time'))
      .finally(() => {
        running = undefined
      })
  }
  const timer = setInterval(tick, intervalSeconds * 1000)
  timer.unref()
  tick()
  log.info({ everySeconds: intervalSeconds }, 'background jobs on (holds, balances)')
  return async () => {
    clearInterval(timer)
    await running
  }
}
