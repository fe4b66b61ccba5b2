/**
 * The staff inbox's server side against real Postgres and a real SMTP server (a local
 * smtp-server sink), over REST and GraphQL through Payload's real handlers:
 * - a reply by email is queued with its job in the same transaction, the job sends it once to the
 *   customer's address with the subject ("Re: …" by default) and body, and it is recorded `sent`;
 *   a note is kept and sent to nobody; a text without Twilio is 503 and writes nothing;
 * - bad reply bodies (a fast-check property) are never a 5xx and write nothing;
 * - every role's access to the three endpoints, to `threads` and `messages` over REST (depth
 *   included) and GraphQL;
 * - opening a thread marks its inbound messages read and its unread count 0;
 * - a failed email retried from the inbox is sent once; assigning and done/reopen go through
 *   Payload's own PATCH with only `state` and `assignee` writable, to managers and admins only;
 * - the inbox's list filters (state, channel, booking, mine) and its thread page (masked links).
 * Booking days of this file: dateAhead(27..29), (31..35).
 */
import fc from 'fast-check'
import { createLocalReq, getPayload, handleEndpoints, type Payload, type SanitizedConfig, type TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, errorPaths, PASSWORD, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { graphqlClient } from '../helpers/graphql'
import { drainJobsOf, pendingJobIds } from '../helpers/jobs'
import { restClient, type RestResponse } from '../helpers/rest'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

type Role = 'admin' | 'manager' | 'chef' | 'editor'
type Caller = Role | 'customer' | 'anonymous'
const CALLERS: Caller[] = ['anonymous', 'customer', 'chef', 'editor', 'manager', 'admin']
const REFUSED: Record<Exclude<Caller, 'manager' | 'admin'>, number> = { anonymous: 401, customer: 403, chef: 403, editor: 403 }

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const email = (who: string) => `inbox-${who}-${RUN}@example.com`

let payload: Payload
let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>
let graphql: ReturnType<typeof graphqlClient>
let sink: SmtpSink
let smtpProxy: TcpProxy

type Store = typeof import('../../src/collections/Messages/store')
type Inbox = typeof import('../../src/collections/Threads/inbox')
let store: Store
let inbox: Inbox

const headers = {} as Record<Caller, Record<string, string>>
const ids = {} as Record<Role, number>
/** The verified customer who signs in (Casey), and another customer (Olive) whose data Casey must never see. */
let casey: { id: number; email: string }
let olive: { id: number; email: string }
let caseyBooking: number
let oliveBooking: number

beforeAll(async () => {
  sink = await startSmtpSink()
  const proxied = await proxyUrl(sink.url, 25)
  smtpProxy = proxied.proxy
  process.env.SMTP_URL = proxied.url
  process.env.MESSAGE_SEND_ATTEMPTS = '2'
  process.env.MESSAGE_RETRY_DELAY_MS = '10'
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  graphql = graphqlClient(config)
  store = await import('../../src/collections/Messages/store')
  inbox = await import('../../src/collections/Threads/inbox')
  await applySettings(payload)

  headers.anonymous = {}
  for (const role of ['admin', 'manager', 'chef', 'editor'] as const) {
    const address = `inbox-${role}-${RUN}@myhibachi.test`
    ids[role] = await createStaff(payload, address, role)
    headers[role] = await staffAuth(rest, address)
  }
  const makeCustomer = async (name: string, who: string) => {
    const doc = await payload.create({ collection: 'customers', data: { email: email(who), name, phone: '(212) 555-0142', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    return { id: doc.id, email: doc.email }
  }
  casey = await makeCustomer('Casey Inbox', 'casey')
  olive = await makeCustomer('Olive Inbox', 'olive')
  const login = await rest<{ token?: string }>('POST', '/customers/login', { body: { email: casey.email, password: PASSWORD } })
  if (typeof login.body.token !== 'string') throw new Error(`customer login: HTTP ${login.status}`)
  headers.customer = { Authorization: `JWT ${login.body.token}` }

  const book = async (day: number, who: string) => {
    const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), who) })
    if (res.status !== 201) throw new Error(`booking: HTTP ${res.status} ${JSON.stringify(res.body)}`)
    return res.body.doc.id
  }
  caseyBooking = await book(27, casey.email)
  oliveBooking = await book(28, olive.email)
})

