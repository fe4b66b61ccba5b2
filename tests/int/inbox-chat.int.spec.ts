/**
 * The staff inbox's storefront-chat data (src/collections/Threads/inbox.ts) against real Postgres:
 * - a thread is a LIVE chat while its window's last sign of life (chatSeenAt) is under
 *   CHAT_LIVE_MS old, on the clock the inbox is read with; the "Live chats" filter (?live=1)
 *   finds exactly those;
 * - who answers (the assistant, or the staff member who took it over) in the list and the thread;
 * - each chat message's role (customer, assistant, staff with their name) and the links an
 *   assistant reply offered (invalid ones dropped); an anonymous visitor's thread reads as one;
 * - a thread without chat has no chat state, and a chef reads no thread at all.
 * Threads are made as the chat server makes them (recordInbound / queueMessage with a visitor or
 * a customer owner); chat fields are set as the system sets them. No bookings.
 */
import { createLocalReq, getPayload, type Payload, type PayloadRequest, type SanitizedConfig, type TypedUser } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { CHAT_LIVE_MS } from '../../src/domain'
import { createStaff, PASSWORD } from '../helpers/bookings-fixtures'

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
/** A visitor id whose first six characters (the thread's title) are this run's own, so a search finds only it. */
const visitorId = () => `${Math.random().toString(36).slice(2, 8).padEnd(6, '0')}${RUN}`

type Store = typeof import('../../src/collections/Messages/store')
type Inbox = typeof import('../../src/collections/Threads/inbox')
let payload: Payload
let store: Store
let inbox: Inbox
let manager: TypedUser
let chef: TypedUser
let managerId: number

async function staffUser(role: 'manager' | 'chef', name: string): Promise<TypedUser> {
  const id = await createStaff(payload, `inbox-chat-${role}-${RUN}@myhibachi.test`, role)
  const user = await payload.update({ collection: 'users', id, data: { name }, overrideAccess: true, depth: 0 })
  return { ...user, collection: 'users' as const } as TypedUser
}

beforeAll(async () => {
  const config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  store = await import('../../src/collections/Messages/store')
  inbox = await import('../../src/collections/Threads/inbox')
  manager = await staffUser('manager', 'Ana Chat')
  managerId = Number(manager.id)
  chef = await staffUser('chef', 'Chef Chat')
})

const localReq = (): Promise<PayloadRequest> => createLocalReq({}, payload)

async function threadOf(messageId: number): Promise<number> {
  return Number((await payload.findByID({ collection: 'messages', id: messageId, depth: 0, overrideAccess: true })).thread)
}

/** A visitor's chat as the chat server stores it: their words, the assistant's answer (with links), optionally a staff reply. */
async function visitorChat(opts: { seenMsAgo: number | null; staffReply?: boolean; links?: unknown }): Promise<{ threadId: number; visitor: string; ids: { customer: number; assistant: number; staff?: number } }> {
  const visitor = visitorId()
  const req = await localReq()
  const customer = (await store.recordInbound(req, { channel: 'chat', owner: { visitor }, body: 'Do you cater on Christmas Eve?' })).id
  const assistant = (await store.queueMessage(req, { channel: 'chat', owner: { visitor }, body: 'Yes! Christmas Eve is open. Book it here:' })).id
  if (opts.links !== undefined) await payload.update({ collection: 'messages', id: assistant, data: { chatLinks: opts.links as never }, overrideAccess: true, depth: 0 })
  const staff = opts.staffReply ? (await store.queueMessage(req, { channel: 'chat', owner: { visitor }, body: 'Hi, Ana here — happy to help.', authorId: managerId })).id : undefined
  const threadId = await threadOf(customer)
  if (opts.seenMsAgo !== null) await setChat(threadId, { chatSeenAt: new Date(Date.now() - opts.seenMsAgo).toISOString() })
  return { threadId, visitor, ids: { customer, assistant, staff } }
}

/** Sets a thread's chat fields as the system does (the chat server and the takeover endpoint). */
async function setChat(threadId: number, data: { chatSeenAt?: string | null; chatMode?: 'assistant' | 'staff'; chatStaff?: number | null }) {
  await payload.update({ collection: 'threads', id: threadId, data, overrideAccess: true, depth: 0 })
}

async function list(query: Record<string, string>, now?: Date) {
  return (await inbox.listThreads(await localReq(), manager, inbox.inboxFiltersFrom({ state: 'all', ...query }), now)).threads
}

