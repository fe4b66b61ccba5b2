/**
 * The customer account against real Postgres, Redis and a real SMTP server (a local smtp-server
 * sink), every call through Payload's REST handler as a browser makes it:
 * - sign-in by emailed link: request → mail → redeem → the cookie works on /api/customers/me and
 *   logout; the link verifies an unverified account; reuse, an ended link and a replaced link are
 *   refused; of 5 concurrent redeems exactly 1 wins; an unknown address gets the same 202 and no
 *   mail; one address gets at most RATE_LIMIT_LOGIN_EMAIL requests;
 * - a new manage link for the owner's active booking only (the old link stops working);
 * - a reply stored as an inbound `web` message in the customer's thread;
 * - the data download (and what it never holds), the deletion request, the customer's own PATCH;
 * - staff's anonymise: refused while a booking is upcoming, then everything personal scrubbed (the
 *   booking's history too), payments untouched, no sign-in possible, idempotent;
 * - who may call each new endpoint (anonymous, another customer, chef, editor, manager);
 * - fast-check bodies for every new POST: never a 5xx.
 * Books only on its own days: dateAhead(36..40), (81..84), (252..254). Its Redis keys carry a prefix
 * of their own per run (rate-limit keys name account ids, which every throw-away database reuses).
 */
import { createHash, randomBytes } from 'node:crypto'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import { createLocalReq, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, errorPaths, PASSWORD, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { junkValue, notJsonText, wireText, type Wire } from '../helpers/fuzz-bodies'
import { restClient, type RestResponse } from '../helpers/rest'
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink'

let sink: SmtpSink
let rest: ReturnType<typeof restClient>
let payload: Payload
let config: Promise<SanitizedConfig>
let origin: string

const TAG = runTag()
const email = (who: string) => `acct-${who}-${TAG}@example.com`
const LOGIN_LINK = /https?:\/\/[^\s"<>]+\/account\/login\/([A-Za-z0-9_-]+)/

type Headers = Record<string, string>
const show = (res: RestResponse<unknown>) => `${String(res.status)} ${JSON.stringify(res.body).slice(0, 400)}`

beforeAll(async () => {
  sink = await startSmtpSink()
  process.env.SMTP_URL = sink.url
  // Rate-limit keys name account ids, which start over in every throw-away database: a run of its
  // own in Redis, so a second run within the window does not find the first run's counts.
  process.env.REDIS_KEY_PREFIX = `${(process.env.REDIS_KEY_PREFIX ?? '').slice(0, 30)}${randomBytes(4).toString('hex')}:`
  ;({ default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> })
  rest = restClient(config)
  payload = await getPayload({ config })
  origin = payload.config.serverURL
  await applySettings(payload, { chefCount: 10, maxAdvanceDays: 365 })
})

afterAll(async () => {
  await sink.close()
  delete process.env.SMTP_URL
})

// ---------------------------------------------------------------------------------------------
// Helpers

const pool = () => (payload.db as unknown as PostgresAdapter).pool

async function rows<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await pool().query<T>(text, values)).rows
}

/** A customer who has proved their email, with a password (the system making a fixture). */
async function verifiedCustomer(who: string): Promise<{ id: number; email: string }> {
  const address = email(who)
  const doc = await payload.create({ collection: 'customers', data: { email: address, password: PASSWORD, name: `${who} Tester`, phone: '212 555 0101', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  return { id: doc.id, email: address }
}

async function passwordAuth(address: string): Promise<Headers> {
  const res = await rest<{ token?: string }>('POST', '/customers/login', { body: { email: address, password: PASSWORD } })
  expect(res.status, show(res)).toBe(200)
  if (!res.body.token) throw new Error('login answered without a token')
  return { Authorization: `JWT ${res.body.token}` }
}

/** The session cookie as the browser sends it back (with the Origin Payload's CSRF check wants). */
function cookieAuth(setCookie: string | null): Headers {
  const pair = (setCookie ?? '').split(';')[0] ?? ''
  if (!pair.startsWith('payload-token=') || pair === 'payload-token=') throw new Error(`no session cookie in ${String(setCookie)}`)
  return { Cookie: pair, Origin: origin }
}

function linkToken(mail: SinkMessage): string {
  const match = LOGIN_LINK.exec(mail.html)
  if (!match?.[1]) throw new Error(`no sign-in link in "${mail.subject}"`)
  return match[1]
}

async function requestLink(address: string): Promise<RestResponse<{ message?: string }>> {
  return rest<{ message?: string }>('POST', '/customers/login-link', { body: { email: address } })
}

async function linkFor(address: string): Promise<string> {
  const asked = await requestLink(address)
  expect(asked.status, show(asked)).toBe(202)
  return linkToken(await sink.nextMessageTo(address))
}

function redeem(token: unknown) {
  return rest<{ user?: { id: number; email: string }; errors?: { name: string }[] }>('POST', '/customers/login-link/redeem', { body: { token } })
}

async function stored(id: number) {
  return payload.findByID({ collection: 'customers', id, overrideAccess: true, showHiddenFields: true, depth: 0 })
}

async function book(days: number, address: string, headers: Headers = {}, extra: Record<string, unknown> = {}): Promise<{ id: number; token: string }> {
  const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), address, extra), headers })
  expect(res.status, show(res)).toBe(201)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken) }
}