afterAll(async () => {
  await smtpProxy.close()
  await sink.close()
  delete process.env.SMTP_URL
})

async function localReq() {
  return createLocalReq({}, payload)
}

/** A message from the customer, as the inbound webhooks record it; returns its thread id. */
async function inbound(customerId: number, body: string, extra: { subject?: string; channel?: 'email' | 'sms' | 'web' } = {}): Promise<{ messageId: number; threadId: number }> {
  const req = await localReq()
  const { id } = await store.recordInbound(req, { channel: extra.channel ?? 'email', owner: { customerId }, from: 'someone@example.com', subject: extra.subject, body })
  const message = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
  return { messageId: id, threadId: Number(message.thread) }
}

async function threadMessages(threadId: number) {
  const found = await payload.find({ collection: 'messages', where: { thread: { equals: threadId } }, sort: 'createdAt', depth: 0, limit: 0, pagination: false, overrideAccess: true, showHiddenFields: true })
  return found.docs
}

async function thread(threadId: number) {
  return payload.findByID({ collection: 'threads', id: threadId, depth: 0, joins: false, overrideAccess: true })
}

const reply = (threadId: number, body: unknown, caller: Caller = 'manager', extra: Record<string, string> = {}) =>
  rest<{ message?: { id: number; channel: string; status: string }; errors?: { name: string; message: string; data?: { reason?: string } }[] }>('POST', `/threads/${threadId}/reply`, { body, headers: { ...headers[caller], ...extra } })

function reason(res: RestResponse<unknown>): string | undefined {
  return (res.body as { errors?: { data?: { reason?: string } }[] }).errors?.[0]?.data?.reason
}

