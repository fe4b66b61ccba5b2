/**
 * The emails a booking's life sends (src/domain/messaging/bookingEmails.ts says which and when),
 * written from the staff's templates (src/collections/EmailTemplates) and queued as messages in the
 * customer's thread:
 * - `queueBookingEmailsFor`, from the booking's afterChange hook, in the booking's own transaction
 *   (`req`): "received", "confirmed", "rescheduled" and "cancelled" are queued with their
 *   `sendMessage` job, and the reminder and thank-you are scheduled (`bookingEmail` jobs with
 *   `waitUntil`), moved or dropped. A booking that rolls back sends nothing; nothing is sent
 *   inside the request, so a dead mail server never slows or fails a booking.
 * - `runScheduledBookingEmail`, the `bookingEmail` job: when a reminder or thank-you is due, it
 *   checks the booking still wants it (same start, still confirmed …), then queues the message.
 * - `queueBookingEmail`: one email of one booking, at most once per key
 *   (`bookingEmailKey(booking, event, variant)`): a retry, a second runner or a replayed webhook
 *   finds the message already there and queues nothing.
 * Private links (the manage link on create, a balance link) are sealed beside the message and put
 * in only when it is sent. Must never log an address, a name or a link.
 */
import type { PayloadRequest } from 'payload'

import { bookingEmailKey, MESSAGE_BODY_MAX, normalizePhone, type BookingEmailEvent } from '../../domain'
import {
  instantKey,
  planBookingEmails,
  reminderAt,
  reminderDue,
  scheduledEmailWanted,
  thankYouAt,
  type BookingEmailState,
} from '../../domain/messaging/bookingEmails'
import { loadSettings } from '../../globals/BusinessSettings/load'
import { inTransaction, sql, transactionDb } from '../../infra/db'
import type { Booking } from '../../payload-types'
import { siteOrigin } from '../../server/env'
import { logger } from '../../server/logger'
import { defaultTemplate, templateFor } from '../EmailTemplates/load'
import { bookingEmailValues, renderTemplate, type BookingEmailContext, type RenderedEmail } from '../EmailTemplates/render'
import { queueMessage, type QueuedMessage } from './store'
import type { ThreadOwner } from './threads'

const log = logger.child({ module: 'booking-emails' })

/** The events whose email carries the booking as a calendar invite (.ics), when it is confirmed. */
const INVITE_EVENTS: readonly BookingEmailEvent[] = ['confirmed', 'rescheduled']

export interface BookingEmailOptions {
  /** Tells this email apart from the same event's others (a new start, a new balance link). */
  variant?: string
  manageToken?: string
  balance?: BookingEmailContext['balance']
  previous?: { eventDate: string; startTime: string }
}

function ownerOf(booking: Booking): ThreadOwner | undefined {
  const customer = booking.customer
  const customerId = typeof customer === 'number' ? customer : (customer?.id ?? null)
  if (customerId !== null) return { customerId }
  const phone = normalizePhone(booking.contact.phone)
  return phone ? { phone } : undefined
}

function fits(email: RenderedEmail): boolean {
  return email.text.length <= MESSAGE_BODY_MAX && email.html.length <= 200_000
}

/**
 * The email, rendered. A template that cannot make this booking's email (a value the renderer
 * refuses, a body too long for a message) falls back to the default wording; undefined (logged)
 * when even that fails, so a broken template never fails the booking that sends it.
 */
async function render(req: PayloadRequest, booking: Booking, event: BookingEmailEvent, ctx: BookingEmailContext): Promise<{ email: RenderedEmail; links: Record<string, string> } | undefined> {
  const settings = await loadSettings(req)
  const template = await templateFor(req, event)
  try {
    const { values, links } = bookingEmailValues(booking, settings, ctx)
    const email = renderTemplate(template, values, ctx.origin)
    if (fits(email)) return { email, links }
    log.warn({ bookingId: booking.id, event }, 'the email template makes an email too long to store; the default wording is sent instead')
    return { email: renderTemplate(defaultTemplate(event), values, ctx.origin), links }
  } catch (err) {
    log.error({ bookingId: booking.id, event, err }, 'a booking email could not be written; it was not queued')
    return undefined
  }
}

/**
 * Queues booking `booking`'s `event` email to its contact address, in the caller's transaction,
 * once per key. Undefined when the booking has no one to write to or the email could not be written.
 */
export async function queueBookingEmail(req: PayloadRequest, booking: Booking, event: BookingEmailEvent, opts: BookingEmailOptions = {}): Promise<QueuedMessage | undefined> {
  const owner = ownerOf(booking)
  if (!owner) {
    log.warn({ bookingId: booking.id, event }, 'a booking email has no customer or phone to file it under; it was not queued')
    return undefined
  }
  const rendered = await render(req, booking, event, {
    event,
    origin: siteOrigin(),
    ...(opts.manageToken ? { manageToken: opts.manageToken } : {}),
    ...(opts.balance ? { balance: opts.balance } : {}),
    ...(opts.previous ? { previous: opts.previous } : {}),
  })
  if (!rendered) return undefined
  return queueMessage(req, {
    channel: 'email',
    owner,
    bookingId: booking.id,
    to: booking.contact.email,
    subject: rendered.email.subject,
    body: rendered.email.text,
    html: rendered.email.html,
    links: rendered.links,
    event,
    key: bookingEmailKey(booking.id, event, opts.variant),
    attachInvite: INVITE_EVENTS.includes(event) && booking.status === 'confirmed',
  })
}

