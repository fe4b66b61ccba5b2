/**
 * What comes in from the providers, as the business says it:
 * - A text from a number we know goes to that customer's thread (the number is compared as digits,
 *   against the customer's own phone and the contact phone of their bookings, however either was
 *   typed; when several customers share it, the one who booked with it most recently). A text from a
 *   number we do not know gets a thread of its own, by number. It is linked to the customer's next
 *   upcoming booking that is still on.
 * - An email goes to the thread of the customer with that address; an address we do not know
 *   becomes a customer (unverified, no password: the same find-or-create a booking uses). It is
 *   linked to the booking its subject names (`#123`) when that booking is theirs, else to the
 *   booking of the email of ours it replies to, else to their next upcoming one.
 * - The same text or email delivered twice (a provider's retry, two deliveries at once) is stored
 *   once: its provider id is claimed under a transaction-scoped advisory lock before the check.
 * - Twilio's delivery reports move a sent text to `delivered` or `failed` (src/infra/sms.ts
 *   statusAfterReport: repeats and late reports change nothing).
 * Everything runs in one transaction per delivery. Must never log a phone number, an address or a
 * message body; callers have authenticated the provider.
 */
import type { PayloadRequest } from 'payload'

import { ACTIVE_STATUSES, type MessageStatus } from '../../domain'
import { inTransaction, sql, transactionDb } from '../../infra/db'
import { describeTwilioError, statusAfterReport } from '../../infra/sms'
import { logger } from '../../server/logger'
import { findOrCreateCustomerByEmail } from '../Customers/findOrCreateByEmail'
import { recordInbound, type QueuedMessage } from './store'

const log = logger.child({ module: 'inbound' })