describe('replying from the inbox', () => {
  it('an email reply is queued with its job, sent once to the customer by the job with a "Re:" subject, and recorded sent', async () => {
    const { threadId } = await inbound(casey.id, 'Can we add two kids to our party?', { subject: 'Party size' })
    const res = await reply(threadId, { channel: 'email', body: 'Of course — two children are fine.\nSee you soon!' })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = res.body.message?.id
    if (!id) throw new Error('no message id')
    expect(res.body.message).toEqual({ id, channel: 'email', status: 'queued' })

    const stored = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(stored.status).toBe('queued')
    expect(stored.direction).toBe('outbound')
    expect(stored.to).toBe(casey.email)
    expect(stored.subject).toBe('Re: Party size')
    expect(Number(stored.thread)).toBe(threadId)
    expect(Number(stored.author)).toBe(ids.manager)
    expect(await pendingJobIds(payload, { messageIds: [id] })).toHaveLength(1)

    await drainJobsOf(payload, { messageIds: [id] })
    const mail = await sink.nextMessageTo(casey.email)
    expect(mail.subject).toBe('Re: Party size')
    expect(mail.text).toContain('Of course — two children are fine.')
    expect(mail.text).toContain('See you soon!')
    const sent = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(sent.status).toBe('sent')
    expect(sent.sentAt).toBeTruthy()
    expect(sink.received.filter((m) => m.parsed.messageId === mail.parsed.messageId)).toHaveLength(1)

    const after = await thread(threadId)
    expect(after.lastDirection).toBe('outbound')
    expect(after.lastChannel).toBe('email')
  })

  it('takes the subject staff wrote and links the customer’s booking; "Re: Re:" never happens', async () => {
    const { threadId } = await inbound(casey.id, 'About the date', { subject: 'Re: Our booking' })
    const res = await reply(threadId, { channel: 'email', subject: '  Your booking on the 5th  ', body: 'All set.', bookingId: caseyBooking })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = res.body.message?.id ?? 0
    const stored = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(stored.subject).toBe('Your booking on the 5th')
    expect(Number(stored.booking)).toBe(caseyBooking)
    await drainJobsOf(payload, { messageIds: [id] })
    expect((await sink.nextMessageTo(casey.email)).subject).toBe('Your booking on the 5th')

    const second = await reply(threadId, { channel: 'email', body: 'One more thing.', bookingId: String(caseyBooking) })
    expect(second.status).toBe(201)
    const secondId = second.body.message?.id ?? 0
    expect((await payload.findByID({ collection: 'messages', id: secondId, depth: 0, overrideAccess: true })).subject).toBe('Re: Your booking on the 5th')
    await drainJobsOf(payload, { messageIds: [secondId] })
    expect((await sink.nextMessageTo(casey.email)).subject).toBe('Re: Your booking on the 5th')
  })

  it('a thread with no email yet gets "Message from <business>"', async () => {
    // A customer with no booking (a booking's own emails would give the thread an email subject).
    const nina = await payload.create({ collection: 'customers', data: { email: email('nina'), name: 'Nina Inbox', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    const { threadId } = await inbound(nina.id, 'Hi from the account page', { channel: 'web' })
    const res = await reply(threadId, { channel: 'email', body: 'Thanks for writing.' })
    expect(res.status).toBe(201)
    const id = res.body.message?.id ?? 0
    expect((await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })).subject).toBe('Message from MyHibachi')
    await drainJobsOf(payload, { messageIds: [id] })
    expect((await sink.nextMessageTo(nina.email)).subject).toBe('Message from MyHibachi')
  })

  it('a note is kept in the thread, sent, and goes to nobody', async () => {
    const { threadId } = await inbound(casey.id, 'Note test')
    const before = sink.received.length
    const res = await reply(threadId, { channel: 'note', body: 'Prefers calls after 5pm' })
    expect(res.status).toBe(201)
    const id = res.body.message?.id ?? 0
    expect(res.body.message?.status).toBe('sent')
    const stored = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(stored.channel).toBe('note')
    expect(stored.to).toBeNull()
    expect(await pendingJobIds(payload, { messageIds: [id] })).toHaveLength(0)
    await new Promise((r) => setTimeout(r, 100))
    expect(sink.received.length).toBe(before)
  })

  it('a text without Twilio is 503 sms_not_configured and writes nothing', async () => {
    const { threadId } = await inbound(casey.id, 'Can you text me?')
    const before = (await threadMessages(threadId)).length
    const res = await reply(threadId, { channel: 'sms', body: 'Hello by text' })
    expect(res.status).toBe(503)
    expect(reason(res)).toBe('sms_not_configured')
    expect(await threadMessages(threadId)).toHaveLength(before)
  })

  it('an email to a thread that is only a phone number is 400 at channel', async () => {
    const req = await localReq()
    const phone = `+1212555${String(Date.now() % 10_000).padStart(4, '0')}`
    const { id } = await store.recordInbound(req, { channel: 'sms', owner: { phone }, from: phone, body: 'Who is this?' })
    const threadId = Number((await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })).thread)
    const res = await reply(threadId, { channel: 'email', body: 'Hello' })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toEqual(['channel'])
    const booked = await reply(threadId, { channel: 'note', body: 'Hello', bookingId: caseyBooking })
    expect(booked.status).toBe(400)
    expect(errorPaths(booked)).toEqual(['bookingId'])
    expect(await threadMessages(threadId)).toHaveLength(1)
  })

  it('a booking that is not the thread customer’s is 400 at bookingId, and nothing is written', async () => {
    const { threadId } = await inbound(casey.id, 'Booking check')
    const before = (await threadMessages(threadId)).length
    for (const bookingId of [oliveBooking, 2_000_000_000]) {
      const res = await reply(threadId, { channel: 'email', body: 'Hi', bookingId })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(errorPaths(res)).toEqual(['bookingId'])
    }
    expect(await threadMessages(threadId)).toHaveLength(before)
  })

  it('names each bad field: empty body, a subject on a note, an unknown channel, unknown keys', async () => {
    const { threadId } = await inbound(casey.id, 'Validation')
    const cases: [unknown, string[]][] = [
      [{ channel: 'email', body: '   ' }, ['body']],
      [{ channel: 'note', body: 'x', subject: 'Hi' }, ['subject']],
      [{ channel: 'fax', body: 'x' }, ['channel']],
      [{ channel: 'email', body: 'x', to: 'attacker@example.com' }, ['to']],
      [{ channel: 'email', body: 'x'.repeat(5001) }, ['body']],
      [{ channel: 'email', body: 'x', bookingId: -3 }, ['bookingId']],
      [[], ['body']],
    ]
    const before = (await threadMessages(threadId)).length
    for (const [body, paths] of cases) {
      const res = await reply(threadId, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorPaths(res)).toEqual(paths)
    }
    expect(await threadMessages(threadId)).toHaveLength(before)
  })

  it('an unknown thread is 404', async () => {
    for (const id of ['2000000000', 'abc', '0', '99999999999']) {
      const res = await rest('POST', `/threads/${id}/reply`, { body: { channel: 'note', body: 'x' }, headers: headers.manager })
      expect(res.status, id).toBe(404)
    }
  })

  it('the same Idempotency-Key sends once', async () => {
    const { threadId } = await inbound(casey.id, 'Idempotent')
    const key = `reply-${RUN}`
    const first = await reply(threadId, { channel: 'note', body: 'Once only' }, 'manager', { 'Idempotency-Key': key })
    const again = await reply(threadId, { channel: 'note', body: 'Once only' }, 'manager', { 'Idempotency-Key': key })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body.message?.id).toBe(first.body.message?.id)
    expect((await threadMessages(threadId)).filter((m) => m.body === 'Once only')).toHaveLength(1)
  })
})