/** Drops the booking's scheduled emails that have not run (reminder, thank-you), in the caller's transaction. */
export async function unscheduleBookingEmails(req: PayloadRequest, bookingId: number): Promise<number> {
  const db = await transactionDb(req)
  // A job a runner holds right now is left to finish: it re-checks the booking and sends nothing.
  const deleted = await db.execute(
    sql`DELETE FROM payload_jobs WHERE input->>'bookingId' = ${String(bookingId)} AND completed_at IS NULL AND task_slug = 'bookingEmail' AND processing IS NOT TRUE`,
  )
  return deleted.rowCount ?? 0
}

/** Schedules the reminder (48 h before, unless that has passed) and the thank-you for the booking's start. */
async function scheduleBookingEmails(req: PayloadRequest, booking: Booking, now: Date): Promise<void> {
  if (!booking.startsAt) return
  const settings = await loadSettings(req)
  const startsAt = new Date(booking.startsAt)
  const endsAt = booking.endsAt ? new Date(booking.endsAt) : new Date(startsAt.getTime() + (booking.durationMinutes ?? settings.defaultDurationMinutes) * 60_000)
  const input = { bookingId: booking.id, startsAt: instantKey(booking.startsAt) }
  if (reminderDue(startsAt, now)) {
    await req.payload.jobs.queue({ task: 'bookingEmail', input: { ...input, event: 'reminder' }, waitUntil: reminderAt(startsAt), req })
  }
  await req.payload.jobs.queue({ task: 'bookingEmail', input: { ...input, event: 'thank_you' }, waitUntil: thankYouAt(endsAt, settings.timezone), req })
}

function stateOf(doc: Pick<Booking, 'status' | 'startsAt'>): BookingEmailState {
  return { status: doc.status, startsAt: doc.startsAt ?? null }
}

/**
 * After a booking was created or changed (its afterChange hook, in its transaction): queue what
 * the change sends, and schedule, move or drop the reminder and thank-you. Nothing for a write that
 * says `skipBookingEmails` (the seed's demo bookings).
 */
export async function queueBookingEmailsFor(req: PayloadRequest, change: { operation: 'create' | 'update'; doc: Booking; previousDoc?: Booking | null }): Promise<void> {
  const { doc, previousDoc } = change
  if (req.context.skipBookingEmails === true) return
  const plan = planBookingEmails({ operation: change.operation, before: previousDoc ? stateOf(previousDoc) : null, after: stateOf(doc) })
  if (plan.send.length === 0 && !plan.unschedule && !plan.schedule) return
  // A change is read again: hooks before this one (the refund on cancel) may have changed the
  // booking since `doc`. A create is not (no hook before this one writes on create): `doc` is the
  // row as stored, less the fields the caller may not read (payment internals, changedBy), which
  // no email uses. One read of the whole booking less per create.
  const booking =
    change.operation === 'create'
      ? doc
      : ((await req.payload.findByID({ collection: 'bookings', id: doc.id, depth: 0, overrideAccess: true, disableErrors: true, req })) as Booking | null)
  if (!booking) return
  if (plan.unschedule) await unscheduleBookingEmails(req, booking.id)
  if (plan.schedule) await scheduleBookingEmails(req, booking, new Date())
  const manageToken = change.operation === 'create' ? req.context.manageToken : undefined
  for (const { event, variant } of plan.send) {
    await queueBookingEmail(req, booking, event, {
      ...(variant ? { variant } : {}),
      ...(manageToken ? { manageToken } : {}),
      ...(event === 'rescheduled' && previousDoc ? { previous: { eventDate: previousDoc.eventDate, startTime: previousDoc.startTime } } : {}),
    })
  }
}

/**
 * The `bookingEmail` job: the reminder or thank-you of a booking, if the booking still wants it
 * (src/domain/messaging/bookingEmails.ts), queued with its own `sendMessage` job in one
 * transaction. Idempotent: a second run finds the message by its key. Returns what it did, for the
 * job's output.
 */
export async function runScheduledBookingEmail(req: PayloadRequest, input: { bookingId: number; event: BookingEmailEvent; startsAt: string }): Promise<string> {
  return inTransaction(req, async () => {
    const db = await transactionDb(req)
    // Locked while deciding, so a cancel or move waits for this decision instead of racing it.
    await db.execute(sql`SELECT id FROM bookings WHERE id = ${input.bookingId} FOR UPDATE`)
    const booking = (await req.payload.findByID({ collection: 'bookings', id: input.bookingId, depth: 0, overrideAccess: true, disableErrors: true, req })) as Booking | null
    if (!booking) return 'skipped: the booking is gone'
    if (!scheduledEmailWanted(input.event, stateOf(booking), input.startsAt, new Date())) return `skipped: the booking no longer wants its ${input.event} email`
    const variant = input.event === 'reminder' ? instantKey(input.startsAt) : undefined
    const queued = await queueBookingEmail(req, booking, input.event, variant ? { variant } : {})
    if (!queued) return 'skipped: the email could not be written'
    return queued.created ? `queued message ${queued.id}` : `already queued as message ${queued.id}`
  })
}