describe('live chats in the inbox list', () => {
  let live: Awaited<ReturnType<typeof visitorChat>>
  let stale: Awaited<ReturnType<typeof visitorChat>>
  let emailThread: number

  beforeAll(async () => {
    live = await visitorChat({ seenMsAgo: 5_000 })
    stale = await visitorChat({ seenMsAgo: CHAT_LIVE_MS + 60_000 })
    const customer = await payload.create({ collection: 'customers', data: { email: `inbox-chat-email-${RUN}@example.com`, name: `Emma Nochat ${RUN}`, password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    emailThread = await threadOf((await store.recordInbound(await localReq(), { channel: 'email', owner: { customerId: customer.id }, from: customer.email, subject: 'Hello', body: 'By email only' })).id)
  })

  it('marks a thread live while its chat window showed a sign of life within CHAT_LIVE_MS, with who answers', async () => {
    const [shown] = await list({ q: live.visitor.slice(0, 6) })
    expect(shown?.id).toBe(live.threadId)
    expect(shown?.title).toBe(`Chat visitor ${live.visitor.slice(0, 6)}`)
    expect(shown?.chat).toMatchObject({ live: true, mode: 'assistant', staff: null })
    expect(shown?.lastChannel).toBe('chat')

    const [old] = await list({ q: stale.visitor.slice(0, 6) })
    expect(old?.id).toBe(stale.threadId)
    expect(old?.chat).toMatchObject({ live: false, mode: 'assistant' })

    const [email] = await list({ q: `Emma Nochat ${RUN}` })
    expect(email?.id).toBe(emailThread)
    expect(email?.chat).toBeNull()
  })

  it('the "Live chats" filter (?live=1) finds the live ones only, with the other filters', async () => {
    const liveOnly = (await list({ live: '1' })).map((t) => t.id)
    expect(liveOnly).toContain(live.threadId)
    expect(liveOnly).not.toContain(stale.threadId)
    expect(liveOnly).not.toContain(emailThread)
    expect((await list({ live: '1', q: live.visitor.slice(0, 6) })).map((t) => t.id)).toEqual([live.threadId])
    expect((await list({ live: '1', q: stale.visitor.slice(0, 6) })).map((t) => t.id)).toEqual([])
    expect((await list({ live: '1', channel: 'chat' })).map((t) => t.id)).toContain(live.threadId)
    expect((await list({ live: '1', channel: 'email' })).map((t) => t.id)).not.toContain(live.threadId)
    // Without the filter every chat thread is listed.
    expect((await list({ channel: 'chat', q: stale.visitor.slice(0, 6) })).map((t) => t.id)).toEqual([stale.threadId])
  })

  it('is live on the clock it is read with: up to CHAT_LIVE_MS after the last sign of life, not at it', async () => {
    const seen = new Date('2026-12-02T17:00:00.000Z')
    const t = await visitorChat({ seenMsAgo: null })
    await setChat(t.threadId, { chatSeenAt: seen.toISOString() })
    const q = t.visitor.slice(0, 6)
    const justBefore = new Date(seen.getTime() + CHAT_LIVE_MS - 1)
    const atLimit = new Date(seen.getTime() + CHAT_LIVE_MS)
    expect((await list({ q }, justBefore))[0]?.chat?.live).toBe(true)
    expect((await list({ q }, atLimit))[0]?.chat?.live).toBe(false)
    expect((await list({ q, live: '1' }, justBefore)).map((x) => x.id)).toEqual([t.threadId])
    expect((await list({ q, live: '1' }, atLimit)).map((x) => x.id)).toEqual([])
    expect((await inbox.loadThread(await localReq(), manager, t.threadId, justBefore))?.chat?.live).toBe(true)
    expect((await inbox.loadThread(await localReq(), manager, t.threadId, atLimit))?.chat?.live).toBe(false)
  })

  it('says who answers once staff took the chat over, and the assistant again once handed back', async () => {
    await setChat(live.threadId, { chatMode: 'staff', chatStaff: managerId })
    const [taken] = await list({ q: live.visitor.slice(0, 6) })
    expect(taken?.chat).toMatchObject({ live: true, mode: 'staff', staff: { id: managerId, name: 'Ana Chat' } })
    const page = await inbox.loadThread(await localReq(), manager, live.threadId)
    expect(page?.chat).toMatchObject({ live: true, mode: 'staff', staff: { id: managerId, name: 'Ana Chat' } })

    await setChat(live.threadId, { chatMode: 'assistant', chatStaff: null })
    const [back] = await list({ q: live.visitor.slice(0, 6) })
    expect(back?.chat).toMatchObject({ mode: 'assistant', staff: null })
  })
})

describe('a chat thread’s page', () => {
  it('gives each chat message its role — customer, assistant, staff by name — and the links the assistant offered', async () => {
    const links = [
      { label: 'Book Christmas Eve', href: '/book?date=2026-12-24' },
      { label: 'Other site', href: 'https://evil.example/' },
      { label: 'Backslash trick', href: '/\\evil.example' },
      { label: 'Menu', href: '/menu' },
    ]
    const t = await visitorChat({ seenMsAgo: 1_000, staffReply: true, links })
    const page = await inbox.loadThread(await localReq(), manager, t.threadId)
    if (!page) throw new Error('no thread page')

    expect(page.customer).toBeNull()
    expect(page.phone).toBeNull()
    expect(page.visitor).toBe(true)
    expect(page.title).toBe(`Chat visitor ${t.visitor.slice(0, 6)}`)
    expect(page.chat).toMatchObject({ live: true, mode: 'assistant', staff: null })
    expect(typeof page.chat?.seenAt).toBe('string')

    const byId = new Map(page.messages.map((m) => [m.id, m]))
    expect(byId.get(t.ids.customer)).toMatchObject({ channel: 'chat', direction: 'inbound', chatRole: 'customer', author: null, chatLinks: [] })
    expect(byId.get(t.ids.assistant)).toMatchObject({
      channel: 'chat',
      direction: 'outbound',
      status: 'sent',
      chatRole: 'assistant',
      author: null,
      chatLinks: [
        { label: 'Book Christmas Eve', href: '/book?date=2026-12-24' },
        { label: 'Menu', href: '/menu' },
      ],
    })
    expect(byId.get(t.ids.staff ?? 0)).toMatchObject({ channel: 'chat', direction: 'outbound', chatRole: 'staff', author: { id: managerId, name: 'Ana Chat' } })
    // Oldest first.
    expect(page.messages.map((m) => m.id)).toEqual([t.ids.customer, t.ids.assistant, t.ids.staff])
  })

  it('a customer’s thread with chat turns has a chat even before a window was seen; its other messages have no chat role', async () => {
    const customer = await payload.create({ collection: 'customers', data: { email: `inbox-chat-casey-${RUN}@example.com`, name: `Casey Chat ${RUN}`, password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    const req = await localReq()
    const email = (await store.recordInbound(req, { channel: 'email', owner: { customerId: customer.id }, from: customer.email, subject: 'Party', body: 'By email first' })).id
    const chat = (await store.recordInbound(req, { channel: 'chat', owner: { customerId: customer.id }, body: 'And now in the chat' })).id
    const note = (await store.queueMessage(req, { channel: 'note', owner: { customerId: customer.id }, body: 'Staff note', authorId: managerId })).id
    const threadId = await threadOf(chat)

    const page = await inbox.loadThread(await localReq(), manager, threadId)
    if (!page) throw new Error('no thread page')
    expect(page.visitor).toBe(false)
    expect(page.customer?.id).toBe(customer.id)
    expect(page.chat).toMatchObject({ live: false, mode: 'assistant', seenAt: null })
    const role = (id: number) => page.messages.find((m) => m.id === id)?.chatRole
    expect(role(chat)).toBe('customer')
    expect(role(email)).toBeNull()
    expect(role(note)).toBeNull()
    // The last message is a note: the list cannot tell from the row alone until a window is seen.
    const [listed] = await list({ q: `Casey Chat ${RUN}` })
    expect(listed?.id).toBe(threadId)
    await setChat(threadId, { chatSeenAt: new Date().toISOString() })
    expect((await list({ q: `Casey Chat ${RUN}` }))[0]?.chat).toMatchObject({ live: true })
  })

  it('a thread without chat has no chat state and no chat roles', async () => {
    const customer = await payload.create({ collection: 'customers', data: { email: `inbox-chat-none-${RUN}@example.com`, name: `Nora Nochat ${RUN}`, password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    const threadId = await threadOf((await store.recordInbound(await localReq(), { channel: 'web', owner: { customerId: customer.id }, body: 'From the account page' })).id)
    const page = await inbox.loadThread(await localReq(), manager, threadId)
    expect(page?.chat).toBeNull()
    expect(page?.visitor).toBe(false)
    expect(page?.messages.every((m) => m.chatRole === null && m.chatLinks.length === 0)).toBe(true)
  })

  it('is read as the signed-in user: a chef gets no chat thread, in the list or by id', async () => {
    const t = await visitorChat({ seenMsAgo: 1_000 })
    await expect(inbox.listThreads(await localReq(), chef, inbox.inboxFiltersFrom({ live: '1' }))).rejects.toThrow()
    // By id it reads as "no such thread" (the view then says so), never the chat.
    expect(await inbox.loadThread(await localReq(), chef, t.threadId)).toBeUndefined()
  })
})