describe('bad reply bodies (property)', () => {
  const junk = fc.oneof(
    fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 2 ** 31, '', ' ', '\u0000', 'a\u0000b', '\uD800', 'x'.repeat(6000), [], {}, [1], { a: 1 }),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.jsonValue({ maxDepth: 3 }),
  )
  const field = (name: string, valid: fc.Arbitrary<unknown>) => fc.option(fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: junk, weight: 3 }).map((v) => [name, v] as const), { nil: undefined })
  const bodyArb = fc.oneof(
    {
      arbitrary: fc
        .tuple(
          field('channel', fc.constantFrom('email', 'sms', 'note', 'web', 'chat', 'EMAIL')),
          field('body', fc.string({ maxLength: 30 })),
          field('subject', fc.string({ maxLength: 30 })),
          field('bookingId', fc.constantFrom<unknown>(1, '1', 2_147_483_648, '12a', null)),
          fc.option(fc.tuple(fc.constantFrom('to', 'author', 'status', 'thread', '__proto__', 'constructor', ''), junk), { nil: undefined }),
        )
        .map((entries) => Object.fromEntries(entries.filter((e): e is readonly [string, unknown] => e !== undefined))),
      weight: 5,
    },
    { arbitrary: junk, weight: 1 },
  )

  it('are answered 4xx naming a field (or accepted), never 5xx; a refusal writes nothing', async () => {
    const { threadId } = await inbound(casey.id, 'Fuzz target')
    const accepted: number[] = []
    let refusals = 0
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const before = (await threadMessages(threadId)).length
        const res = await reply(threadId, body)
        expect(res.status, JSON.stringify(body)).toBeLessThan(500)
        if (res.status === 201) {
          accepted.push(res.body.message?.id ?? 0)
          return
        }
        refusals += 1
        expect(res.status === 400 || res.status === 503, `${res.status} ${JSON.stringify(res.body)}`).toBe(true)
        if (res.status === 400) expect(errorPaths(res).length).toBeGreaterThan(0)
        expect(await threadMessages(threadId)).toHaveLength(before)
      }),
      { numRuns: 150, seed: 1212 },
    )
    expect(refusals).toBeGreaterThan(50)
    // Emails the property happened to send go out now, so no job of this file is left behind.
    await drainJobsOf(payload, { messageIds: accepted })
  })

  it('a body that is not JSON is 400, never 5xx', async () => {
    const { threadId } = await inbound(casey.id, 'Raw fuzz')
    for (const text of ['{', 'not json', '{"channel":"email",', `${'['.repeat(5000)}${']'.repeat(5000)}`, '"\\ud800"']) {
      const request = new Request(`http://localhost:3000/api/threads/${threadId}/reply`, { method: 'POST', headers: { ...headers.manager, 'Content-Type': 'application/json' }, body: text })
      const res = await handleEndpoints({ config, path: `/api/threads/${threadId}/reply`, request })
      expect(res.status, text.slice(0, 20)).toBe(400)
    }
  })
})

