/**
 * A chat conversation's storage: every turn is a `messages` row (channel `chat`) in the owner's
 * thread, written through the messages store (src/collections/Messages/store.ts) so the inbox
 * sees it like any other message. A customer's message carries its client id as a unique key
 * (`chat:<thread>:<clientId>`): sent twice — a queued message re-sent after a reconnect, or the
 * same frame on two instances — it is stored once, and the second send gets the first row back.
 * Roles are read from the row: inbound is the customer, outbound with an author is staff,
 * outbound without one is the assistant.
 */
import { createLocalReq, type Payload, type PayloadRequest, type Where } from 'payload'

import { CHAT_MODES, relationId, staffFirstName, type ChatMode } from '../domain'
import { chatLinkSchema, type ChatLink, type ChatMessage } from '../domain/chat/protocol'
import { recordInbound, queueMessage } from '../collections/Messages/store'
import { threadFor, type ThreadOwner } from '../collections/Messages/threads'
import { inTransaction, sql, transactionDb } from '../infra/db'
import type { Message } from '../payload-types'

/** How many earlier turns a fresh window (no `since`) is sent, and the most one resync sends. */
export const CHAT_HISTORY_LIMIT = 50

export const chatKey = (threadId: number, clientId: string): string => `chat:${threadId}:${clientId}`

function linksOf(value: unknown): ChatLink[] | undefined {
  if (!Array.isArray(value)) return undefined
  const links = value.filter((l): l is ChatLink => chatLinkSchema.safeParse(l).success)
  return links.length > 0 ? links.slice(0, 5) : undefined
}

/** A stored row as the widget sees it. */
export function toChatMessage(doc: Pick<Message, 'id' | 'direction' | 'body' | 'createdAt' | 'key' | 'author' | 'thread' | 'chatLinks'>): ChatMessage {
  const threadId = relationId(doc.thread)
  const prefix = threadId === null ? undefined : `chat:${threadId}:`
  const clientId = prefix && doc.key?.startsWith(prefix) ? doc.key.slice(prefix.length) : undefined
  const author = typeof doc.author === 'object' && doc.author !== null ? doc.author : null
  const role = doc.direction === 'inbound' ? 'customer' : doc.author ? 'staff' : 'assistant'
  const links = linksOf(doc.chatLinks)
  return {
    id: doc.id,
    role,
    text: doc.body,
    at: doc.createdAt,
    ...(clientId ? { clientId } : {}),
    ...(role === 'staff' ? { author: staffFirstName(author) } : {}),
    ...(links ? { links } : {}),
  }
}

const READ = {
  depth: 1,
  overrideAccess: true,
  select: { direction: true, body: true, createdAt: true, key: true, author: true, thread: true, chatLinks: true },
  populate: { users: { name: true } },
} as const

export async function localReq(payload: Payload): Promise<PayloadRequest> {
  return createLocalReq({}, payload)
}

/** The owner's thread id if it exists (a visitor's is made only when they first write). */
export async function findThread(payload: Payload, owner: ThreadOwner): Promise<number | null> {
  const where: Where = 'customerId' in owner ? { customer: { equals: owner.customerId } } : 'phone' in owner ? { phone: { equals: owner.phone } } : { visitor: { equals: owner.visitor } }
  const found = await payload.find({ collection: 'threads', where, limit: 1, depth: 0, pagination: false, overrideAccess: true, select: { title: true } })
  return found.docs[0]?.id ?? null
}

export interface ThreadChatState {
  mode: ChatMode
  /** The staff member answering, first name, when mode is 'staff'. */
  staff: string | null
}

export async function chatStateOf(payload: Payload, threadId: number): Promise<ThreadChatState> {
  const thread = await payload.findByID({ collection: 'threads', id: threadId, depth: 1, overrideAccess: true, disableErrors: true, joins: false, select: { chatMode: true, chatStaff: true }, populate: { users: { name: true } } })
  const mode: ChatMode = thread && (CHAT_MODES as readonly string[]).includes(thread.chatMode ?? '') ? (thread.chatMode as ChatMode) : 'assistant'
  const staff = mode === 'staff' && thread ? staffFirstName(typeof thread.chatStaff === 'object' ? thread.chatStaff : null) : null
  return { mode, staff }
}