const manageStatus = async (token: string) => (await rest('GET', `/bookings/manage/${token}`)).status

const staff: Record<'admin' | 'manager' | 'chef' | 'editor', Headers> = { admin: {}, manager: {}, chef: {}, editor: {} }
async function signInStaff(): Promise<void> {
  for (const role of ['admin', 'manager', 'chef', 'editor'] as const) {
    if (staff[role].Authorization) continue
    const address = `acct-${role}-${TAG}@myhibachi.test`
    await createStaff(payload, address, role)
    staff[role] = await staffAuth(rest, address)
  }
}

// ---------------------------------------------------------------------------------------------

describe('sign-in by emailed link', () => {
  it('signs in an account made by a booking, verifies it, and the cookie works for me, bookings and logout', async () => {
    const address = email('linkee')
    const booking = await book(38, address)
    const account = await rows<{ id: number; _verified: boolean | null; hash: string | null }>('SELECT id, _verified, hash FROM customers WHERE email = $1', [address])
    expect(account[0]?._verified).toBe(false)
    expect(account[0]?.hash).toBeNull()
    const customerId = Number(account[0]?.id)

    const asked = await requestLink(address.toUpperCase())
    expect(asked.status, show(asked)).toBe(202)
    expect(asked.headers.get('cache-control')).toContain('no-store')
    const mail = await sink.nextMessageTo(address)
    expect(mail.subject).toMatch(/sign-in link/i)
    expect(mail.html).toContain('Hello Pat,')
    expect(mail.text).toMatch(LOGIN_LINK)
    expect(mail.html).not.toContain('/admin')
    const token = linkToken(mail)

    const before = await stored(customerId)
    expect(before.loginLinkHash).toBe(createHash('sha256').update(token).digest('hex'))
    const minutesLeft = (Date.parse(String(before.loginLinkExpiresAt)) - Date.now()) / 60_000
    expect(minutesLeft).toBeGreaterThan(13)
    expect(minutesLeft).toBeLessThanOrEqual(15.1)

    const signedIn = await redeem(token)
    expect(signedIn.status, show(signedIn)).toBe(200)
    expect(signedIn.body.user?.id).toBe(customerId)
    const setCookie = signedIn.headers.get('set-cookie')
    expect(setCookie).toMatch(/^payload-token=[^;]+;.*HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    const after = await stored(customerId)
    expect(after._verified).toBe(true)
    expect(after.loginLinkHash ?? null).toBeNull()
    expect(after.sessions).toHaveLength(1)

    const auth = cookieAuth(setCookie)
    const me = await rest<{ user: { id: number; email: string } | null }>('GET', '/customers/me', { headers: auth })
    expect(me.body.user?.email).toBe(address)
    const bookings = await rest<{ docs: { id: number }[] }>('GET', '/bookings', { headers: auth })
    expect(bookings.body.docs.map((d) => d.id)).toEqual([booking.id])

    const reused = await redeem(token)
    expect(reused.status, show(reused)).toBe(403)
    expect(reused.headers.get('set-cookie')).toBeNull()

    const out = await rest('POST', '/customers/logout', { headers: auth })
    expect(out.status, show(out)).toBe(200)
    const gone = await rest<{ user: unknown }>('GET', '/customers/me', { headers: auth })
    expect(gone.body.user).toBeNull()
  })

  it('refuses a link that has ended, one replaced by a newer link, and codes that are no link', async () => {
    const { id, email: address } = await verifiedCustomer('expiry')
    const ended = await linkFor(address)
    await pool().query(`UPDATE customers SET login_link_expires_at = now() - interval '1 second' WHERE id = $1`, [id])
    expect((await redeem(ended)).status).toBe(403)

    const fromElsewhere = await linkFor(address)
    const crossSite = await rest('POST', '/customers/login-link/redeem', { body: { token: fromElsewhere }, headers: { 'Sec-Fetch-Site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    expect(crossSite.headers.get('set-cookie')).toBeNull()
    expect((await stored(id)).loginLinkHash).toBe(createHash('sha256').update(fromElsewhere).digest('hex'))

    const older = await linkFor(address)
    const newer = await linkFor(address)
    expect((await redeem(older)).status).toBe(403)
    expect((await redeem(newer)).status).toBe(200)

    for (const junk of ['x', 'a'.repeat(32), '../../etc/passwd', 'A'.repeat(200)]) expect((await redeem(junk)).status, junk).toBe(403)
    const wrongType = await redeem(12345)
    expect(wrongType.status).toBe(400)
    expect(errorPaths(wrongType)).toEqual(['token'])
  })

  it('lets exactly one of five concurrent redeems of one link sign in', async () => {
    const { id, email: address } = await verifiedCustomer('race')
    const token = await linkFor(address)
    const sessionsBefore = (await stored(id)).sessions?.length ?? 0
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem(token)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 403, 403, 403, 403])
    expect(results.filter((r) => r.headers.get('set-cookie')?.startsWith('payload-token=')).length).toBe(1)
    expect((await stored(id)).sessions?.length ?? 0).toBe(sessionsBefore + 1)
  })

  it('answers an unknown address the same, sends it nothing and makes no account', async () => {
    const known = await verifiedCustomer('known')
    const unknown = email('nobody')
    const a = await requestLink(unknown)
    const b = await requestLink(known.email)
    expect(a.status).toBe(202)
    expect(b.status).toBe(202)
    expect(a.body).toEqual(b.body)
    await sink.nextMessageTo(known.email)
    // The unknown address's lookup started first; give it the same time the known one needed and more.
    await new Promise((r) => setTimeout(r, 300))
    expect(sink.received.some((m) => m.to.includes(unknown))).toBe(false)
    expect(await rows('SELECT id FROM customers WHERE email = $1', [unknown])).toHaveLength(0)
  })

  it('refuses a password sign-in until the link has verified the account', async () => {
    const address = email('unverified')
    await payload.create({ collection: 'customers', data: { email: address, password: PASSWORD, name: 'Una Verified' }, overrideAccess: true, disableVerificationEmail: true })
    const refused = await rest('POST', '/customers/login', { body: { email: address, password: PASSWORD } })
    expect(refused.status, show(refused)).toBe(403)
    expect((await redeem(await linkFor(address))).status).toBe(200)
    expect((await rest('POST', '/customers/login', { body: { email: address, password: PASSWORD } })).status).toBe(200)
  })

  it('takes at most RATE_LIMIT_LOGIN_EMAIL requests for one address, then 429', async () => {
    const address = email('flood')
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await requestLink(address)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202))
    expect(statuses[10]).toBe(429)
    const last = await requestLink(address)
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/)
  })

  it('names the field of a malformed request and writes nothing', async () => {
    const bad = await rest('POST', '/customers/login-link', { body: { email: 'not-an-address' } })
    expect(bad.status).toBe(400)
    expect(errorPaths(bad)).toEqual(['email'])
    const extra = await rest('POST', '/customers/login-link', { body: { email: email('x'), admin: true } })
    expect(extra.status).toBe(400)
    expect(errorPaths(extra)).toEqual(['admin'])
  })
})