describe('who may use the inbox endpoints', () => {
  it('reply: 401 signed out, 403 customer, chef, editor — nothing written; managers and admins 201', async () => {
    const { threadId } = await inbound(casey.id, 'Access to reply')
    for (const caller of CALLERS) {
      const before = (await threadMessages(threadId)).length
      const res = await reply(threadId, { channel: 'note', body: `note by ${caller}` }, caller)
      if (caller === 'manager' || caller === 'admin') {
        expect(res.status, caller).toBe(201)
        expect(await threadMessages(threadId)).toHaveLength(before + 1)
      } else {
        expect(res.status, caller).toBe(REFUSED[caller])
        expect(await threadMessages(threadId)).toHaveLength(before)
      }
    }
  })

  it('read: 401/403 for all but managers and admins, and the unread count stays', async () => {
    const { threadId } = await inbound(casey.id, 'Access to read')
    for (const caller of CALLERS) {
      const res = await rest('POST', `/threads/${threadId}/read`, { headers: headers[caller] })
      if (caller === 'manager' || caller === 'admin') {
        expect(res.status, caller).toBe(200)
      } else {
        expect(res.status, caller).toBe(REFUSED[caller])
        expect((await thread(threadId)).unreadCount, caller).toBeGreaterThan(0)
      }
    }
  })

  it('retry: 401/403 for all but managers and admins; a message that is not failed is 409, an unknown one 404', async () => {
    const { messageId } = await inbound(casey.id, 'Not failed')
    for (const caller of CALLERS) {
      const res = await rest('POST', `/messages/${messageId}/retry`, { headers: headers[caller] })
      if (caller === 'manager' || caller === 'admin') {
        expect(res.status, caller).toBe(409)
        expect(reason(res)).toBe('not_failed')
      } else {
        expect(res.status, caller).toBe(REFUSED[caller])
      }
    }
    expect((await rest('POST', '/messages/2000000000/retry', { headers: headers.manager })).status).toBe(404)
    expect((await rest('POST', '/messages/abc/retry', { headers: headers.manager })).status).toBe(404)
  })
})

describe('opening a thread', () => {
  it('marks its inbound messages read and the unread count 0; a message after that counts again', async () => {
    const first = await inbound(olive.id, 'First unread')
    const second = await inbound(olive.id, 'Second unread')
    expect(second.threadId).toBe(first.threadId)
    expect((await thread(first.threadId)).unreadCount).toBeGreaterThanOrEqual(2)

    const res = await rest<{ marked: number; unreadCount: number }>('POST', `/threads/${first.threadId}/read`, { headers: headers.manager })
    expect(res.status).toBe(200)
    expect(res.body.unreadCount).toBe(0)
    expect(res.body.marked).toBeGreaterThanOrEqual(2)
    expect((await thread(first.threadId)).unreadCount).toBe(0)
    const inboundRows = (await threadMessages(first.threadId)).filter((m) => m.direction === 'inbound')
    expect(inboundRows.every((m) => typeof m.readAt === 'string')).toBe(true)

    const again = await rest<{ marked: number }>('POST', `/threads/${first.threadId}/read`, { headers: headers.admin })
    expect(again.body.marked).toBe(0)

    await inbound(olive.id, 'Third, after reading')
    expect((await thread(first.threadId)).unreadCount).toBe(1)
    expect((await rest('POST', '/threads/2000000000/read', { headers: headers.manager })).status).toBe(404)
  })
})

describe('a failed email', () => {
  it('shows its error; "Retry" from the inbox sends it once', async () => {
    const { threadId } = await inbound(casey.id, 'Retry me')
    smtpProxy.cut()
    let id = 0
    try {
      const res = await reply(threadId, { channel: 'email', subject: `Retry ${RUN}`, body: 'This one failed first.' })
      expect(res.status).toBe(201)
      id = res.body.message?.id ?? 0
      await drainJobsOf(payload, { messageIds: [id] })
    } finally {
      smtpProxy.restore()
    }
    const failed = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(failed.status).toBe('failed')
    expect(failed.error).toBeTruthy()
    const page = await inbox.loadThread(await localReq(), (await managerUser()) as TypedUser, threadId)
    expect(page?.messages.find((m) => m.id === id)?.error).toBe(failed.error)

    const res = await rest<{ message: { id: number; status: string } }>('POST', `/messages/${id}/retry`, { headers: headers.manager })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.message).toEqual({ id, status: 'queued' })
    const twice = await rest('POST', `/messages/${id}/retry`, { headers: headers.admin })
    expect(twice.status).toBe(409)
    expect(await pendingJobIds(payload, { messageIds: [id] })).toHaveLength(1)

    await drainJobsOf(payload, { messageIds: [id] })
    const mail = await sink.nextMessageTo(casey.email)
    expect(mail.subject).toBe(`Retry ${RUN}`)
    expect(sink.received.filter((m) => m.subject === `Retry ${RUN}`)).toHaveLength(1)
    const sent = await payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true })
    expect(sent.status).toBe('sent')
    expect(sent.error).toBeNull()
  })
})

