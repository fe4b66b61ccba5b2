/**
 * Writing messages, in the caller's transaction (pass `req`):
 * - `queueMessage`: an outbound message. Email and SMS are stored `queued` with a `sendMessage`
 *   job in the same transaction (the job runner sends it after commit: a dead provider never
 *   blocks the request that queued it); a staff note, an account-page reply or a chat turn is
 *   stored as it happened. A message with a `key` that already exists is not made again.
 * - `recordInbound`: a message that came in (SMS, email, account page, chat), `received`.
 * Private links go in sealed (src/server/sealed.ts); the stored body keeps only their markers.
 */
import type { PayloadRequest, Where } from 'payload'

import { ConflictError, NotFoundError, type BookingEmailEvent, type MessageChannel, UnavailableError } from '../../domain'
import { smsEnabled } from '../../infra/sms'
import type { Message } from '../../payload-types'
import { seal } from '../../server/sealed'
import { threadFor, type ThreadOwner } from './threads'

/** The purpose a message's links are sealed under. */
export const MESSAGE_LINKS_PURPOSE = 'message-links'

export interface OutboundDraft {
  channel: MessageChannel
  owner: ThreadOwner
  bookingId?: number | null
  /** Email address or E.164 number; required for email and SMS. */
  to?: string
  subject?: string
  /** The plain-text body (an email's text part). */
  body: string
  /** An email's HTML part. */
  html?: string
  /** Private links the body names by marker (`[[link:manage]]`); stored sealed. */
  links?: Record<string, string>
  event?: BookingEmailEvent
  /** At most one message per key. */
  key?: string
  attachInvite?: boolean
  authorId?: number | null
  /** A chat reply's links (same-site paths), shown as buttons in the chat window. */
  chatLinks?: { label: string; href: string }[]
}

export interface QueuedMessage {
  id: number
  /** false when a message with the same key already existed: nothing new was queued. */
  created: boolean
}

/** What a caller says of a new message; the thread, owner, booking and attempt count are filled in here. */
type MessageFields = Omit<Message, 'id' | 'thread' | 'customer' | 'booking' | 'attempts' | 'createdAt' | 'updatedAt'>

/** The id of the message matching `where`, if one exists (a key or provider id already stored). */
async function existingMessageId(req: PayloadRequest, where: Where): Promise<number | undefined> {
  const existing = await req.payload.find({ collection: 'messages', where, limit: 1, depth: 0, pagination: false, overrideAccess: true, req, select: { status: true } })
  return existing.docs[0]?.id
}

/**
 * Stores a message in its owner's thread (found or made), in the caller's transaction.
 * The system writes messages: every API route to this collection is closed (src/collections/Messages/access.ts).
 */
async function storeInThread(req: PayloadRequest, owner: ThreadOwner, bookingId: number | null | undefined, data: MessageFields): Promise<number> {
  const threadId = await threadFor(req, owner)
  const message = await req.payload.create({
    collection: 'messages',
    overrideAccess: true,
    req,
    depth: 0,
    data: { ...data, thread: threadId, customer: 'customerId' in owner ? owner.customerId : null, booking: bookingId ?? null, attempts: 0 },
  })
  return message.id
}

const DELIVERED_BY_PROVIDER: readonly MessageChannel[] = ['email', 'sms']

export async function queueMessage(req: PayloadRequest, draft: OutboundDraft): Promise<QueuedMessage> {
  if (draft.key) {
    const found = await existingMessageId(req, { key: { equals: draft.key } })
    if (found !== undefined) return { id: found, created: false }
  }
  const delivered = DELIVERED_BY_PROVIDER.includes(draft.channel)
  if (draft.channel === 'sms' && !smsEnabled()) throw new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): the text was not sent.', 'sms_not_configured')
  if (delivered && !draft.to) throw new Error(`a ${draft.channel} message needs a recipient`)
  const id = await storeInThread(req, draft.owner, draft.bookingId, {
    channel: draft.channel,
    direction: 'outbound',
    status: delivered ? 'queued' : 'sent',
    sentAt: delivered ? null : new Date().toISOString(),
    subject: draft.subject ?? null,
    body: draft.body,
    html: draft.html ?? null,
    to: draft.to ?? null,
    event: draft.event ?? null,
    key: draft.key ?? null,
    attachInvite: draft.attachInvite ?? false,
    author: draft.authorId ?? null,
    chatLinks: draft.chatLinks && draft.chatLinks.length > 0 ? draft.chatLinks : null,
    sealedLinks: draft.links && Object.keys(draft.links).length > 0 ? seal(MESSAGE_LINKS_PURPOSE, JSON.stringify(draft.links)) : null,
  })
  if (delivered) await req.payload.jobs.queue({ task: 'sendMessage', input: { messageId: id }, req })
  return { id, created: true }
}

export interface InboundDraft {
  channel: MessageChannel
  owner: ThreadOwner
  bookingId?: number | null
  from?: string
  subject?: string
  body: string
  html?: string
  /** The provider's id (Twilio MessageSid, an email's Message-ID): the same inbound message is stored once. */
  providerId?: string
  /** At most one message per key (a chat message's client id, scoped to its thread). */
  key?: string
}

export async function recordInbound(req: PayloadRequest, draft: InboundDraft): Promise<QueuedMessage> {
  if (draft.providerId) {
    const found = await existingMessageId(req, { and: [{ providerId: { equals: draft.providerId } }, { direction: { equals: 'inbound' } }] })
    if (found !== undefined) return { id: found, created: false }
  }
  if (draft.key) {
    const found = await existingMessageId(req, { key: { equals: draft.key } })
    if (found !== undefined) return { id: found, created: false }
  }
  // The webhook or endpoint that calls this has authenticated what came in.
  const id = await storeInThread(req, draft.owner, draft.bookingId, {
    channel: draft.channel,
    direction: 'inbound',
    status: 'received',
    subject: draft.subject ?? null,
    body: draft.body,
    html: draft.html ?? null,
    from: draft.from ?? null,
    providerId: draft.providerId ?? null,
    key: draft.key ?? null,
  })
  return { id, created: true }
}

/**
 * Staff's "retry" on a failed email or text: back to `queued` with a fresh attempt budget and a new
 * job, in the caller's transaction. Only a failed message: a queued one is still being tried and a
 * sent one must not go twice (ConflictError).
 */
export async function retryMessage(req: PayloadRequest, id: number): Promise<void> {
  const message = await req.payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true, disableErrors: true, req, select: { status: true, channel: true } })
  if (!message) throw new NotFoundError('No such message.')
  if (message.status !== 'failed') throw new ConflictError(`Only a failed message can be retried; this one is ${message.status}.`, 'not_failed')
  if (message.channel === 'sms' && !smsEnabled()) throw new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): the text cannot be sent.', 'sms_not_configured')
  await req.payload.update({ collection: 'messages', id, overrideAccess: true, req, depth: 0, data: { status: 'queued', attempts: 0, error: null, failedAt: null } })
  await req.payload.jobs.queue({ task: 'sendMessage', input: { messageId: id }, req })
}
