/**
 * What staff do to a thread from the inbox, in the caller's transaction (pass `req`; the
 * endpoints open one with inTransaction):
 * - `replyToThread`: an email, a text or an internal note in the thread. The recipient is the
 *   thread's own — the customer's email address, or the customer's (else the thread's) phone
 *   number — never one the browser sends. Email and SMS are queued (src/collections/Messages/
 *   store.ts) and sent by the job runner after the commit; a note is stored as written.
 * - `markThreadRead`: every inbound message read, the unread count back to 0.
 * The caller has checked the role; these act as the system (overrideAccess) and must never be
 * reached by anyone but a manager or an admin.
 */
import type { PayloadRequest } from 'payload'

import { NotFoundError, normalizePhone, relationId, UnavailableError, ValidationError } from '../../domain'
import { defaultReplySubject, type ReplyInput } from '../../domain/messaging/reply'
import { sql, transactionDb } from '../../infra/db'
import { smsEnabled } from '../../infra/sms'
import { loadSettings } from '../../globals/BusinessSettings/load'
import { queueMessage } from '../Messages/store'
import type { ThreadOwner } from '../Messages/threads'
import { hasChat, takeOverChat, type ChatHandover } from './chat'

export interface ReplyResult {
  id: number
  channel: ReplyInput['channel']
  status: 'queued' | 'sent'
  /** A chat reply: the thread, and the takeover it made (a staff chat reply pauses the assistant). */
  chat?: { threadId: number; handover: ChatHandover }
}

/** Where a thread's email goes, or why it cannot go. */
interface Recipients {
  email?: string
  phone?: string
}

interface ThreadParties {
  owner: ThreadOwner
  customerId: number | null
  recipients: Recipients
  /** Why email/SMS cannot be sent, in words for staff (an anonymised customer has no address). */
  blocked?: string
}

async function partiesOf(req: PayloadRequest, threadId: number): Promise<ThreadParties> {
  const thread = await req.payload.findByID({ collection: 'threads', id: threadId, depth: 0, joins: false, overrideAccess: true, disableErrors: true, req, select: { customer: true, phone: true, visitor: true } })
  if (!thread) throw new NotFoundError('No thread with that id.')
  const customerId = relationId(thread.customer)
  const threadPhone = thread.phone ? normalizePhone(thread.phone) : undefined
  // An anonymous chat visitor: there is nothing to write to but the chat itself.
  if (customerId === null && !thread.phone && thread.visitor) return { owner: { visitor: thread.visitor }, customerId: null, recipients: {} }
  if (customerId === null) {
    if (!thread.phone) throw new Error(`thread ${threadId} has neither a customer nor a phone number`)
    return { owner: { phone: thread.phone }, customerId: null, recipients: { phone: threadPhone } }
  }
  const customer = await req.payload.findByID({ collection: 'customers', id: customerId, depth: 0, overrideAccess: true, disableErrors: true, req, select: { email: true, phone: true, anonymisedAt: true } })
  if (!customer) throw new Error(`thread ${threadId} names customer ${customerId}, who does not exist`)
  if (customer.anonymisedAt) return { owner: { customerId }, customerId, recipients: {}, blocked: 'This customer’s account was deleted: there is no address to write to.' }
  return {
    owner: { customerId },
    customerId,
    recipients: { email: customer.email || undefined, phone: (customer.phone ? normalizePhone(customer.phone) : undefined) ?? threadPhone },
  }
}

/** The subject of the thread's last email, in or out, if any. */
async function lastEmailSubject(req: PayloadRequest, threadId: number): Promise<string | undefined> {
  const found = await req.payload.find({
    collection: 'messages',
    where: { and: [{ thread: { equals: threadId } }, { channel: { equals: 'email' } }, { subject: { exists: true } }] },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
    select: { subject: true },
  })
  return found.docs[0]?.subject ?? undefined
}

export async function replyToThread(req: PayloadRequest, threadId: number, input: ReplyInput, authorId: number): Promise<ReplyResult> {
  // Before anything is read: a text that cannot be sent is refused whoever it is for.
  if (input.channel === 'sms' && !smsEnabled()) {
    throw new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): the text was not sent.', 'sms_not_configured')
  }
  const parties = await partiesOf(req, threadId)

  const bookingId = input.bookingId ?? null
  if (bookingId !== null) {
    const booking = await req.payload.findByID({ collection: 'bookings', id: bookingId, depth: 0, overrideAccess: true, disableErrors: true, req, select: { customer: true } })
    if (!booking || parties.customerId === null || relationId(booking.customer) !== parties.customerId) {
      throw ValidationError.single('bookingId', 'Choose one of this customer’s bookings (or none).')
    }
  }

  let to: string | undefined
  let subject: string | undefined
  if (input.channel === 'email') {
    if (parties.blocked) throw ValidationError.single('channel', parties.blocked)
    to = parties.recipients.email
    if (!to) throw ValidationError.single('channel', 'This thread has no email address to reply to: send a text or add a note.')
    subject = input.subject || defaultReplySubject(await lastEmailSubject(req, threadId), (await loadSettings(req)).businessName)
  } else if (input.channel === 'sms') {
    if (parties.blocked) throw ValidationError.single('channel', parties.blocked)
    to = parties.recipients.phone
    if (!to) throw ValidationError.single('channel', 'This thread has no phone number that can receive a text: send an email or add a note.')
  }

  let handover: ChatHandover | undefined
  if (input.channel === 'chat') {
    if (!(await hasChat(req, threadId))) throw ValidationError.single('channel', 'This thread has no chat: send an email or a text, or add a note.')
    handover = await takeOverChat(req, threadId, authorId)
  }

  const queued = await queueMessage(req, { channel: input.channel, owner: parties.owner, bookingId, to, subject, body: input.body, authorId })
  const sentAtOnce = input.channel === 'note' || input.channel === 'chat'
  return { id: queued.id, channel: input.channel, status: sentAtOnce ? 'sent' : 'queued', ...(handover ? { chat: { threadId, handover } } : {}) }
}

/**
 * Marks every inbound message of the thread read and its unread count 0. The thread row is locked
 * first, so an inbound message committed meanwhile is either marked here or counted after (its
 * own update of the thread waits for this one): an unread message is never lost.
 */
export async function markThreadRead(req: PayloadRequest, threadId: number): Promise<{ marked: number }> {
  const db = await transactionDb(req)
  const locked = await db.execute<{ id: number }>(sql`SELECT id FROM threads WHERE id = ${threadId} FOR UPDATE`)
  if (!locked.rows[0]) throw new NotFoundError('No thread with that id.')
  const marked = await db.execute<{ id: number }>(
    sql`UPDATE messages SET read_at = now(), updated_at = now() WHERE thread_id = ${threadId} AND direction = 'inbound' AND read_at IS NULL RETURNING id`,
  )
  await db.execute(sql`UPDATE threads SET unread_count = 0, updated_at = now() WHERE id = ${threadId} AND unread_count <> 0`)
  return { marked: marked.rows.length }
}