// ---------------------------------------------------------------------------------------------

describe('the signed-in customer', () => {
  let owner: { id: number; email: string }
  let ownerAuth: Headers
  let other: { id: number; email: string }
  let otherAuth: Headers
  let active: { id: number; token: string }
  let cancelled: { id: number; token: string }

  beforeAll(async () => {
    await signInStaff()
    owner = await verifiedCustomer('owner')
    ownerAuth = await passwordAuth(owner.email)
    other = await verifiedCustomer('other')
    otherAuth = await passwordAuth(other.email)
    active = await book(36, owner.email, ownerAuth, { specialRequests: 'Birthday cake at 8', dietaryNotes: 'No shellfish' })
    cancelled = await book(37, owner.email, ownerAuth)
    const cancel = await rest('POST', `/bookings/manage/${cancelled.token}/cancel`, { body: {} })
    expect(cancel.status, show(cancel)).toBe(200)
  })

  it('gets a new manage link for their active booking; the old link stops working', async () => {
    expect(await manageStatus(active.token)).toBe(200)
    const res = await rest<{ url: string }>('POST', `/customers/me/bookings/${active.id}/manage-link`, { body: {}, headers: ownerAuth })
    expect(res.status, show(res)).toBe(200)
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const match = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/booking/([A-Za-z0-9_-]+)$`).exec(res.body.url)
    expect(match, res.body.url).not.toBeNull()
    const fresh = match?.[1] ?? ''
    expect(await manageStatus(fresh)).toBe(200)
    expect(await manageStatus(active.token)).toBe(404)
    active = { ...active, token: fresh }
  })

  it('gets no manage link for another customer’s booking, a cancelled one, or a booking that does not exist', async () => {
    const theirs = await rest('POST', `/customers/me/bookings/${active.id}/manage-link`, { body: {}, headers: otherAuth })
    expect(theirs.status, show(theirs)).toBe(404)
    expect(await manageStatus(active.token)).toBe(200)
    const over = await rest<{ errors: { data?: { reason?: string } }[] }>('POST', `/customers/me/bookings/${cancelled.id}/manage-link`, { body: {}, headers: ownerAuth })
    expect(over.status, show(over)).toBe(409)
    expect(over.body.errors[0]?.data?.reason).toBe('booking_not_active')
    for (const id of ['999999999', 'abc', '-1', '1.5']) {
      expect((await rest('POST', `/customers/me/bookings/${id}/manage-link`, { body: {}, headers: ownerAuth })).status, id).toBe(404)
    }
    const junk = await rest('POST', `/customers/me/bookings/${active.id}/manage-link`, { body: { token: 'x' }, headers: ownerAuth })
    expect(junk.status).toBe(400)
  })

  it('stores a reply as an inbound web message in their thread, once per Idempotency-Key', async () => {
    const body = { body: `Can we start at 6? ${TAG}`, bookingId: active.id }
    const headers = { ...ownerAuth, 'Idempotency-Key': `reply-${TAG}` }
    const res = await rest<{ message: { id: number; body: string; booking: number } }>('POST', '/customers/me/messages', { body, headers })
    expect(res.status, show(res)).toBe(201)
    const again = await rest<{ message: { id: number } }>('POST', '/customers/me/messages', { body, headers })
    expect(again.status).toBe(201)
    expect(again.body.message.id).toBe(res.body.message.id)

    const stored = await payload.findByID({ collection: 'messages', id: res.body.message.id, overrideAccess: true, depth: 0 })
    expect(stored).toMatchObject({ channel: 'web', direction: 'inbound', status: 'received', body: body.body, customer: owner.id, booking: active.id, from: owner.email })
    const thread = await payload.find({ collection: 'threads', where: { customer: { equals: owner.id } }, overrideAccess: true, depth: 0 })
    expect(thread.docs[0]?.id).toBe(stored.thread)
    expect(thread.docs[0]?.unreadCount).toBe(1)
    expect(thread.docs[0]?.lastDirection).toBe('inbound')
    expect(await rows('SELECT id FROM messages WHERE body = $1', [body.body])).toHaveLength(1)
  })

  it('refuses a reply naming the field: empty, too long, another customer’s booking', async () => {
    const count = async () => Number((await rows<{ n: string }>('SELECT count(*) AS n FROM messages WHERE customer_id = $1', [other.id]))[0]?.n)
    const before = await count()
    const cases: [unknown, string][] = [
      [{ body: '   ' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
      [{ body: 'Hi', bookingId: active.id }, 'bookingId'],
      [{ body: 'Hi', bookingId: 'me' }, 'bookingId'],
      [{ text: 'Hi' }, 'text'],
    ]
    for (const [body, path] of cases) {
      const res = await rest('POST', '/customers/me/messages', { body, headers: otherAuth })
      expect(res.status, show(res)).toBe(400)
      expect(errorPaths(res)).toContain(path)
    }
    expect(await count()).toBe(before)
  })

  it('takes at most RATE_LIMIT_MANAGE replies a minute from one account; refused bodies do not count', async () => {
    const chatty = await verifiedCustomer('chatty')
    const auth = await passwordAuth(chatty.email)
    for (let i = 0; i < 5; i++) expect((await rest('POST', '/customers/me/messages', { body: { body: '' }, headers: auth })).status).toBe(400)
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await rest('POST', '/customers/me/messages', { body: { body: `Note ${i}` }, headers: auth })).status)
    expect(statuses).toEqual(Array(20).fill(201))
    const refused = await rest('POST', '/customers/me/messages', { body: { body: 'One more' }, headers: auth })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await rows('SELECT id FROM messages WHERE customer_id = $1', [chatty.id])).toHaveLength(20)
  })

  it('downloads their data: account, bookings, payments, messages — no secrets, no staff notes, links masked', async () => {
    const deposit = await rest<{ doc: { id: number } }>('POST', '/payments', { body: { booking: active.id, kind: 'deposit', method: 'cash', amountCents: 5000, note: `STAFF-NOTE-${TAG}` }, headers: staff.manager })
    expect(deposit.status, show(deposit)).toBe(201)
    const req = await createLocalReq({}, payload)
    const { queueMessage } = await import('../../src/collections/Messages/store')
    await queueMessage(req, { channel: 'note', owner: { customerId: owner.id }, body: `INTERNAL-${TAG}` })
    await queueMessage(req, { channel: 'email', owner: { customerId: owner.id }, to: owner.email, subject: 'Your booking', body: 'Manage it: [[link:manage]]', links: { manage: `https://example.test/booking/SEALED${TAG}` } })

    const res = await rest<string>('GET', '/customers/me/export', { headers: ownerAuth })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="myhibachi-account-\d{4}-\d{2}-\d{2}\.json"$/)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
    const data = JSON.parse(text) as {
      account: { email: string; name: string; emailConfirmed: boolean }
      bookings: { id: number; specialRequests: string | null; status: string }[]
      payments: { booking: number; kind: string; amountCents: number; method: string }[]
      messages: { body: string; direction: string }[]
    }
    expect(data.account).toMatchObject({ email: owner.email, name: 'owner Tester', emailConfirmed: true })
    expect(data.bookings.map((b) => b.id).sort()).toEqual([active.id, cancelled.id].sort())
    expect(data.bookings.find((b) => b.id === active.id)?.specialRequests).toBe('Birthday cake at 8')
    expect(data.payments).toEqual([expect.objectContaining({ booking: active.id, kind: 'deposit', method: 'cash', amountCents: 5000 })])
    expect(data.messages.map((m) => m.body)).toContain('Manage it: (private link)')
    expect(data.messages.some((m) => m.direction === 'inbound' && m.body.startsWith('Can we start at 6?'))).toBe(true)

    const secrets = await rows<{ hash: string; salt: string; session: string; manage: string }>(
      `SELECT c.hash, c.salt, s.id AS session, b.manage_token_hash AS manage FROM customers c JOIN customers_sessions s ON s._parent_id = c.id JOIN bookings b ON b.customer_id = c.id WHERE c.id = $1 LIMIT 1`,
      [owner.id],
    )
    const secret = secrets[0]
    expect(secret).toBeDefined()
    for (const value of [secret?.hash, secret?.salt, secret?.session, secret?.manage, `INTERNAL-${TAG}`, `STAFF-NOTE-${TAG}`, `SEALED${TAG}`, '[[link:']) {
      expect(text).not.toContain(String(value))
    }
    for (const key of ['"hash"', '"salt"', '"sessions"', '"loginLinkHash"', '"manageTokenHash"', '"notes"', '"stripeCustomerId"', '"sealedLinks"', '"_verificationToken"']) expect(text).not.toContain(key)
  })

  it('changes their own name, phone and consent, and nothing the server keeps for itself', async () => {
    const res = await rest<{ doc: Record<string, unknown> }>('PATCH', `/customers/${owner.id}`, {
      headers: ownerAuth,
      body: { name: 'Owen Owner', phone: '646 555 0199', marketingConsent: true, _verified: false, notes: 'mine now', stripeCustomerId: 'cus_fake', deletionRequestedAt: '2020-01-01T00:00:00.000Z', anonymisedAt: '2020-01-01T00:00:00.000Z', loginLinkHash: 'x' },
    })
    expect(res.status, show(res)).toBe(200)
    const row = await stored(owner.id)
    expect(row).toMatchObject({ name: 'Owen Owner', phone: '646 555 0199', marketingConsent: true, _verified: true })
    expect(row.notes ?? null).toBeNull()
    expect(row.stripeCustomerId ?? null).toBeNull()
    expect(row.deletionRequestedAt ?? null).toBeNull()
    expect(row.anonymisedAt ?? null).toBeNull()
    expect(row.loginLinkHash ?? null).toBeNull()
    const theirs = await rest('PATCH', `/customers/${owner.id}`, { headers: otherAuth, body: { name: 'Hijacked' } })
    expect([403, 404]).toContain(theirs.status)
    expect((await stored(owner.id)).name).toBe('Owen Owner')
  })

  it('asks for deletion once, keeps the first date, and tells staff in the thread', async () => {
    const first = await rest<{ requestedAt: string; dueBy: string; first: boolean }>('POST', '/customers/me/deletion-request', { body: {}, headers: ownerAuth })
    expect(first.status, show(first)).toBe(200)
    expect(first.body.first).toBe(true)
    expect(Date.parse(first.body.dueBy) - Date.parse(first.body.requestedAt)).toBe(30 * 24 * 3600 * 1000)
    const again = await rest<{ requestedAt: string; first: boolean }>('POST', '/customers/me/deletion-request', { body: {}, headers: ownerAuth })
    expect(again.body).toMatchObject({ requestedAt: first.body.requestedAt, first: false })
    expect(new Date(String((await stored(owner.id)).deletionRequestedAt)).toISOString()).toBe(first.body.requestedAt)
    const told = await rows('SELECT id FROM messages WHERE customer_id = $1 AND direction = $2 AND subject = $3', [owner.id, 'inbound', 'Account deletion request'])
    expect(told).toHaveLength(1)
    const bad = await rest('POST', '/customers/me/deletion-request', { body: { now: true }, headers: ownerAuth })
    expect(bad.status).toBe(400)
    expect(errorPaths(bad)).toEqual(['now'])
  })

  it('lets only the right people call each new endpoint', async () => {
    const endpoints: { method: 'GET' | 'POST'; path: string; body?: unknown }[] = [
      { method: 'POST', path: `/customers/me/bookings/${active.id}/manage-link`, body: {} },
      { method: 'POST', path: '/customers/me/messages', body: { body: 'Hello' } },
      { method: 'GET', path: '/customers/me/export' },
      { method: 'POST', path: '/customers/me/deletion-request', body: {} },
    ]
    for (const e of endpoints) {
      expect((await rest(e.method, e.path, { body: e.body })).status, `anonymous ${e.path}`).toBe(401)
      for (const role of ['chef', 'editor', 'manager', 'admin'] as const) {
        expect((await rest(e.method, e.path, { body: e.body, headers: staff[role] })).status, `${role} ${e.path}`).toBe(403)
      }
    }
    const anonymise = `/customers/${other.id}/anonymise`
    expect((await rest('POST', anonymise, { body: {} })).status).toBe(401)
    for (const who of [staff.chef, staff.editor, otherAuth, ownerAuth]) expect((await rest('POST', anonymise, { body: {}, headers: who })).status).toBe(403)
    expect((await stored(other.id)).anonymisedAt ?? null).toBeNull()
    // An unverified account never gets this far: Payload drops its session, so it is anonymous here.
    await pool().query('UPDATE customers SET _verified = false WHERE id = $1', [other.id])
    try {
      expect((await rest('GET', '/customers/me/export', { headers: otherAuth })).status).toBe(401)
    } finally {
      await pool().query('UPDATE customers SET _verified = true WHERE id = $1', [other.id])
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('anonymising an account (staff)', () => {
  it('waits for the upcoming booking, then scrubs everything personal, keeps payments, and is idempotent', async () => {
    await signInStaff()
    const customer = await verifiedCustomer('leaver')
    const auth = await passwordAuth(customer.email)
    await pool().query(`UPDATE customers SET notes = 'Staff: prefers calls', marketing_consent = true WHERE id = $1`, [customer.id])
    await payload.update({ collection: 'customers', id: customer.id, data: { addresses: [{ label: 'Home', street: '9 Private Lane', city: 'New York', state: 'NY', zip: '10002' }] }, overrideAccess: true })
    const b = await book(252, customer.email, auth, { specialRequests: `Anniversary of ${TAG}`, dietaryNotes: 'Vegan' })
    // A staff edit, so the booking's history holds more than one version.
    const edited = await rest('PATCH', `/bookings/${b.id}`, { body: { dietaryNotes: 'Vegan, no sesame' }, headers: staff.manager })
    expect(edited.status, show(edited)).toBe(200)
    const paid = await rest<{ doc: { id: number } }>('POST', '/payments', { body: { booking: b.id, kind: 'deposit', method: 'cash', amountCents: 7000 }, headers: staff.manager })
    expect(paid.status, show(paid)).toBe(201)
    const reply = await rest('POST', '/customers/me/messages', { body: { body: `My door code is 4321 ${TAG}` }, headers: auth })
    expect(reply.status, show(reply)).toBe(201)
    const req = await createLocalReq({}, payload)
    const { queueMessage } = await import('../../src/collections/Messages/store')
    const queued = await queueMessage(req, { channel: 'email', owner: { customerId: customer.id }, to: customer.email, subject: `Hello ${TAG}`, body: 'See [[link:manage]]', links: { manage: 'https://example.test/booking/x' } })
    const paymentBefore = await rows('SELECT * FROM payments WHERE id = $1', [paid.body.doc.id])
    const versionsBefore = await rows<{ n: string }>('SELECT count(*) AS n FROM _bookings_v WHERE parent_id = $1', [b.id])
    expect(Number(versionsBefore[0]?.n)).toBeGreaterThan(1)

    const refused = await rest<{ errors: { data?: { reason?: string } }[] }>('POST', `/customers/${customer.id}/anonymise`, { body: {}, headers: staff.manager })
    expect(refused.status, show(refused)).toBe(409)
    expect(refused.body.errors[0]?.data?.reason).toBe('has_upcoming_booking')
    expect((await stored(customer.id)).name).toBe('leaver Tester')

    // The party took place: the booking is completed and in the past (moved in time by hand).
    await pool().query(`UPDATE bookings SET status = 'completed', starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + interval '2 hours' WHERE id = $1`, [b.id])
    expect((await rest('POST', `/customers/999999999/anonymise`, { body: {}, headers: staff.manager })).status).toBe(404)
    expect((await rest('POST', `/customers/${customer.id}/anonymise`, { body: { really: true }, headers: staff.manager })).status).toBe(400)

    const done = await rest<{ anonymisedAt: string; alreadyAnonymised: boolean; bookings: number }>('POST', `/customers/${customer.id}/anonymise`, { body: {}, headers: staff.manager })
    expect(done.status, show(done)).toBe(200)
    expect(done.body).toMatchObject({ alreadyAnonymised: false, bookings: 1 })

    const account = await stored(customer.id)
    expect(account).toMatchObject({ name: 'Deleted customer', email: `deleted-${customer.id}@invalid.example`, _verified: false, marketingConsent: false })
    expect(account.phone ?? null).toBeNull()
    expect(account.notes ?? null).toBeNull()
    expect(account.addresses ?? []).toEqual([])
    expect(account.sessions ?? []).toEqual([])
    expect(account.anonymisedAt).toBeTruthy()
    const raw = await rows<{ hash: string | null; salt: string | null }>('SELECT hash, salt FROM customers WHERE id = $1', [customer.id])
    expect(raw[0]).toEqual({ hash: null, salt: null })

    const booking = (await rows<Record<string, unknown>>('SELECT * FROM bookings WHERE id = $1', [b.id]))[0] ?? {}
    expect(booking).toMatchObject({
      contact_name: 'Deleted customer',
      contact_email: `deleted-${customer.id}-booking-${b.id}@invalid.example`,
      contact_phone: '[removed]',
      address_street: '[removed]',
      address_city: 'New York',
      address_zip: '10001',
      special_requests: '[removed]',
      dietary_notes: '[removed]',
      manage_token_hash: null,
    })
    expect(String(booking.title)).toContain('Deleted customer')
    expect(await manageStatus(b.token)).toBe(404)

    const versions = await rows<Record<string, unknown>>('SELECT * FROM _bookings_v WHERE parent_id = $1', [b.id])
    expect(versions.length).toBe(Number(versionsBefore[0]?.n))
    for (const v of versions) {
      expect(v).toMatchObject({ version_contact_name: 'Deleted customer', version_contact_phone: '[removed]', version_address_street: '[removed]', version_manage_token_hash: null })
      expect([null, '[removed]']).toContain(v.version_special_requests)
      expect([null, '[removed]']).toContain(v.version_dietary_notes)
    }

    const messages = await rows<Record<string, unknown>>('SELECT * FROM messages WHERE customer_id = $1 ORDER BY id', [customer.id])
    expect(messages.length).toBeGreaterThanOrEqual(2)
    for (const m of messages) {
      expect(m.body).toBe('[removed]')
      expect(m.sealed_links).toBeNull()
      expect([null, '[removed]']).toContain(m.to)
      expect([null, '[removed]']).toContain(m.from)
      expect([null, '[removed]']).toContain(m.subject)
    }
    expect(messages.find((m) => m.id === queued.id)).toMatchObject({ status: 'failed', to: '[removed]' })
    const thread = await rows<Record<string, unknown>>('SELECT title, last_preview FROM threads WHERE customer_id = $1', [customer.id])
    expect(thread[0]).toEqual({ title: 'Deleted customer', last_preview: '[removed]' })

    // Nothing anywhere still names them.
    for (const needle of [customer.email, 'leaver Tester', '9 Private Lane', 'door code', TAG]) {
      const found = await rows(
        `SELECT 'customers' AS t FROM customers c WHERE c.id = $2 AND c::text ILIKE '%' || $1 || '%'
         UNION ALL SELECT 'bookings' FROM bookings b WHERE b.customer_id = $2 AND b::text ILIKE '%' || $1 || '%'
         UNION ALL SELECT 'versions' FROM _bookings_v v WHERE v.parent_id = $3 AND v::text ILIKE '%' || $1 || '%'
         UNION ALL SELECT 'messages' FROM messages m WHERE m.customer_id = $2 AND m::text ILIKE '%' || $1 || '%'
         UNION ALL SELECT 'threads' FROM threads t WHERE t.customer_id = $2 AND t::text ILIKE '%' || $1 || '%'
         UNION ALL SELECT 'addresses' FROM customers_addresses a WHERE a._parent_id = $2`,
        [needle, customer.id, b.id],
      )
      expect(found, needle).toEqual([])
    }
    expect(await rows('SELECT * FROM payments WHERE id = $1', [paid.body.doc.id])).toEqual(paymentBefore)

    // No way back in: not the old session, not the password, not a link.
    expect((await rest<{ user: unknown }>('GET', '/customers/me', { headers: auth })).body.user).toBeNull()
    expect((await rest('POST', '/customers/login', { body: { email: customer.email, password: PASSWORD } })).status).toBe(401)
    expect((await requestLink(customer.email)).status).toBe(202)
    expect((await requestLink(account.email)).status).toBe(202)
    await new Promise((r) => setTimeout(r, 300))
    expect(sink.received.some((m) => m.to.includes(customer.email) || m.to.includes(account.email))).toBe(false)
    expect((await rows<{ h: string | null }>('SELECT login_link_hash AS h FROM customers WHERE id = $1', [customer.id]))[0]?.h).toBeNull()

    const again = await rest<{ anonymisedAt: string; alreadyAnonymised: boolean }>('POST', `/customers/${customer.id}/anonymise`, { body: {}, headers: staff.admin })
    expect(again.status, show(again)).toBe(200)
    expect(again.body).toMatchObject({ alreadyAnonymised: true, anonymisedAt: done.body.anonymisedAt })
  })
})

// ---------------------------------------------------------------------------------------------

describe('fuzzed bodies', () => {
  const SEED = 20_270_412

  async function post(path: string, wire: Wire, headers: Headers = {}): Promise<{ status: number; text: string }> {
    const request = new Request(`http://localhost:3000/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: wireText(wire) })
    const response = await handleEndpoints({ config, path: `/api${path}`, request })
    return { status: response.status, text: await response.text() }
  }

  const field = fc.constantFrom('email', 'token', 'body', 'bookingId', 'x', '')
  const wire: fc.Arbitrary<Wire> = fc.oneof(
    { arbitrary: junkValue.map((json) => ({ json })), weight: 3 },
    { arbitrary: fc.dictionary(field, junkValue, { maxKeys: 3 }).map((json) => ({ json })), weight: 4 },
    { arbitrary: notJsonText({ maxDepth: 5_000, oversize: true }).map((text) => ({ text })), weight: 2 },
  )

  it('never answers 5xx, and names a field for every 400', { timeout: 240_000 }, async () => {
    await signInStaff()
    const fuzzer = await verifiedCustomer('fuzzer')
    const auth = await passwordAuth(fuzzer.email)
    const b = await book(39, fuzzer.email, auth)
    const targets: { path: string; headers: Headers }[] = [
      { path: '/customers/login-link', headers: {} },
      { path: '/customers/login-link/redeem', headers: {} },
      { path: '/customers/me/messages', headers: auth },
      { path: `/customers/me/bookings/${b.id}/manage-link`, headers: auth },
      { path: '/customers/me/deletion-request', headers: auth },
      { path: `/customers/${fuzzer.id}/anonymise`, headers: staff.manager },
    ]
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(wire, async (w) => {
          const res = await post(target.path, w, target.headers)
          expect(res.status, `${target.path} ${wireText(w).slice(0, 200)} → ${res.text.slice(0, 200)}`).toBeLessThan(500)
          if (res.status === 400) expect(res.text).toMatch(/"path"|"field"/)
        }),
        { seed: SEED, numRuns: 60, endOnFailure: true },
      )
    }
    // The customer with an upcoming booking was never anonymised by any of it.
    expect((await stored(fuzzer.id)).anonymisedAt ?? null).toBeNull()
  })
})
