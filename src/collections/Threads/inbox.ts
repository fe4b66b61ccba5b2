/**
 * What the staff inbox (src/components/admin/inbox) reads, as plain data: the page of threads a
 * filter selects, one thread with its whole conversation and the customer's bookings, and the
 * staff a thread can be assigned to. Every read goes through the Local API AS THE SIGNED-IN USER
 * (`user`, overrideAccess: false), so the collections' own access decides what is shown; the view
 * has also checked the role. Bodies are masked here (private links never reach the page).
 * Storefront chat: whether a thread's chat window is open now ("live": it showed a sign of life
 * within CHAT_LIVE_MS, on the server's clock), who answers it, and each chat message's role
 * (customer, assistant, or the staff member who wrote it) with the links an assistant reply offered.
 * Never writes: marking read is the POST endpoint's job, called by the browser.
 */
import type { PayloadRequest, TypedUser, Where } from 'payload'

import { CHAT_LIVE_MS, maskLinks, MESSAGE_CHANNELS, relationId, type ChatMode, type MessageChannel, type MessageStatus, type PaymentState } from '../../domain'
import { chatLinkSchema, type ChatLink, type ChatRole } from '../../domain/chat/protocol'
import type { Booking, Message, User } from '../../payload-types'

export const INBOX_PAGE_SIZE = 25
/** The most messages one thread page shows (the newest; older ones are counted, not shown). */
export const THREAD_MESSAGE_LIMIT = 200

export const STATE_FILTERS = ['open', 'done', 'all'] as const
export type StateFilter = (typeof STATE_FILTERS)[number]

export interface InboxFilters {
  state: StateFilter
  channel?: MessageChannel
  bookingId?: number
  /** Only threads assigned to the signed-in user. */
  mine: boolean
  /** Only threads whose storefront chat window is open now (`?live=1`); absent when not asked. */
  live?: true
  /** Part of the thread's title (the customer's name and email, or the phone number). */
  search?: string
  page: number
}

type Params = Record<string, string | string[] | undefined> | undefined

function one(params: Params, name: string): string | undefined {
  const v = params?.[name]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined
}

function positiveInt(s: string | undefined, max: number): number | undefined {
  if (!s || !/^\d{1,10}$/.test(s)) return undefined
  const n = Number(s)
  return n >= 1 && n <= max ? n : undefined
}

/** The filters a URL's query asks for; anything unknown or malformed reads as "no filter". */
export function inboxFiltersFrom(params: Params): InboxFilters {
  const state = one(params, 'state')
  const channel = one(params, 'channel')
  const search = one(params, 'q')
  return {
    state: (STATE_FILTERS as readonly string[]).includes(state ?? '') ? (state as StateFilter) : 'open',
    channel: (MESSAGE_CHANNELS as readonly string[]).includes(channel ?? '') ? (channel as MessageChannel) : undefined,
    bookingId: positiveInt(one(params, 'booking'), 2_147_483_647),
    mine: one(params, 'mine') === '1',
    ...(one(params, 'live') === '1' ? { live: true as const } : {}),
    search: search ? search.slice(0, 100) : undefined,
    page: positiveInt(one(params, 'page'), 100_000) ?? 1,
  }
}

/** The thread the URL opens (`?thread=ID`), if it names one. */
export function threadIdFrom(params: Params): number | undefined {
  return positiveInt(one(params, 'thread'), 2_147_483_647)
}

export interface StaffMember {
  id: number
  name: string
}

/**
 * A chat window is open ("live") while its last sign of life is less than CHAT_LIVE_MS old.
 * A sign of life from the future (another server's clock a little ahead) counts as now.
 */
export function isChatLive(seenAt: string | null | undefined, now: Date): boolean {
  if (!seenAt) return false
  const at = Date.parse(seenAt)
  return Number.isFinite(at) && now.getTime() - at < CHAT_LIVE_MS
}

/**
 * Whether a thread has a storefront chat, from the thread row alone (the list has no messages):
 * a chat window has shown a sign of life, staff took the chat over, or the last message was a chat
 * turn. The thread page also counts the chat messages it shows.
 */
export function threadHasChat(thread: { chatSeenAt?: string | null; chatMode?: ChatMode | null; lastChannel?: MessageChannel | null }): boolean {
  return Boolean(thread.chatSeenAt) || thread.chatMode === 'staff' || thread.lastChannel === 'chat'
}

/** Who wrote a chat message: the customer (inbound), a staff member (outbound with an author), else the assistant. */
export function chatRoleOf(m: { channel: MessageChannel; direction: 'inbound' | 'outbound'; author?: unknown }): ChatRole | null {
  if (m.channel !== 'chat') return null
  if (m.direction === 'inbound') return 'customer'
  return m.author === null || m.author === undefined ? 'assistant' : 'staff'
}

/**
 * The links a stored chat reply offered, as far as they are valid: each one checked against the
 * chat protocol's own schema (same-site paths) and, because the admin renders them as links, also
 * refused when a backslash could make the browser read it as another site (`/\evil.example`).
 * Anything else in the JSON column is dropped, never shown.
 */
