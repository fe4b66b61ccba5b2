/**
 * Who is talking in a chat, decided on the server only:
 * - an anonymous visitor: a conversation id in a signed, HttpOnly cookie (`mh_chat`) set on the
 *   WebSocket handshake; the signature is an HMAC under a key derived from PAYLOAD_SECRET, so a
 *   visitor cannot pick another's conversation by editing the cookie;
 * - a signed-in customer (Payload's customers auth cookie): the customer's own thread;
 * - a manage-link holder (the token in the widget's `hello`, on /booking/<token>): the thread of
 *   that booking's customer, linked to the booking.
 * A staff member browsing the storefront chats as a visitor: staff answer from the inbox.
 * Must never log a token, a cookie or a conversation id in full.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import type { Payload } from 'payload'

import { bookingByManageToken } from '../collections/Bookings/manageTokens'
import type { ThreadOwner } from '../collections/Messages/threads'
import { relationId } from '../domain'
import { env } from '../server/env'

export const CHAT_COOKIE = 'mh_chat'
/** A year: the conversation is the visitor's until they clear their cookies. */
const COOKIE_MAX_AGE_S = 365 * 86_400
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/

function key(secret = env().PAYLOAD_SECRET): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'myhibachi-chat', 'visitor-cookie', 32))
}

const sign = (visitorId: string, secret?: string) => createHmac('sha256', key(secret)).update(visitorId).digest('base64url')

/** `<visitorId>.<signature>` for a fresh or given visitor id. */
export function signVisitor(visitorId: string, secret?: string): string {
  return `${visitorId}.${sign(visitorId, secret)}`
}

export function newVisitorId(): string {
  return randomBytes(16).toString('base64url')
}

/** The visitor id of a cookie value, or undefined when it is malformed or not signed by us. */
export function verifyVisitor(value: string | undefined, secret?: string): string | undefined {
  if (!value) return undefined
  const [visitorId, signature] = value.split('.')
  if (!visitorId || !signature || !VISITOR_ID.test(visitorId)) return undefined
  const expected = Buffer.from(sign(visitorId, secret))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? visitorId : undefined
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim()
      try {
        return decodeURIComponent(raw)
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/** The Set-Cookie header for a visitor's conversation cookie. */
export function visitorCookieHeader(visitorId: string, secure: boolean): string {
  return `${CHAT_COOKIE}=${signVisitor(visitorId)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

export interface Conversation {
  owner: ThreadOwner
  /** Set when the conversation came from a manage link. */
  bookingId: number | null
  /** The customer id, when known (signed in or by manage link). */
  customerId: number | null
  kind: 'visitor' | 'customer' | 'booking'
}

/** The signed-in customer of the handshake, if any (the customers collection's auth cookie). Call only after the Origin check. */
export async function customerOf(payload: Payload, req: IncomingMessage): Promise<number | null> {
  if (!req.headers.cookie) return null
  const headers = new Headers()
  headers.set('cookie', req.headers.cookie)
  // Payload reads the auth cookie only from a same-origin request (its CSRF rule). The chat server
  // accepted this handshake only after checking its Origin against the site's own (server.ts), so
  // it says so here rather than forwarding an Origin that Payload's list may spell differently.
  headers.set('sec-fetch-site', 'same-origin')
  const { user } = await payload.auth({ headers })
  if (!user || user.collection !== 'customers') return null
  const id = Number(user.id)
  return Number.isSafeInteger(id) ? id : null
}

export type ConversationDecision = { ok: true; conversation: Conversation } | { ok: false; reason: 'bad_manage_token' }

/**
 * The conversation for a socket: the manage link's booking when `manage` is given (a bad token is
 * refused, never silently downgraded), else the signed-in customer, else the visitor cookie.
 */
export async function resolveConversation(payload: Payload, input: { customerId: number | null; visitorId: string; manage?: string }): Promise<ConversationDecision> {
  if (input.manage !== undefined) {
    const booking = await bookingByManageToken(payload, input.manage)
    if (!booking) return { ok: false, reason: 'bad_manage_token' }
    // The manage view leaves the customer out; the system reads it to find the thread.
    const owned = await payload.findByID({ collection: 'bookings', id: booking.id, depth: 0, overrideAccess: true, disableErrors: true, select: { customer: true } })
    const customerId = owned ? relationId(owned.customer) : null
    if (customerId === null) return { ok: false, reason: 'bad_manage_token' }
    return { ok: true, conversation: { owner: { customerId }, bookingId: Number(booking.id), customerId, kind: 'booking' } }
  }
  if (input.customerId !== null) return { ok: true, conversation: { owner: { customerId: input.customerId }, bookingId: null, customerId: input.customerId, kind: 'customer' } }
  return { ok: true, conversation: { owner: { visitor: input.visitorId }, bookingId: null, customerId: null, kind: 'visitor' } }
}
