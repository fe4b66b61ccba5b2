/**
 * A booking's emails in the integration tests: they are queued as messages (with a `sendMessage`
 * job each) in the booking's transaction and sent by the jobs runner, which does not run in tests.
 * `sendBookingEmails` sends one booking's queued emails (of one event, when given) through the
 * real queue, and only those (tests/helpers/jobs.ts: never another file's jobs). `scheduledEmails`
 * reads the booking's reminder and thank-you jobs, as the runner would find them.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { BookingEmailEvent } from '../../src/domain'
import type { Message } from '../../src/payload-types'
import { drainJobsOf } from './jobs'

/** The booking's messages (of `event`, when given), oldest first. */
export async function bookingMessages(payload: Payload, bookingId: number, event?: BookingEmailEvent): Promise<Message[]> {
  const found = await payload.find({
    collection: 'messages',
    where: { and: [{ booking: { equals: bookingId } }, ...(event ? [{ event: { equals: event } }] : [])] },
    sort: 'id',
    overrideAccess: true,
    showHiddenFields: true,
    depth: 0,
    limit: 0,
    pagination: false,
  })
  return found.docs
}

/** Sends the booking's queued emails (of `event`) now; returns their message ids. */
export async function sendBookingEmails(payload: Payload, bookingId: number, event?: BookingEmailEvent): Promise<number[]> {
  const ids = (await bookingMessages(payload, bookingId, event)).map((m) => m.id)
  if (ids.length > 0) await drainJobsOf(payload, { messageIds: ids })
  return ids
}

export interface ScheduledEmail {
  jobId: number
  event: BookingEmailEvent
  startsAt: string
  waitUntil: Date | null
}

/** The booking's scheduled emails that have not run (the `bookingEmail` jobs), oldest first. */
export async function scheduledEmails(payload: Payload, bookingId: number): Promise<ScheduledEmail[]> {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  const found = await pool.query<{ id: number; input: { event: BookingEmailEvent; startsAt: string }; wait_until: Date | null }>(
    `SELECT id, input, wait_until FROM payload_jobs WHERE input->>'bookingId' = $1 AND completed_at IS NULL AND task_slug = 'bookingEmail' ORDER BY id`,
    [String(bookingId)],
  )
  return found.rows.map((r) => ({ jobId: r.id, event: r.input.event, startsAt: r.input.startsAt, waitUntil: r.wait_until }))
}

/** Makes the booking's scheduled `event` email due now (time passing, as the runner would see it). */
export async function makeDue(payload: Payload, bookingId: number, event: BookingEmailEvent): Promise<void> {
  const pool = (payload.db as unknown as PostgresAdapter).pool
  await pool.query(`UPDATE payload_jobs SET wait_until = now() - interval '1 second' WHERE input->>'bookingId' = $1 AND input->>'event' = $2 AND completed_at IS NULL`, [String(bookingId), event])
}