export function chatLinksFrom(value: unknown): ChatLink[] {
  if (!Array.isArray(value)) return []
  const links: ChatLink[] = []
  for (const item of value) {
    const parsed = chatLinkSchema.safeParse(item)
    if (parsed.success && !parsed.data.href.includes('\\')) links.push(parsed.data)
    if (links.length === 5) break
  }
  return links
}

/** A thread's storefront chat, as the inbox shows it. */
export interface ChatState {
  /** The chat window is open now. */
  live: boolean
  /** Who answers: the assistant, or `staff` (the assistant is paused). */
  mode: ChatMode
  /** The staff member who took it over (while `mode` is `staff`). */
  staff: StaffMember | null
  /** The window's last sign of life. */
  seenAt: string | null
}

function chatStateOf(thread: { chatMode?: ChatMode | null; chatStaff?: number | User | null; chatSeenAt?: string | null }, now: Date): ChatState {
  const mode: ChatMode = thread.chatMode === 'staff' ? 'staff' : 'assistant'
  return { live: isChatLive(thread.chatSeenAt, now), mode, staff: mode === 'staff' ? staffName(thread.chatStaff) : null, seenAt: thread.chatSeenAt ?? null }
}

export interface ThreadSummary {
  id: number
  title: string
  state: 'open' | 'done'
  unreadCount: number
  lastMessageAt: string | null
  lastChannel: MessageChannel | null
  lastDirection: 'inbound' | 'outbound' | null
  lastPreview: string
  assignee: StaffMember | null
  /** Null when the thread has no storefront chat. */
  chat: ChatState | null
}

export interface ThreadPage {
  threads: ThreadSummary[]
  page: number
  totalPages: number
  totalDocs: number
}

function staffName(u: number | User | null | undefined): StaffMember | null {
  if (!u || typeof u !== 'object') return typeof u === 'number' ? { id: u, name: `Staff #${u}` } : null
  return { id: u.id, name: u.name || u.email }
}

export function inboxWhere(filters: InboxFilters, userId: number, now = new Date()): Where {
  const and: Where[] = []
  if (filters.state !== 'all') and.push({ state: { equals: filters.state } })
  // Through the join field: threads with at least one message on that channel / about that booking.
  if (filters.channel) and.push({ 'messages.channel': { equals: filters.channel } })
  if (filters.bookingId !== undefined) and.push({ 'messages.booking': { equals: filters.bookingId } })
  if (filters.mine) and.push({ assignee: { equals: userId } })
  if (filters.live) and.push({ chatSeenAt: { greater_than: new Date(now.getTime() - CHAT_LIVE_MS).toISOString() } })
  if (filters.search) and.push({ or: [{ title: { like: filters.search } }, { phone: { like: filters.search } }] })
  return and.length > 0 ? { and } : {}
}

export async function listThreads(req: PayloadRequest, user: TypedUser, filters: InboxFilters, now = new Date()): Promise<ThreadPage> {
  const found = await req.payload.find({
    collection: 'threads',
    where: inboxWhere(filters, Number(user.id), now),
    sort: ['-lastMessageAt', '-id'],
    page: filters.page,
    limit: INBOX_PAGE_SIZE,
    depth: 1,
    joins: false,
    user,
    overrideAccess: false,
    req,
    select: {
      title: true,
      state: true,
      unreadCount: true,
      lastMessageAt: true,
      lastChannel: true,
      lastDirection: true,
      lastPreview: true,
      assignee: true,
      chatMode: true,
      chatStaff: true,
      chatSeenAt: true,
    },
    populate: { users: { name: true, email: true } },
  })
  return {
    threads: found.docs.map((t) => ({
      id: t.id,
      title: t.title,
      state: t.state,
      unreadCount: t.unreadCount ?? 0,
      lastMessageAt: t.lastMessageAt ?? null,
      lastChannel: t.lastChannel ?? null,
      lastDirection: t.lastDirection ?? null,
      lastPreview: t.lastPreview ?? '',
      assignee: staffName(t.assignee),
      chat: threadHasChat(t) ? chatStateOf(t, now) : null,
    })),
    page: found.page ?? filters.page,
    totalPages: Math.max(1, found.totalPages),
    totalDocs: found.totalDocs,
  }
}

export interface ConversationMessage {
  id: number
  direction: 'inbound' | 'outbound'
  channel: MessageChannel
  status: MessageStatus
  subject: string | null
  /** With private links masked. */
  body: string
  to: string | null
  from: string | null
  createdAt: string
  sentAt: string | null
  deliveredAt: string | null
  failedAt: string | null
  readAt: string | null
  error: string | null
  attempts: number
  author: StaffMember | null
  bookingId: number | null
  /** A chat message's role; null on other channels. */
  chatRole: ChatRole | null
  /** The links a chat reply offered (same-site paths). */
  chatLinks: ChatLink[]
}

export interface BookingSummary {
  id: number
  eventDate: string
  startTime: string
  startsAt: string | null
  status: Booking['status']
  paymentState: PaymentState | null
  adults: number
  children: number
  city: string | null
}

