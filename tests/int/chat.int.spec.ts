/**
 * The storefront chat's server against real Postgres and (when REDIS_URL is set, as in CI) real
 * Redis: two chat server instances (the real createChatServer and bus, each on an http server of
 * its own) and `ws` clients.
 * - the plain responder answers a price question with the quote endpoint's own total, and a
 *   free-times question with the availability endpoint's own slots;
 * - every turn is a `messages` row; a client id sent twice is stored and answered once; `since`
 *   resyncs what a reconnecting window missed;
 * - staff take over through the REST endpoint: the window on the OTHER instance hears
 *   "joined" and the staff reply within 1 s, and the assistant stays quiet meanwhile;
 * - identity: a signed visitor cookie, a signed-in customer's thread, a manage link's booking;
 *   a bad manage token closes with 4003;
 * - limits: Origin, connections per IP, frame size, message rate, invalid frames, dead sockets,
 *   and 1001 on shutdown;
 * - who may call the takeover endpoints.
 * Booking days of this file: dateAhead(171) (a booking); dateAhead(173) is only read (quotes, free times).
 */
import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, PASSWORD, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { clientId, connectChat, startChatInstance, type ChatInstance, type TestClient } from '../helpers/chat-client'
import { restClient } from '../helpers/rest'

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

let payload: Payload
let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>
let one: ChatInstance
let two: ChatInstance
let staffHeaders: Record<string, string>
let staffName: string
const roleHeaders: Record<'chef' | 'editor' | 'customer', Record<string, string>> = { chef: {}, editor: {}, customer: {} }

type Format = typeof import('../../src/site/format')
let format: Format

const money = (cents: number) => format.formatCents(cents, 'usd')

/** A window: connected, hello sent, ready received. */
async function openWindow(instance: ChatInstance, opts: { cookie?: string; since?: number; manage?: string } = {}): Promise<{ client: TestClient; cookie: string }> {
  const client = await connectChat(instance.url, { cookie: opts.cookie })
  client.send({ type: 'hello', ...(opts.since !== undefined ? { since: opts.since } : {}), ...(opts.manage ? { manage: opts.manage } : {}) })
  await client.next('ready')
  const cookie = opts.cookie ?? (client.setCookie ?? '').split(';')[0] ?? ''
  return { client, cookie }
}

/** Sends a message and waits for its ack and (unless `quiet`) the assistant's stored reply. */
async function ask(client: TestClient, text: string) {
  const id = clientId()
  const from = client.frames.length
  client.send({ type: 'message', clientId: id, text })
  const ack = await client.next('message', (f) => f.message.clientId === id, { from })
  const done = await client.next('done', undefined, { from })
  return { id, ack: ack.message, reply: done.message, deltas: client.frames.slice(from).filter((f) => f.type === 'delta') }
}

async function threadOfVisitorCookie(cookie: string): Promise<number> {
  const visitor = decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[0] ?? ''
  const found = await payload.find({ collection: 'threads', where: { visitor: { equals: visitor } }, overrideAccess: true, limit: 1, depth: 0 })
  const thread = found.docs[0]
  if (!thread) throw new Error('no thread for that visitor')
  return thread.id
}