/** Serialises deliveries of the same provider id until the transaction ends (retries arriving together). */
async function claimProviderId(req: PayloadRequest, providerId: string): Promise<void> {
  const db = await transactionDb(req)
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`inbound:${providerId}`}, 0))`)
}

/** The inbound message already stored under this provider id (a re-delivery), as it was recorded. */
async function alreadyRecorded(req: PayloadRequest, providerId: string): Promise<RecordedInbound | undefined> {
  const db = await transactionDb(req)
  const found = await db.execute<{ id: number; customer_id: number | null; booking_id: number | null }>(
    sql`SELECT id, customer_id, booking_id FROM messages WHERE provider_id = ${providerId} AND direction = 'inbound' ORDER BY id LIMIT 1`,
  )
  const row = found.rows[0]
  return row ? { id: row.id, created: false, customerId: row.customer_id, bookingId: row.booking_id } : undefined
}

/**
 * The digits a stored phone number normalises to, in SQL, the way normalizePhone does it: a
 * 10-digit number not written with `+` is a US number (1 in front); anything else is its digits.
 */
function normalisedDigits(column: ReturnType<typeof sql.raw>) {
  return sql`(CASE WHEN length(regexp_replace(${column}, '\\D', '', 'g')) = 10 AND left(btrim(${column}), 1) <> '+' THEN '1' || regexp_replace(${column}, '\\D', '', 'g') ELSE regexp_replace(${column}, '\\D', '', 'g') END)`
}

/**
 * The customer a phone number (E.164, from normalizePhone) belongs to, or undefined. Candidates are
 * customers whose own phone matches and customers with a booking whose contact phone matches; the
 * one whose matching booking is the most recent wins, then (for matches by profile only) the
 * customer whose details changed last. Anonymised customers are never matched.
 */
export async function customerByPhone(req: PayloadRequest, e164: string): Promise<number | undefined> {
  const digits = e164.replace(/\D/g, '')
  const db = await transactionDb(req)
  const found = await db.execute<{ id: number }>(sql`
    SELECT c.id FROM (
      SELECT b.customer_id AS id, b.created_at AS booked_at FROM bookings b
        WHERE b.customer_id IS NOT NULL AND ${normalisedDigits(sql.raw('b.contact_phone'))} = ${digits}
      UNION ALL
      SELECT c.id, NULL AS booked_at FROM customers c
        WHERE c.phone IS NOT NULL AND ${normalisedDigits(sql.raw('c.phone'))} = ${digits}
    ) candidate
    JOIN customers c ON c.id = candidate.id AND c.anonymised_at IS NULL
    GROUP BY c.id, c.updated_at
    ORDER BY max(candidate.booked_at) DESC NULLS LAST, c.updated_at DESC, c.id DESC
    LIMIT 1`)
  return found.rows[0]?.id
}

/** The customer's next booking that is still on and not over yet, soonest first. */
export async function upcomingBookingOf(req: PayloadRequest, customerId: number, now = new Date()): Promise<number | undefined> {
  const db = await transactionDb(req)
  const statuses = sql.join(
    ACTIVE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )
  const found = await db.execute<{ id: number }>(sql`
    SELECT id FROM bookings
    WHERE customer_id = ${customerId} AND status IN (${statuses}) AND COALESCE(ends_at, starts_at) >= ${now.toISOString()}
    ORDER BY starts_at ASC, id ASC LIMIT 1`)
  return found.rows[0]?.id
}

/** `bookingId` when that booking is the customer's; undefined otherwise (someone else's, or none). */
async function ownBooking(req: PayloadRequest, customerId: number, bookingId: number): Promise<number | undefined> {
  const db = await transactionDb(req)
  const found = await db.execute<{ id: number }>(sql`SELECT id FROM bookings WHERE id = ${bookingId} AND customer_id = ${customerId}`)
  return found.rows[0]?.id
}

/** The booking of an email of ours (by its Message-ID) that this mail replies to, when it is the customer's. */
async function bookingRepliedTo(req: PayloadRequest, customerId: number, messageIds: readonly string[]): Promise<number | undefined> {
  if (messageIds.length === 0) return undefined
  const db = await transactionDb(req)
  const ids = sql.join(
    messageIds.map((id) => sql`${id}`),
    sql`, `,
  )
  const found = await db.execute<{ id: number }>(sql`
    SELECT b.id FROM messages m JOIN bookings b ON b.id = m.booking_id
    WHERE m.provider_id IN (${ids}) AND m.direction = 'outbound' AND m.channel = 'email' AND b.customer_id = ${customerId}
    ORDER BY m.created_at DESC LIMIT 1`)
  return found.rows[0]?.id
}

export interface InboundSms {
  /** Twilio's MessageSid. */
  sid: string
  /** The sender, E.164 (normalizePhone). */
  from: string
  body: string
}

export interface RecordedInbound extends QueuedMessage {
  customerId: number | null
  bookingId: number | null
}

/** Stores an inbound text in its thread, once per MessageSid. */
export async function recordInboundSms(req: PayloadRequest, sms: InboundSms): Promise<RecordedInbound> {
  const recorded = await inTransaction(req, async () => {
    await claimProviderId(req, sms.sid)
    const existing = await alreadyRecorded(req, sms.sid)
    if (existing) return existing
    const customerId = (await customerByPhone(req, sms.from)) ?? null
    const bookingId = customerId === null ? null : ((await upcomingBookingOf(req, customerId)) ?? null)
    const message = await recordInbound(req, {
      channel: 'sms',
      owner: customerId === null ? { phone: sms.from } : { customerId },
      bookingId,
      from: sms.from,
      body: sms.body,
      providerId: sms.sid,
    })
    return { ...message, customerId, bookingId }
  })
  log.info({ messageId: recorded.id, created: recorded.created, knownSender: recorded.customerId !== null, booking: recorded.bookingId }, 'inbound text')
  return recorded
}

export interface InboundEmail {
  /** The sender (lower-case address, display name). */
  from: { address: string; name: string }
  subject: string
  body: string
  /** The Message-ID (or a stand-in derived from the mail when it had none). */
  providerId: string
  /** A booking number named in the subject. */
  bookingReference?: number
  /** The ids this mail replies to (In-Reply-To, References). */
  repliesTo: string[]
}

/** Stores an inbound email in the sender's thread (making the sender a customer if need be), once per Message-ID. */
export async function recordInboundEmail(req: PayloadRequest, mail: InboundEmail): Promise<RecordedInbound> {
  const recorded = await inTransaction(req, async () => {
    await claimProviderId(req, mail.providerId)
    const existing = await alreadyRecorded(req, mail.providerId)
    if (existing) return existing
    const name = mail.from.name || mail.from.address.split('@')[0] || mail.from.address
    const customerId = await findOrCreateCustomerByEmail(req, { email: mail.from.address, name: name.slice(0, 120), phone: '' })
    const bookingId =
      (mail.bookingReference !== undefined ? await ownBooking(req, customerId, mail.bookingReference) : undefined) ??
      (await bookingRepliedTo(req, customerId, mail.repliesTo)) ??
      (await upcomingBookingOf(req, customerId)) ??
      null
    const message = await recordInbound(req, {
      channel: 'email',
      owner: { customerId },
      bookingId,
      from: mail.from.address,
      subject: mail.subject,
      body: mail.body,
      providerId: mail.providerId,
    })
    return { ...message, customerId, bookingId }
  })
  log.info({ messageId: recorded.id, created: recorded.created, booking: recorded.bookingId }, 'inbound email')
  return recorded
}

export interface SmsReport {
  sid: string
  /** Our message id, from the callback URL we gave Twilio (`?message=<id>`). */
  messageId?: number
  /** Twilio's MessageStatus. */
  status: string
  errorCode?: string
}

export type ReportOutcome = 'delivered' | 'failed' | 'unchanged' | 'unknown_message'

/**
 * Applies one Twilio delivery report to the text it is about (found by its SID, locked for the
 * transaction so two reports at once are applied one after the other).
 */
export async function applySmsReport(req: PayloadRequest, report: SmsReport, now = new Date()): Promise<ReportOutcome> {
  const outcome = await inTransaction(req, async (): Promise<ReportOutcome> => {
    const db = await transactionDb(req)
    // By the SID we recorded; or, when the report outran our "sent" write, by the id in the
    // callback URL — only while no SID is recorded for it (a re-queued text keeps its old one).
    const messageId = report.messageId ?? -1
    const found = await db.execute<{ id: number; status: MessageStatus; provider_id: string | null }>(sql`
      SELECT id, status, provider_id FROM messages
      WHERE direction = 'outbound' AND channel = 'sms' AND (provider_id = ${report.sid} OR (id = ${messageId} AND provider_id IS NULL))
      ORDER BY (provider_id IS NOT NULL) DESC, id LIMIT 1 FOR UPDATE`)
    const message = found.rows[0]
    if (!message) return 'unknown_message'
    const unrecorded = message.provider_id === null
    const next = statusAfterReport(message.status, report.status, unrecorded)
    if (!next) return 'unchanged'
    // The system records the provider's report; the webhook has verified Twilio's signature.
    await req.payload.update({
      collection: 'messages',
      id: message.id,
      overrideAccess: true,
      req,
      depth: 0,
      data:
        next === 'delivered'
          ? { status: 'delivered', deliveredAt: now.toISOString(), ...(unrecorded ? { providerId: report.sid, sentAt: now.toISOString() } : {}) }
          : {
              ...(unrecorded ? { providerId: report.sid } : {}),
              status: 'failed',
              failedAt: now.toISOString(),
              error: `Twilio reported the text ${report.status}${report.errorCode ? `: error ${describeTwilioError(report.errorCode)}` : ''}`.slice(0, 1000),
            },
    })
    return next
  })
  log.info({ reported: report.status, errorCode: report.errorCode, outcome }, 'text delivery report')
  return outcome
}