/** The conversation's chat turns after `since` (oldest first), or its last CHAT_HISTORY_LIMIT. */
export async function messagesSince(payload: Payload, threadId: number, since?: number): Promise<ChatMessage[]> {
  const where: Where = { and: [{ thread: { equals: threadId } }, { channel: { equals: 'chat' } }, ...(since !== undefined ? [{ id: { greater_than: since } }] : [])] }
  const found = await payload.find({ collection: 'messages', where, sort: since !== undefined ? 'id' : '-id', limit: CHAT_HISTORY_LIMIT, pagination: false, ...READ })
  const docs = since !== undefined ? found.docs : [...found.docs].reverse()
  return docs.map((d) => toChatMessage(d as Message))
}

/** The conversation's latest chat turn, or null when it has none. */
export async function lastChatTurn(payload: Payload, threadId: number): Promise<ChatMessage | null> {
  const found = await payload.find({ collection: 'messages', where: { and: [{ thread: { equals: threadId } }, { channel: { equals: 'chat' } }] }, sort: '-id', limit: 1, pagination: false, ...READ })
  const doc = found.docs[0] as Message | undefined
  return doc ? toChatMessage(doc) : null
}

/** One chat turn by id, with its thread; null when it is not a chat message. */
export async function chatMessageById(payload: Payload, id: number): Promise<{ threadId: number; message: ChatMessage } | null> {
  const found = await payload.find({ collection: 'messages', where: { and: [{ id: { equals: id } }, { channel: { equals: 'chat' } }] }, limit: 1, pagination: false, ...READ })
  const doc = found.docs[0] as Message | undefined
  const threadId = doc ? relationId(doc.thread) : null
  return doc && threadId !== null ? { threadId, message: toChatMessage(doc) } : null
}

export interface StoredTurn {
  threadId: number
  message: ChatMessage
  /** false: the client id was stored before; this is that row, nothing new was written. */
  created: boolean
}

/** Stores a customer's chat message once per client id. */
export async function storeCustomerMessage(payload: Payload, input: { owner: ThreadOwner; bookingId: number | null; clientId: string; text: string }): Promise<StoredTurn> {
  const req = await localReq(payload)
  let threadId = 0
  let stored: { id: number; created: boolean }
  try {
    stored = await inTransaction(req, async () => {
      threadId = await threadFor(req, input.owner)
      return recordInbound(req, { channel: 'chat', owner: input.owner, bookingId: input.bookingId, body: input.text, key: chatKey(threadId, input.clientId) })
    })
  } catch (err) {
    // Two instances storing the same client id at once: the unique key let one in; answer with that row.
    if (threadId === 0) throw err
    const again = await payload.find({ collection: 'messages', where: { key: { equals: chatKey(threadId, input.clientId) } }, limit: 1, pagination: false, depth: 0, overrideAccess: true, select: { key: true } })
    const existing = again.docs[0]
    if (!existing) throw err
    stored = { id: existing.id, created: false }
  }
  const turn = await chatMessageById(payload, stored.id)
  if (!turn) throw new Error(`chat message ${stored.id} vanished after it was stored`)
  return { threadId, message: turn.message, created: stored.created }
}

/** Stores the assistant's reply in the thread (sent: it goes out over the socket). */
export async function storeAssistantReply(payload: Payload, input: { owner: ThreadOwner; bookingId: number | null; text: string; links: ChatLink[] }): Promise<ChatMessage> {
  const req = await localReq(payload)
  const stored = await inTransaction(req, () => queueMessage(req, { channel: 'chat', owner: input.owner, bookingId: input.bookingId, body: input.text, chatLinks: input.links }))
  const turn = await chatMessageById(payload, stored.id)
  if (!turn) throw new Error(`chat reply ${stored.id} vanished after it was stored`)
  return turn.message
}

/** Marks the threads' chat windows as open now (the inbox's "live chat"). One statement for all. */
export async function markSeen(payload: Payload, threadIds: readonly number[]): Promise<void> {
  if (threadIds.length === 0) return
  const req = await localReq(payload)
  const db = await transactionDb(req)
  await db.execute(sql`UPDATE threads SET chat_seen_at = now() WHERE id IN (${sql.join(threadIds.map((id) => sql`${id}`), sql`, `)})`)
}
