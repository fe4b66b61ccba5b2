/**
 * Sending one queued message (the `sendMessage` job, src/jobs/sendMessage.ts): email through
 * Payload's email adapter (SMTP, or the dev outbox), SMS through Twilio. Idempotent: a message
 * that is no longer `queued` is left alone, so a job that runs twice (a retry, a runner that took
 * over from a dead one) never sends twice what was recorded as sent. Each attempt is counted on
 * the message before it is made; a failure keeps the error for staff and is retried with backoff
 * until MESSAGE_SEND_ATTEMPTS, then the message is `failed` (or at once, for a refusal a retry
 * cannot change: an SMTP 5xx, a number Twilio rejects). Staff can retry a failed one by hand.
 * Each write here commits on its own, never in the job's transaction, so an attempt is recorded
 * even when the job fails. The Message-ID is fixed per message, so a receiver can tell a resend.
 * Must never log a recipient, subject or body.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { afterFailedAttempt, calendarFile, maskLinks, relationId, revealLinks } from '../../domain'
import { loadSettings } from '../../globals/BusinessSettings/load'
import { sql } from '../../infra/db'
import { SmsError, sendSms } from '../../infra/sms'
import { env, siteOrigin } from '../../server/env'
import { logger } from '../../server/logger'
import { unseal } from '../../server/sealed'
import type { Message } from '../../payload-types'
import { MESSAGE_LINKS_PURPOSE } from './store'

const log = logger.child({ module: 'messages' })

export type DeliveryOutcome = 'sent' | 'failed' | 'skipped'

/** Thrown to the job runner when an attempt failed and another will follow (its backoff decides when). */
export class RetryLater extends Error {
  override name = 'RetryLater'
}

interface Failure {
  text: string
  permanent: boolean
}

function describeFailure(err: unknown): Failure {
  if (err instanceof SmsError) return { text: err.message, permanent: !err.retryable }
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown }
    const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined
    const reply = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'unknown error'
    const code = typeof e.code === 'string' ? e.code : undefined
    const text = `${responseCode ? `SMTP ${responseCode}` : (code ?? 'Error')}: ${reply}`.slice(0, 1000)
    // 5xx from the mail server is a refusal (bad address, rejected content): retrying is noise.
    return { text, permanent: responseCode !== undefined && responseCode >= 500 }
  }
  return { text: String(err).slice(0, 1000), permanent: false }
}

function linksOf(message: Message): Record<string, string> {
  if (!message.sealedLinks) return {}
  const opened = unseal(MESSAGE_LINKS_PURPOSE, message.sealedLinks)
  if (opened === undefined) return {}
  const parsed: unknown = JSON.parse(opened)
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
}

function messageIdFor(message: Message): string {
  const domain = env().EMAIL_FROM.address.split('@')[1] ?? 'myhibachi.local'
  return `<message-${message.id}-${new Date(message.createdAt).getTime()}@${domain}>`
}

/** The booking as an iCalendar attachment, for a message that asks for one. */
async function inviteFor(req: PayloadRequest, bookingId: number, links: Record<string, string>): Promise<{ filename: string; content: string; contentType: string } | undefined> {
  const booking = await req.payload.findByID({ collection: 'bookings', id: bookingId, depth: 0, overrideAccess: true, disableErrors: true, req })
  if (!booking) return undefined
  const settings = await loadSettings(req)
  const site = siteOrigin()
  const content = calendarFile(
    {
      id: booking.id,
      status: booking.status,
      eventDate: booking.eventDate,
      startsAt: new Date(booking.startsAt ?? ''),
      durationMinutes: booking.durationMinutes ?? 120,
      guests: { adults: booking.guests?.adults ?? 0, children: booking.guests?.children ?? 0 },
      address: { street: booking.address.street, city: booking.address.city, state: booking.address.state, zip: booking.address.zip },
      createdAt: new Date(booking.createdAt),
      updatedAt: new Date(booking.updatedAt),
    },
    { businessName: settings.businessName, siteUrl: site, manageUrl: links.manage ?? `${site}/account` },
  )
  return { filename: 'hibachi-booking.ics', content, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }
}