export interface ThreadDetail {
  id: number
  title: string
  state: 'open' | 'done'
  unreadCount: number
  assigneeId: number | null
  customer: { id: number; name: string; email: string | null; phone: string | null; anonymised: boolean } | null
  phone: string | null
  /** An anonymous storefront chat visitor's thread: no customer and no phone number. */
  visitor: boolean
  /** Null when the thread has no storefront chat. */
  chat: ChatState | null
  lastBookingId: number | null
  messages: ConversationMessage[]
  /** Messages older than the ones shown. */
  hiddenOlder: number
  bookings: BookingSummary[]
  /** The subject of the last email in the thread, for the "Re: …" of a reply. */
  lastEmailSubject: string | null
}

function toConversationMessage(m: Omit<Message, 'thread' | 'updatedAt'>): ConversationMessage {
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    status: m.status,
    subject: m.subject ? maskLinks(m.subject) : null,
    body: maskLinks(m.body),
    to: m.to ?? null,
    from: m.from ?? null,
    createdAt: m.createdAt,
    sentAt: m.sentAt ?? null,
    deliveredAt: m.deliveredAt ?? null,
    failedAt: m.failedAt ?? null,
    readAt: m.readAt ?? null,
    error: m.error ?? null,
    attempts: m.attempts ?? 0,
    author: staffName(m.author),
    bookingId: relationId(m.booking),
    chatRole: chatRoleOf(m),
    chatLinks: m.channel === 'chat' ? chatLinksFrom(m.chatLinks) : [],
  }
}

export async function loadThread(req: PayloadRequest, user: TypedUser, id: number, now = new Date()): Promise<ThreadDetail | undefined> {
  const thread = await req.payload.findByID({
    collection: 'threads',
    id,
    depth: 1,
    joins: false,
    user,
    overrideAccess: false,
    req,
    disableErrors: true,
    populate: { customers: { name: true, email: true, phone: true, anonymisedAt: true }, users: { name: true, email: true }, bookings: { eventDate: true } },
  })
  if (!thread) return undefined
  const customer = thread.customer && typeof thread.customer === 'object' ? thread.customer : null

  const found = await req.payload.find({
    collection: 'messages',
    where: { thread: { equals: id } },
    sort: ['-createdAt', '-id'],
    limit: THREAD_MESSAGE_LIMIT,
    depth: 1,
    user,
    overrideAccess: false,
    req,
    select: {
      direction: true,
      channel: true,
      status: true,
      subject: true,
      body: true,
      to: true,
      from: true,
      createdAt: true,
      sentAt: true,
      deliveredAt: true,
      failedAt: true,
      readAt: true,
      error: true,
      attempts: true,
      author: true,
      booking: true,
      chatLinks: true,
    },
    populate: { users: { name: true, email: true }, bookings: { eventDate: true } },
  })
  const messages = found.docs.map(toConversationMessage).reverse()
  const lastEmail = [...messages].reverse().find((m) => m.channel === 'email' && m.subject)

  let bookings: BookingSummary[] = []
  if (customer) {
    const owned = await req.payload.find({
      collection: 'bookings',
      where: { customer: { equals: customer.id } },
      sort: '-eventDate',
      limit: 20,
      depth: 0,
      user,
      overrideAccess: false,
      req,
      select: { eventDate: true, startTime: true, startsAt: true, status: true, paymentState: true, guests: true, address: true },
    })
    bookings = owned.docs.map((b) => ({
      id: b.id,
      eventDate: b.eventDate,
      startTime: b.startTime,
      startsAt: b.startsAt ?? null,
      status: b.status,
      paymentState: b.paymentState ?? null,
      adults: b.guests?.adults ?? 0,
      children: b.guests?.children ?? 0,
      city: b.address?.city ?? null,
    }))
  }

  return {
    id: thread.id,
    title: thread.title,
    state: thread.state,
    unreadCount: thread.unreadCount ?? 0,
    assigneeId: relationId(thread.assignee),
    customer: customer
      ? { id: customer.id, name: customer.name, email: customer.email || null, phone: customer.phone ?? null, anonymised: Boolean(customer.anonymisedAt) }
      : null,
    phone: thread.phone ?? null,
    visitor: !customer && !thread.phone,
    chat: threadHasChat(thread) || messages.some((m) => m.channel === 'chat') ? chatStateOf(thread, now) : null,
    lastBookingId: relationId(thread.lastBooking),
    messages,
    hiddenOlder: Math.max(0, found.totalDocs - messages.length),
    bookings,
    lastEmailSubject: lastEmail?.subject ?? null,
  }
}

/** Who a thread can be assigned to: the managers and admins. */
export async function assignableStaff(req: PayloadRequest, user: TypedUser): Promise<StaffMember[]> {
  const found = await req.payload.find({
    collection: 'users',
    where: { role: { in: ['admin', 'manager'] } },
    sort: 'name',
    limit: 200,
    depth: 0,
    user,
    overrideAccess: false,
    req,
    select: { name: true, email: true },
  })
  return found.docs.map((u) => ({ id: u.id, name: u.name || u.email }))
}