beforeAll(async () => {
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  format = await import('../../src/site/format')
  await applySettings(payload)
  const { createPlainAnswerer } = await import('../../src/chat/assistant/plain')
  one = await startChatInstance(payload, createPlainAnswerer())
  two = await startChatInstance(payload, createPlainAnswerer())
  const manager = `chat-manager-${RUN}@myhibachi.test`
  const managerId = await createStaff(payload, manager, 'manager')
  await payload.update({ collection: 'users', id: managerId, data: { name: 'Ana Chatwell' }, overrideAccess: true })
  staffName = 'Ana'
  staffHeaders = await staffAuth(rest, manager)
  for (const role of ['chef', 'editor'] as const) {
    const address = `chat-${role}-${RUN}@myhibachi.test`
    await createStaff(payload, address, role)
    roleHeaders[role] = await staffAuth(rest, address)
  }
  const customerEmail = `chat-customer-${RUN}@example.com`
  await payload.create({ collection: 'customers', data: { email: customerEmail, name: 'Cam Chat', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const login = await rest<{ token: string }>('POST', '/customers/login', { body: { email: customerEmail, password: PASSWORD } })
  expect(login.status).toBe(200)
  roleHeaders.customer = { Authorization: `JWT ${login.body.token}`, cookie: `payload-token=${login.body.token}` }
})

afterAll(async () => {
  await one?.close()
  await two?.close()
})

describe('the plain responder answers from the real tools', () => {
  it('gives the quote endpoint’s own total for a party and ZIP', async () => {
    const { client } = await openWindow(one)
    const { reply, ack } = await ask(client, 'How much would it cost for 12 guests in 10003?')
    expect(ack.role).toBe('customer')
    expect(reply.role).toBe('assistant')
    const quote = await rest<{ totalCents: number; depositCents: number }>('POST', '/quote', {
      body: { eventDate: dateAhead(173), startTime: '17:00', guests: { adults: 12, children: 0 }, address: { zip: '10003' } },
    })
    expect(quote.status).toBe(200)
    const amounts = [...reply.text.matchAll(/\$[\d,]+(?:\.\d{2})?/g)].map((m) => m[0])
    expect(amounts).toContain(money(quote.body.totalCents))
    expect(amounts).toContain(money(quote.body.depositCents))
    client.close()
  })

  it('lists the availability endpoint’s own free times for a date and party, with a pre-filled booking link', async () => {
    const date = dateAhead(173)
    const { client } = await openWindow(one)
    const { reply } = await ask(client, `Are you free on ${date} for 12 people?`)
    const availability = await rest<{ days: { slots: { time: string; available: boolean }[] }[] }>('GET', `/availability?from=${date}&to=${date}&guests=12`)
    const free = availability.body.days[0]?.slots.filter((s) => s.available).map((s) => format.formatClock(s.time)) ?? []
    expect(free.length).toBeGreaterThan(0)
    for (const t of free.slice(0, 3)) expect(reply.text).toContain(t)
    expect(reply.links?.some((l) => l.href.startsWith('/book?') && l.href.includes(`date=${date}`) && l.href.includes('adults=12'))).toBe(true)
    client.close()
  })

  it('stores every turn as a chat message in the visitor’s thread', async () => {
    const { client, cookie } = await openWindow(one)
    expect(cookie).toMatch(/^mh_chat=/)
    await ask(client, 'What is on the menu?')
    const threadId = await threadOfVisitorCookie(cookie)
    const rows = await payload.find({ collection: 'messages', where: { thread: { equals: threadId } }, overrideAccess: true, sort: 'id', depth: 0 })
    expect(rows.docs.map((m) => [m.channel, m.direction])).toEqual([
      ['chat', 'inbound'],
      ['chat', 'outbound'],
    ])
    // Live in the inbox from the first message, not from the next heartbeat.
    const thread = await payload.findByID({ collection: 'threads', id: threadId, overrideAccess: true, depth: 0 })
    expect(Date.now() - new Date(thread.chatSeenAt ?? 0).getTime()).toBeLessThan(30_000)
    client.close()
  })
})

describe('the AI assistant (OpenAI Responses API, against a local fake)', () => {
  it('asks check_availability then quote, and its reply carries the quote endpoint’s own total; a dead provider offers the form and staff', async () => {
    const { startFakeOpenAi, FAKE_OPENAI_KEY } = await import('../helpers/fake-openai')
    const { createOpenAiAnswerer } = await import('../../src/chat/assistant/openai')
    const date = dateAhead(173)
    let dead = false
    const fake = await startFakeOpenAi({
      script: (req) => {
        if (dead) return { status: 500, body: { error: { message: 'down', type: 'server_error' } } }
        const outputs = req.input.filter((i): i is { type: string; output: string } => typeof i === 'object' && i !== null && (i as { type?: string }).type === 'function_call_output')
        if (outputs.length === 0) return { call: { name: 'check_availability', arguments: { from: date, to: null, adults: 12, children: null } } }
        if (outputs.length === 1) return { call: { name: 'quote', arguments: { adults: 12, children: null, zip: '10003', date, time: null } } }
        const [availability, quote] = outputs.map((o) => JSON.parse(o.output) as unknown) as [{ days: { label: string; times: { label: string }[] }[] }, { formatted: { total: string; deposit: string } }]
        const day = availability.days[0]
        return { text: `${day?.label ?? ''}: free at ${day?.times.map((t) => t.label).join(' and ') ?? ''}. The total would be ${quote.formatted.total} with a ${quote.formatted.deposit} deposit.` }
      },
    })
    const pino = (await import('pino')).default
    const ai = await startChatInstance(
      payload,
      createOpenAiAnswerer({ apiKey: FAKE_OPENAI_KEY, baseURL: fake.url, model: 'gpt-test', timeoutMs: 3_000, maxRetries: 0, breaker: { failures: 2, cooldownMs: 60_000 }, log: pino({ level: 'silent' }) }),
    )
    try {
      const client = await connectChat(ai.url)
      client.send({ type: 'hello' })
      expect((await client.next('ready')).assistant).toBe('ai')
      const { reply, deltas } = await ask(client, `Are you free on ${date} for 12 guests in 10003, and what would it cost?`)
      expect(deltas.length).toBeGreaterThan(1)
      const quote = await rest<{ totalCents: number; depositCents: number }>('POST', '/quote', { body: { eventDate: date, startTime: '17:00', guests: { adults: 12, children: 0 }, address: { zip: '10003' } } })
      const amounts = [...reply.text.matchAll(/\$[\d,]+(?:\.\d{2})?/g)].map((m) => m[0])
      expect(amounts[0]).toBe(money(quote.body.totalCents))
      expect(fake.requests).toHaveLength(3)

      // The provider dies: the customer is offered the booking form and the contact page, twice;
      // then the circuit is open and the provider is not even called.
      dead = true
      for (let i = 0; i < 3; i++) {
        const from = client.frames.length
        client.send({ type: 'message', clientId: clientId(), text: 'Hello?' })
        const err = await client.next('error', undefined, { from })
        expect(err.code).toBe('assistant_unavailable')
        expect(err.links?.map((l) => l.href)).toEqual(['/book', '/contact'])
      }
      expect(fake.requests.length).toBe(5)
      client.close()
    } finally {
      await ai.close()
      await fake.close()
    }
  })
})

describe('exactly once, and resync', () => {
  it('stores and answers a client id once, even when it is sent again after a reconnect', async () => {
    const first = await openWindow(one)
    const id = clientId()
    first.client.send({ type: 'message', clientId: id, text: 'Do you do vegetarian?' })
    const ack = await first.client.next('message', (f) => f.message.clientId === id)
    await first.client.next('done')
    first.client.close()

    const again = await openWindow(two, { cookie: first.cookie, since: ack.message.id })
    const from = again.client.frames.length
    again.client.send({ type: 'message', clientId: id, text: 'Do you do vegetarian?' })
    const reAck = await again.client.next('message', (f) => f.message.clientId === id, { from })
    expect(reAck.message.id).toBe(ack.message.id)
    await new Promise((r) => setTimeout(r, 500))
    expect(again.client.frames.slice(from).filter((f) => f.type === 'done' || f.type === 'delta')).toEqual([])
    const threadId = await threadOfVisitorCookie(first.cookie)
    const rows = await payload.count({ collection: 'messages', where: { thread: { equals: threadId } }, overrideAccess: true })
    expect(rows.totalDocs).toBe(2)
    again.client.close()
  })

  it('answers a stored customer turn whose answer was lost (the server stopped mid-answer) when its window comes back, once', async () => {
    const first = await openWindow(one)
    const a = await ask(first.client, 'What is on the menu?')
    first.client.close()
    // What a server that stored the turn and then stopped before answering leaves behind.
    const visitor = decodeURIComponent(first.cookie.split('=')[1] ?? '').split('.')[0] ?? ''
    const { storeCustomerMessage } = await import('../../src/chat/conversations')
    const lost = await storeCustomerMessage(payload, { owner: { visitor }, bookingId: null, clientId: clientId(), text: 'Do you bring the grill?' })
    expect(lost.created).toBe(true)

    const back = await openWindow(two, { cookie: first.cookie, since: a.reply.id })
    await back.client.next('message', (f) => f.message.id === lost.message.id)
    const reply = await back.client.next('done')
    expect(reply.message.role).toBe('assistant')
    expect(reply.message.id).toBeGreaterThan(lost.message.id)
    back.client.close()

    // Answered now: a window coming back again is not answered a second time.
    const again = await openWindow(one, { cookie: first.cookie, since: reply.message.id })
    await new Promise((r) => setTimeout(r, 500))
    expect(again.client.frames.filter((f) => f.type === 'done' || f.type === 'delta' || f.type === 'message')).toEqual([])
    again.client.close()
    const rows = await payload.count({ collection: 'messages', where: { and: [{ thread: { equals: lost.threadId } }, { direction: { equals: 'outbound' } }] }, overrideAccess: true })
    expect(rows.totalDocs).toBe(2)
  })

  it('sends a reconnecting window only what came after `since`', async () => {
    const first = await openWindow(one)
    const a = await ask(first.client, 'What is on the menu?')
    const b = await ask(first.client, 'How much for 10 guests?')
    first.client.close()
    const back = await openWindow(two, { cookie: first.cookie, since: a.reply.id })
    await back.client.next('message', (f) => f.message.id === b.reply.id)
    const ids = back.client.frames.filter((f) => f.type === 'message').map((f) => (f.type === 'message' ? f.message.id : 0))
    expect(ids).toEqual([b.ack.id, b.reply.id])
    back.client.close()
  })
})

describe('staff take over, across instances', () => {
  it('the window on the other instance hears "joined" and the staff reply within 1 s; the assistant stays quiet', async () => {
    const { client, cookie } = await openWindow(one)
    await ask(client, 'Can I talk to a person?')
    const threadId = await threadOfVisitorCookie(cookie)

    let from = client.frames.length
    let t0 = Date.now()
    const taken = await rest<{ chatMode: string; staff: string }>('POST', `/threads/${threadId}/chat/takeover`, { headers: staffHeaders })
    expect(taken.status).toBe(200)
    expect(taken.body).toEqual({ chatMode: 'staff', staff: staffName })
    const joined = await client.next('staff_joined', undefined, { from, timeoutMs: 1_000 })
    expect(joined.name).toBe(staffName)
    expect(Date.now() - t0).toBeLessThan(1_000)

    // The customer writes: stored and acked, not answered by the assistant.
    from = client.frames.length
    const id = clientId()
    client.send({ type: 'message', clientId: id, text: 'Thanks Ana, is 6pm possible?' })
    await client.next('message', (f) => f.message.clientId === id, { from })
    await new Promise((r) => setTimeout(r, 400))
    expect(client.frames.slice(from).some((f) => f.type === 'done')).toBe(false)

    // Staff reply from the inbox (REST, through the process's shared bus) reaches the window on instance one.
    from = client.frames.length
    t0 = Date.now()
    const reply = await rest<{ message: { id: number; status: string } }>('POST', `/threads/${threadId}/reply`, { headers: staffHeaders, body: { channel: 'chat', body: 'Yes, 6 pm works. Shall I hold it?' } })
    expect(reply.status).toBe(201)
    expect(reply.body.message.status).toBe('sent')
    const staffMessage = await client.next('message', (f) => f.message.role === 'staff', { from, timeoutMs: 1_000 })
    expect(Date.now() - t0).toBeLessThan(1_000)
    expect(staffMessage.message).toMatchObject({ id: reply.body.message.id, author: staffName, text: 'Yes, 6 pm works. Shall I hold it?' })

    // A second window of the same visitor on the other instance sees the turns too.
    const other = await openWindow(two, { cookie })
    await other.client.next('message', (f) => f.message.id === reply.body.message.id)

    // Handing back: "left", and the assistant answers again.
    from = client.frames.length
    const released = await rest('POST', `/threads/${threadId}/chat/release`, { headers: staffHeaders })
    expect(released.status).toBe(200)
    await client.next('staff_left', undefined, { from, timeoutMs: 1_000 })
    const answered = await ask(client, 'What is on the menu?')
    expect(answered.reply.role).toBe('assistant')
    client.close()
    other.client.close()
  })

  it('only managers and admins may take over or hand back; a thread without a chat is a 400 naming thread', async () => {
    const { client, cookie } = await openWindow(one)
    await ask(client, 'Hello')
    const threadId = await threadOfVisitorCookie(cookie)
    for (const path of ['takeover', 'release']) {
      expect((await rest('POST', `/threads/${threadId}/chat/${path}`)).status).toBe(401)
      for (const role of ['customer', 'chef', 'editor'] as const) expect((await rest('POST', `/threads/${threadId}/chat/${path}`, { headers: roleHeaders[role] })).status).toBe(403)
      expect((await rest('POST', `/threads/999999999/chat/${path}`, { headers: staffHeaders })).status).toBe(404)
    }
    const customer = await payload.create({ collection: 'customers', data: { email: `chat-nochat-${RUN}@example.com`, name: 'No Chat', password: PASSWORD }, overrideAccess: true, disableVerificationEmail: true })
    const store = await import('../../src/collections/Messages/store')
    const { createLocalReq } = await import('payload')
    const req = await createLocalReq({}, payload)
    await store.recordInbound(req, { channel: 'email', owner: { customerId: customer.id }, body: 'hi', from: 'x@example.com' })
    const thread = (await payload.find({ collection: 'threads', where: { customer: { equals: customer.id } }, overrideAccess: true, depth: 0 })).docs[0]
    const refused = await rest<{ errors: { data?: { errors?: { path: string }[] } }[] }>('POST', `/threads/${thread?.id}/chat/takeover`, { headers: staffHeaders })
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.body)).toContain('thread')
    client.close()
  })
})

describe('who can read chats through the API', () => {
  it('the visitor id never leaves the server; chefs, editors and customers read no chat thread; a customer reads only their own turns', async () => {
    const { client, cookie } = await openWindow(one)
    await ask(client, 'What is on the menu?')
    client.close()
    const threadId = await threadOfVisitorCookie(cookie)
    const visitor = decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[0] ?? ''

    const asStaff = await rest<Record<string, unknown>>('GET', `/threads/${threadId}?depth=2`, { headers: staffHeaders })
    expect(asStaff.status).toBe(200)
    expect(asStaff.body.chatMode).toBe('assistant')
    expect(JSON.stringify(asStaff.body)).not.toContain(visitor)
    const byVisitor = await rest<{ totalDocs: number }>('GET', `/threads?where[visitor][equals]=${visitor}`, { headers: staffHeaders })
    expect(byVisitor.body.totalDocs ?? 0).toBe(0)

    for (const who of ['chef', 'editor', 'customer'] as const) {
      const res = await rest<{ docs?: unknown[] }>('GET', `/threads/${threadId}`, { headers: roleHeaders[who] })
      expect(res.status, who).toBeGreaterThanOrEqual(403)
    }
    expect((await rest('GET', `/threads/${threadId}`)).status).toBeGreaterThanOrEqual(401)

    const mine = await rest<{ docs: { customer?: number | { id: number } | null; body: string }[] }>('GET', '/messages?where[channel][equals]=chat&limit=100&depth=0', { headers: roleHeaders.customer })
    expect(mine.status).toBe(200)
    const me = (await payload.find({ collection: 'customers', where: { email: { equals: `chat-customer-${RUN}@example.com` } }, overrideAccess: true, depth: 0 })).docs[0]?.id
    for (const m of mine.body.docs) expect(typeof m.customer === 'object' && m.customer ? m.customer.id : m.customer).toBe(me)
    const anon = await rest<{ docs?: unknown[] }>('GET', '/messages?where[channel][equals]=chat')
    expect(anon.status === 401 || anon.status === 403 || (anon.body.docs ?? []).length === 0).toBe(true)
  })
})

describe('who is talking', () => {
  it('a forged or foreign cookie is not honoured: a new conversation and a new cookie', async () => {
    const { cookie } = await openWindow(one)
    const [name, value] = cookie.split('=')
    const [visitor] = decodeURIComponent(value ?? '').split('.')
    const forged = await connectChat(one.url, { cookie: `${name}=${visitor}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` })
    expect(forged.setCookie).toMatch(/^mh_chat=/)
    expect(forged.setCookie?.split('.')[0]).not.toBe(`${name}=${visitor}`)
    expect(forged.setCookie).toContain('HttpOnly')
    forged.close()
  })

  it('a signed-in customer chats in their own thread, and is known', async () => {
    const client = await connectChat(one.url, { cookie: roleHeaders.customer.cookie })
    client.send({ type: 'hello' })
    const ready = await client.next('ready')
    expect(ready.known).toBe(true)
    await ask(client, 'What is on the menu?')
    const me = await payload.find({ collection: 'customers', where: { email: { equals: `chat-customer-${RUN}@example.com` } }, overrideAccess: true, depth: 0 })
    const thread = (await payload.find({ collection: 'threads', where: { customer: { equals: me.docs[0]?.id } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(thread?.lastChannel).toBe('chat')
    client.close()
  })

  it('a manage link joins that booking’s thread; a bad token closes with 4003', async () => {
    const created = await rest<DocResponse & { doc: { manageToken?: string } }>('POST', '/bookings', { body: bookingBody(dateAhead(171), `chat-booker-${RUN}@example.com`) })
    expect(created.status).toBe(201)
    const token = String(created.body.doc.manageToken)
    expect(token.length).toBeGreaterThan(20)
    const { client } = await openWindow(one, { manage: token })
    const { ack } = await ask(client, 'What is your cancellation policy?')
    const row = await payload.findByID({ collection: 'messages', id: ack.id, overrideAccess: true, depth: 0 })
    expect(row.booking).toBe(created.body.doc.id)
    client.close()

    const bad = await connectChat(one.url)
    bad.send({ type: 'hello', manage: 'not-a-real-token-at-all-xxxxxxxx' })
    expect((await bad.closed).code).toBe(4003)
  })
})

describe('limits', () => {
  it('refuses a handshake from another origin (403)', async () => {
    await expect(connectChat(one.url, { origin: 'https://evil.example' })).rejects.toThrow(/403/)
  })

  it('answers a bad frame with an error naming the field, and closes after repeated ones (1008)', async () => {
    const { client } = await openWindow(one)
    client.send('not json')
    expect((await client.next('error')).code).toBe('invalid_frame')
    const from = client.frames.length
    client.send({ type: 'message', clientId: 'x', text: 'hi' })
    const err = await client.next('error', undefined, { from })
    expect(err.field).toBe('clientId')
    for (let i = 0; i < 5; i++) client.send({ type: 'nope' })
    expect((await client.closed).code).toBe(1008)
  })

  it('closes a frame over the size limit with 1009', async () => {
    const { client } = await openWindow(one)
    client.send({ type: 'message', clientId: clientId(), text: 'x'.repeat(20_000) })
    expect((await client.closed).code).toBe(1009)
  })

  it('limits messages per connection (error frame, then 4008) and connections per address (4029)', async () => {
    const strict = await startChatInstance(payload, (await import('../../src/chat/assistant/plain')).createPlainAnswerer(), { messagesPerMinute: 2, maxConnectionsPerIp: 2 })
    try {
      const { client } = await openWindow(strict)
      await ask(client, 'Hello')
      await ask(client, 'Hello again')
      const from = client.frames.length
      client.send({ type: 'message', clientId: clientId(), text: 'one too many' })
      expect((await client.next('error', undefined, { from })).code).toBe('rate_limited')
      for (let i = 0; i < 5; i++) client.send({ type: 'message', clientId: clientId(), text: 'flood' })
      expect((await client.closed).code).toBe(4008)

      const a = await connectChat(strict.url)
      const b = await connectChat(strict.url)
      const c = await connectChat(strict.url)
      expect((await c.closed).code).toBe(4029)
      a.close()
      b.close()
    } finally {
      await strict.close()
    }
  })

  it('terminates a socket that stops answering pings, and closes the rest with 1001 on shutdown', async () => {
    const quick = await startChatInstance(payload, (await import('../../src/chat/assistant/plain')).createPlainAnswerer(), { heartbeatMs: 150 })
    const dead = await connectChat(quick.url, { autoPong: false })
    const alive = await connectChat(quick.url)
    const deadClosed = await dead.closed
    expect(deadClosed.code).toBe(1006)
    await expect.poll(() => quick.chat.connections(), { timeout: 1_000 }).toBe(1)
    await quick.close()
    expect((await alive.closed).code).toBe(1001)
  })
})