async function managerUser() {
  return { ...(await payload.findByID({ collection: 'users', id: ids.manager, depth: 0, overrideAccess: true })), collection: 'users' as const }
}

describe('assigning and done/reopen (Payload’s PATCH /api/threads/:id)', () => {
  it('managers and admins set state and assignee (managers and admins only); nothing else changes; others are refused', async () => {
    const { threadId } = await inbound(casey.id, 'Assign me')
    const before = await thread(threadId)

    const assign = await rest<{ doc: { assignee: number; state: string; title: string } }>('PATCH', `/threads/${threadId}?depth=0`, {
      body: { assignee: ids.manager, state: 'done', title: 'Hijacked', unreadCount: 99, lastPreview: 'x' },
      headers: headers.manager,
    })
    expect(assign.status, JSON.stringify(assign.body)).toBe(200)
    const after = await thread(threadId)
    expect(Number(after.assignee)).toBe(ids.manager)
    expect(after.state).toBe('done')
    expect(after.title).toBe(before.title)
    expect(after.unreadCount).toBe(before.unreadCount)
    expect(after.lastPreview).toBe(before.lastPreview)

    const reopen = await rest('PATCH', `/threads/${threadId}`, { body: { state: 'open', assignee: ids.admin }, headers: headers.admin })
    expect(reopen.status).toBe(200)
    expect((await thread(threadId)).state).toBe('open')
    expect(Number((await thread(threadId)).assignee)).toBe(ids.admin)

    const toChef = await rest('PATCH', `/threads/${threadId}`, { body: { assignee: ids.chef }, headers: headers.manager })
    expect(toChef.status).toBe(400)
    expect(errorPaths(toChef)).toEqual(['assignee'])
    expect(Number((await thread(threadId)).assignee)).toBe(ids.admin)

    const badState = await rest('PATCH', `/threads/${threadId}`, { body: { state: 'archived' }, headers: headers.manager })
    expect(badState.status).toBe(400)

    for (const caller of ['anonymous', 'customer', 'chef', 'editor'] as const) {
      const res = await rest('PATCH', `/threads/${threadId}`, { body: { state: 'done' }, headers: headers[caller] })
      expect(res.status, caller).toBe(403)
    }
    expect((await thread(threadId)).state).toBe('open')

    const unassign = await rest('PATCH', `/threads/${threadId}`, { body: { assignee: null }, headers: headers.manager })
    expect(unassign.status).toBe(200)
    expect((await thread(threadId)).assignee ?? null).toBeNull()
  })
})