async function deliver(req: PayloadRequest, message: Message): Promise<string> {
  const links = linksOf(message)
  if (!message.to) throw new Error('the message has no recipient')
  if (message.channel === 'sms') {
    // The callback names our message, so a delivery report that arrives before we record the SID still finds it.
    const sent = await sendSms(message.to, revealLinks(message.body, links, 'text'), `${siteOrigin()}/api/twilio/status?message=${message.id}`)
    return sent.sid
  }
  if (message.channel !== 'email') throw new Error(`a ${message.channel} message is not sent by a provider`)
  const bookingId = relationId(message.booking)
  const invite = message.attachInvite && bookingId !== null ? await inviteFor(req, bookingId, links) : undefined
  const messageId = messageIdFor(message)
  await req.payload.sendEmail({
    to: message.to,
    subject: message.subject ?? '',
    text: revealLinks(message.body, links, 'text'),
    ...(message.html ? { html: revealLinks(message.html, links, 'html') } : {}),
    messageId,
    ...(invite ? { icalEvent: { method: 'PUBLISH', filename: invite.filename, content: invite.content } } : {}),
  })
  return messageId
}

/**
 * The send is recorded in one statement that never downgrades: a delivery report may already have
 * moved the message on (to delivered or failed) in the milliseconds since the provider answered.
 */
async function recordSent(payload: Payload, id: number, providerId: string): Promise<void> {
  const db = (payload.db as unknown as PostgresAdapter).drizzle
  await db.execute(sql`
    UPDATE messages SET
      status = CASE WHEN status = 'queued' THEN 'sent'::enum_messages_status ELSE status END,
      sent_at = COALESCE(sent_at, now()),
      provider_id = CASE WHEN status = 'queued' THEN ${providerId} ELSE COALESCE(provider_id, ${providerId}) END,
      error = CASE WHEN status = 'queued' THEN NULL ELSE error END,
      updated_at = now()
    WHERE id = ${id}`)
}

/**
 * One attempt at sending message `id`. Returns what happened, or throws RetryLater when the
 * attempt failed and another is due (the caller's job retries with backoff).
 */
export async function sendQueuedMessage(payload: Payload, req: PayloadRequest, id: number, now = new Date()): Promise<DeliveryOutcome> {
  const message = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true })
  if (!message || message.status !== 'queued') return 'skipped'
  const attempts = (message.attempts ?? 0) + 1
  const max = env().MESSAGE_SEND_ATTEMPTS
  // Counted before the attempt: a crash in the middle still used one.
  await payload.update({ collection: 'messages', id, overrideAccess: true, depth: 0, data: { attempts, lastAttemptAt: now.toISOString() } })
  try {
    const providerId = await deliver(req, message)
    await recordSent(payload, id, providerId)
    log.info({ messageId: id, channel: message.channel, attempts }, 'message sent')
    return 'sent'
  } catch (err) {
    const failure = describeFailure(err)
    const outcome = failure.permanent ? { next: 'failed' as const } : afterFailedAttempt(attempts, max)
    if (outcome.next === 'failed') {
      await payload.update({ collection: 'messages', id, overrideAccess: true, depth: 0, data: { status: 'failed', failedAt: new Date().toISOString(), error: failure.text } })
      log.warn({ messageId: id, channel: message.channel, attempts, permanent: failure.permanent }, 'message failed: staff can retry it from the inbox')
      return 'failed'
    }
    await payload.update({ collection: 'messages', id, overrideAccess: true, depth: 0, data: { error: failure.text } })
    log.info({ messageId: id, channel: message.channel, attempts, max }, 'message attempt failed; it will be retried')
    // The runner logs this; it names no recipient.
    throw new RetryLater(`message ${id}: attempt ${attempts} of ${max} failed`)
  }
}

/** What a stored message reads like to anyone but its recipient (the inbox, the account, an export). */
export function displayBody(body: string): string {
  return maskLinks(body)
}
