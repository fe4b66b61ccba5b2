/**
 * Running this spec file's own queued jobs, and no one else's: integration files share one
 * database and run in parallel, so a test never drains the whole queue (it would send another
 * file's messages through its own mail settings). Jobs are picked by what their input names.
 * The jobs run through Payload's real queue (`payload.jobs.run`), due ones only (waitUntil holds).
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

export interface JobFilter {
  messageIds?: number[]
  bookingIds?: number[]
}

/** Ids of the unfinished jobs whose input names one of these messages or bookings. */
export async function pendingJobIds(payload: Payload, filter: JobFilter): Promise<number[]> {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const found = await pool.query<{ id: number }>(
    `SELECT id FROM payload_jobs WHERE completed_at IS NULL AND has_error IS NOT TRUE
       AND ((input->>'messageId')::int = ANY($1::int[]) OR (input->>'bookingId')::int = ANY($2::int[])) ORDER BY id`,
    [filter.messageIds ?? [], filter.bookingIds ?? []],
  )
  return found.rows.map((r) => r.id)
}

/** Runs the due jobs of these messages/bookings once; returns how many ran. */
export async function runJobsOf(payload: Payload, filter: JobFilter): Promise<number> {
  const ids = await pendingJobIds(payload, filter)
  if (ids.length === 0) return 0
  // As the runner does: the tasks log their own failures.
  const result = await payload.jobs.run({ where: { id: { in: ids } }, limit: ids.length, silent: { error: true } })
  return Object.keys(result.jobStatus ?? {}).length
}

/** Runs them again and again (waiting out backoff) until none is left or `timeoutMs` passes. */
export async function drainJobsOf(payload: Payload, filter: JobFilter, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await pendingJobIds(payload, filter)).length > 0) {
    if (Date.now() > deadline) throw new Error(`jobs still pending after ${timeoutMs} ms: ${JSON.stringify(filter)}`)
    if ((await runJobsOf(payload, filter)) === 0) await new Promise((r) => setTimeout(r, 25))
  }
}