describe('threads and messages through the API', () => {
  let caseyThread: number
  let noteId: number
  let oliveMessage: number

  beforeAll(async () => {
    const { threadId } = await inbound(casey.id, 'API read [[link:manage]]')
    caseyThread = threadId
    const req = await localReq()
    noteId = (await store.queueMessage(req, { channel: 'note', owner: { customerId: casey.id }, body: `Staff-only note ${RUN}` })).id
    oliveMessage = (await inbound(olive.id, 'Olive private')).messageId
  })

  it('REST: threads are for managers and admins only; nobody creates or deletes one', async () => {
    for (const caller of CALLERS) {
      const list = await rest<{ docs?: unknown[] }>('GET', '/threads?limit=5', { headers: headers[caller] })
      const one = await rest('GET', `/threads/${caseyThread}`, { headers: headers[caller] })
      if (caller === 'manager' || caller === 'admin') {
        expect(list.status, caller).toBe(200)
        expect(one.status, caller).toBe(200)
      } else {
        expect(list.status, caller).toBe(403)
        expect(one.status, caller).toBe(403)
      }
      expect((await rest('POST', '/threads', { body: { title: 'x', phone: '+12125550000' }, headers: headers[caller] })).status, caller).toBe(403)
      expect((await rest('DELETE', `/threads/${caseyThread}`, { headers: headers[caller] })).status, caller).toBe(403)
    }
    expect(await thread(caseyThread)).toBeTruthy()
  })

  it('REST: messages — staff notes and delivery fields are for managers; a customer reads only their own, at any depth; nobody writes', async () => {
    for (const caller of CALLERS) {
      const res = await rest<{ docs?: Record<string, unknown>[] }>('GET', '/messages?limit=200&depth=2&sort=-createdAt', { headers: headers[caller] })
      if (caller === 'manager' || caller === 'admin') {
        expect(res.status).toBe(200)
        const note = await rest<Record<string, unknown>>('GET', `/messages/${noteId}?depth=2`, { headers: headers[caller] })
        expect(note.status).toBe(200)
        expect((note.body.thread as { title?: string }).title).toContain('Casey Inbox')
      } else if (caller === 'customer') {
        expect(res.status).toBe(200)
        const docs = res.body.docs ?? []
        expect(docs.length).toBeGreaterThan(0)
        for (const doc of docs) {
          expect((doc.customer as { id?: number }).id ?? doc.customer).toBe(casey.id)
          expect(doc.channel).not.toBe('note')
          for (const hidden of ['thread', 'to', 'from', 'error', 'html', 'sealedLinks', 'key', 'author', 'readAt', 'providerId']) expect(doc, hidden).not.toHaveProperty(hidden)
          // Populated at depth: their own customer record without its secrets.
          expect(doc.customer).not.toHaveProperty('hash')
          expect(doc.customer).not.toHaveProperty('loginLinkHash')
        }
        expect(docs.some((d) => d.id === noteId)).toBe(false)
        expect(docs.some((d) => d.id === oliveMessage)).toBe(false)
        expect((await rest('GET', `/messages/${noteId}`, { headers: headers.customer })).status).toBe(404)
        expect((await rest('GET', `/messages/${oliveMessage}`, { headers: headers.customer })).status).toBe(404)
      } else {
        expect(res.status, caller).toBe(403)
      }
      expect((await rest('POST', '/messages', { body: { thread: caseyThread, channel: 'note', direction: 'outbound', body: 'x' }, headers: headers[caller] })).status, caller).toBe(403)
      expect((await rest('PATCH', `/messages/${oliveMessage}`, { body: { body: 'changed' }, headers: headers[caller] })).status, caller).toBe(403)
      expect((await rest('DELETE', `/messages/${oliveMessage}`, { headers: headers[caller] })).status, caller).toBe(403)
    }
    expect((await payload.findByID({ collection: 'messages', id: oliveMessage, depth: 0, overrideAccess: true })).body).toBe('Olive private')
  })

  it('GraphQL: the same rules, relationship depth included', async () => {
    const threadsQuery = `{ Threads(limit: 5) { docs { id title } } }`
    const messagesQuery = `{ Messages(limit: 200, sort: "-createdAt") { docs { id channel body customer { id email } thread { id title } to error } } }`
    for (const caller of CALLERS) {
      const threads = await graphql<{ Threads: { docs: { id: number }[] } | null }>(threadsQuery, { headers: headers[caller] })
      const messages = await graphql<{ Messages: { docs: { id: number; channel: string; customer: { id: number } | null; thread: unknown; to: unknown; error: unknown }[] } | null }>(messagesQuery, {
        headers: headers[caller],
      })
      if (caller === 'manager' || caller === 'admin') {
        expect(threads.errors, caller).toBeUndefined()
        expect(threads.data?.Threads?.docs.length).toBeGreaterThan(0)
        expect(messages.data?.Messages?.docs.some((d) => d.id === noteId)).toBe(true)
        expect(messages.data?.Messages?.docs.find((d) => d.id === noteId)?.thread).toMatchObject({ id: caseyThread })
      } else if (caller === 'customer') {
        expect(threads.data?.Threads ?? null).toBeNull()
        expect(threads.errors?.length).toBeGreaterThan(0)
        const docs = messages.data?.Messages?.docs ?? []
        expect(docs.length).toBeGreaterThan(0)
        for (const d of docs) {
          expect(d.customer?.id).toBe(casey.id)
          expect(d.channel).not.toBe('note')
          expect(d.thread ?? null).toBeNull()
          expect(d.to ?? null).toBeNull()
          expect(d.error ?? null).toBeNull()
        }
      } else {
        expect(threads.data?.Threads ?? null, caller).toBeNull()
        expect(messages.data?.Messages ?? null, caller).toBeNull()
        expect(messages.errors?.length, caller).toBeGreaterThan(0)
      }
      const mutation = await graphql(`mutation { updateThread(id: ${caseyThread}, data: { state: done }) { id state } }`, { headers: headers[caller] })
      if (caller === 'manager' || caller === 'admin') {
        expect(mutation.errors, caller).toBeUndefined()
        await rest('PATCH', `/threads/${caseyThread}`, { body: { state: 'open' }, headers: headers.manager })
      } else {
        expect(mutation.errors?.length, caller).toBeGreaterThan(0)
      }
      const create = await graphql(`mutation { createMessage(data: { thread: ${caseyThread}, channel: note, direction: outbound, status: sent, body: "forged" }) { id } }`, { headers: headers[caller] })
      expect(create.errors?.length, caller).toBeGreaterThan(0)
    }
    expect((await thread(caseyThread)).state).toBe('open')
    expect((await threadMessages(caseyThread)).some((m) => m.body === 'forged')).toBe(false)
  })
})

describe('the inbox view’s data', () => {
  it('filters by state, channel, booking and assignee, sorted by last activity; the thread page masks private links', async () => {
    const user = (await managerUser()) as TypedUser
    const req = await localReq()
    const caseyThread = (await inbound(casey.id, 'Filter me [[link:manage]]', { subject: 'Filters' })).threadId
    const res = await reply(caseyThread, { channel: 'note', body: 'About the booking', bookingId: caseyBooking })
    expect(res.status).toBe(201)
    const oliveThread = (await inbound(olive.id, 'Olive filter', { channel: 'web' })).threadId
    // Olive's is the newer activity: it comes first.
    const all = await inbox.listThreads(req, user, { ...inbox.inboxFiltersFrom({ state: 'all' }), page: 1 })
    const order = all.threads.map((t) => t.id)
    expect(order.indexOf(oliveThread)).toBeGreaterThanOrEqual(0)
    expect(order.indexOf(oliveThread)).toBeLessThan(order.indexOf(caseyThread))
    const times = all.threads.map((t) => t.lastMessageAt ?? '')
    expect([...times].sort().reverse()).toEqual(times)

    const found = async (query: Record<string, string>) => (await inbox.listThreads(req, user, inbox.inboxFiltersFrom({ state: 'all', ...query }))).threads.map((t) => t.id)
    expect(await found({ channel: 'note' })).toContain(caseyThread)
    expect(await found({ channel: 'note' })).not.toContain(oliveThread)
    expect(await found({ channel: 'web' })).toContain(oliveThread)
    expect(await found({ booking: String(caseyBooking) })).toEqual([caseyThread])
    expect(await found({ booking: String(oliveBooking) })).not.toContain(caseyThread)
    expect(await found({ q: 'Olive Inbox' })).toEqual([oliveThread])

    await rest('PATCH', `/threads/${oliveThread}`, { body: { assignee: ids.manager, state: 'done' }, headers: headers.manager })
    expect(await found({ mine: '1' })).toContain(oliveThread)
    expect(await found({ mine: '1' })).not.toContain(caseyThread)
    expect(await found({ state: 'done' })).toContain(oliveThread)
    expect(await found({ state: 'open' })).not.toContain(oliveThread)
    await rest('PATCH', `/threads/${oliveThread}`, { body: { state: 'open' }, headers: headers.manager })

    const page = await inbox.loadThread(req, user, caseyThread)
    if (!page) throw new Error('no thread page')
    expect(page.customer?.email).toBe(casey.email)
    expect(page.bookings.map((b) => b.id)).toContain(caseyBooking)
    expect(page.bookings.map((b) => b.id)).not.toContain(oliveBooking)
    const filterMessage = page.messages.find((m) => m.body.startsWith('Filter me'))
    expect(filterMessage?.body).toBe('Filter me (private link)')
    expect(page.messages.find((m) => m.body === 'About the booking')?.bookingId).toBe(caseyBooking)
    const created = page.messages.map((m) => m.createdAt)
    expect([...created].sort()).toEqual(created)

    expect(inbox.inboxFiltersFrom({ state: 'weird', channel: 'fax', booking: '-1', page: '0', mine: 'yes' })).toEqual({ state: 'open', channel: undefined, bookingId: undefined, mine: false, search: undefined, page: 1 })
  })
})
