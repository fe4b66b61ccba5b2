/**
 * SMS end to end against real Postgres and a local fake of Twilio's Messages API
 * (tests/helpers/fake-twilio.ts), with the app's webhooks called through Payload's real REST handler
 * and signed as Twilio signs them:
 * - a queued text is sent by the `sendMessage` job with Twilio's form and Basic auth, and recorded
 *   `sent` with Twilio's SID; a number Twilio refuses fails at once with Twilio's words; 500s, 429s
 *   and dropped connections are retried, then `failed`; staff retry sends it once;
 * - Twilio's delivery reports move it to `delivered` or `failed` (with the error code), idempotent
 *   and order-safe; a bad or missing signature is a 403 that writes nothing;
 * - an inbound text lands in the thread of the customer with that number (however it was typed),
 *   linked to their next booking still on; an unknown number gets a thread of its own; the same
 *   MessageSid is stored once, even delivered three times at once;
 * - fast-check: arbitrary bodies to both webhooks never give a 5xx and write nothing unless signed
 *   and valid; and nothing logged carries a phone number or a text.
 * Booking days: dateAhead(2..5).
 */
import { createLocalReq, getPayload, type Payload, type SanitizedConfig } from 'payload'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { applySettings, bookingBody, dateAhead, errorPaths, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { captureLogs } from '../helpers/capture-logs'
import { inboundSms, postTwilioWebhook, signTwilio, startFakeTwilio, statusReport, TEST_TWILIO, twilioSid, type FakeTwilio } from '../helpers/fake-twilio'
import { junkScalar } from '../helpers/fuzz-bodies'
import { drainJobsOf, pendingJobIds } from '../helpers/jobs'
import { restClient } from '../helpers/rest'

// Info lines too, so the test of what is logged sees the inbound lines (set before the logger is made).
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info'
})

/** The public URL Twilio is given; requests arrive at http://localhost:3000 (behind a proxy). */
const PUBLIC = 'https://hibachi.example.test'
const RUN = runTag()
const SET = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'TWILIO_API_BASE', 'PUBLIC_SERVER_URL', 'MESSAGE_SEND_ATTEMPTS', 'MESSAGE_RETRY_DELAY_MS'] as const
const saved: Record<string, string | undefined> = {}

let payload: Payload
let config: Promise<SanitizedConfig>
let fake: FakeTwilio
let rest: ReturnType<typeof restClient>

type Store = typeof import('../../src/collections/Messages/store')
let store: Store

/** A phone number of this run's own (NYC area code 332), as digits after +1. */
function freshDigits(): string {
  return `332${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`
}
const e164 = (digits: string) => `+1${digits}`
const typed = (digits: string) => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`

/** Customer A: texts from their number; three bookings, the first cancelled. */
const A = { digits: freshDigits(), email: `sms-a-${RUN}@example.com`, customerId: 0, cancelledId: 0, nextId: 0, laterId: 0 }

beforeAll(async () => {
  fake = await startFakeTwilio()
  for (const name of [...SET, 'INBOUND_EMAIL_SECRET']) saved[name] = process.env[name]
  process.env.TWILIO_ACCOUNT_SID = TEST_TWILIO.accountSid
  process.env.TWILIO_AUTH_TOKEN = TEST_TWILIO.authToken
  process.env.TWILIO_FROM = TEST_TWILIO.from
  process.env.TWILIO_API_BASE = fake.url
  process.env.PUBLIC_SERVER_URL = PUBLIC
  process.env.MESSAGE_SEND_ATTEMPTS = '3'
  process.env.MESSAGE_RETRY_DELAY_MS = '10'
  // This file's app has no inbound email: its endpoint must say so (503).
  Reflect.deleteProperty(process.env, 'INBOUND_EMAIL_SECRET')
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  store = await import('../../src/collections/Messages/store')
  await applySettings(payload, { chefCount: 10 })

  // Day 3 at the earliest: the rules want 48 h of notice, and day 2 at 12:00 is less after noon in New York.
  A.cancelledId = await book(3, A.email, typed(A.digits))
  A.laterId = await book(5, A.email, `+1 ${A.digits}`)
  A.nextId = await book(4, A.email, `1-${A.digits.slice(0, 3)}-${A.digits.slice(3, 6)}-${A.digits.slice(6)}`)
  await payload.update({ collection: 'bookings', id: A.cancelledId, data: { status: 'cancelled' }, overrideAccess: true })
  const booking = await payload.findByID({ collection: 'bookings', id: A.nextId, depth: 0, overrideAccess: true })
  A.customerId = Number(booking.customer)
})

afterAll(async () => {
  // Writes purge the availability cache 750 ms after commit: let the last one run before teardown closes Redis.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await fake.close()
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name)
    else process.env[name] = value
  }
})

async function book(day: number, email: string, phone: string): Promise<number> {
  const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), email, { contact: { name: 'Sam Texter', email, phone } }) })
  expect(res.status).toBe(201)
  return res.body.doc.id
}

async function queueText(to: string, body: string, links?: Record<string, string>): Promise<number> {
  const req = await createLocalReq({}, payload)
  const queued = await store.queueMessage(req, { channel: 'sms', owner: { customerId: A.customerId }, to, body, ...(links ? { links } : {}) })
  return queued.id
}

async function message(id: number) {
  return payload.findByID({ collection: 'messages', id, depth: 0, overrideAccess: true, showHiddenFields: true })
}

async function messagesWithProviderId(providerId: string) {
  return (await payload.find({ collection: 'messages', where: { providerId: { equals: providerId } }, depth: 0, overrideAccess: true, pagination: false })).docs
}

const toSms = (params: Record<string, string>, opts: { signature?: string | null; signedOrigin?: string } = {}) =>
  postTwilioWebhook(config, '/api/twilio/sms', params, { signedOrigin: opts.signedOrigin ?? PUBLIC, ...(opts.signature !== undefined ? { signature: opts.signature } : {}) })
const toStatus = (params: Record<string, string>, opts: { signature?: string | null; signedOrigin?: string; messageId?: number } = {}) =>
  postTwilioWebhook(config, opts.messageId === undefined ? '/api/twilio/status' : `/api/twilio/status?message=${opts.messageId}`, params, { signedOrigin: opts.signedOrigin ?? PUBLIC, ...(opts.signature !== undefined ? { signature: opts.signature } : {}) })

/** Queues a text to a fresh number and sends it through the fake; returns the message id and Twilio's SID. */
async function sentText(body = 'Your chef arrives at 5pm'): Promise<{ id: number; sid: string; to: string }> {
  const to = e164(freshDigits())
  const id = await queueText(to, body)
  await drainJobsOf(payload, { messageIds: [id] })
  const sent = await message(id)
  expect(sent.status).toBe('sent')
  return { id, sid: String(sent.providerId), to }
}

describe('an outbound text', () => {
  it('is sent by the job with Twilio’s form and Basic auth, and recorded sent with the SID', async () => {
    const to = e164(freshDigits())
    const id = await queueText(to, 'Manage your booking: [[link:manage]]', { manage: 'https://example.test/booking/SECRET_sms_token' })
    const queued = await message(id)
    expect(queued.status).toBe('queued')
    expect(queued.body).not.toContain('SECRET_sms_token')
    expect(await pendingJobIds(payload, { messageIds: [id] })).toHaveLength(1)

    await drainJobsOf(payload, { messageIds: [id] })
    const requests = fake.requests.filter((r) => r.form.To === to)
    expect(requests).toHaveLength(1)
    const request = requests[0]
    expect(request?.path).toBe(`/2010-04-01/Accounts/${TEST_TWILIO.accountSid}/Messages.json`)
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${TEST_TWILIO.accountSid}:${TEST_TWILIO.authToken}`).toString('base64')}`)
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/)
    expect(request?.form).toEqual({ To: to, From: TEST_TWILIO.from, Body: 'Manage your booking: https://example.test/booking/SECRET_sms_token', StatusCallback: `${PUBLIC}/api/twilio/status?message=${id}` })
    expect(request?.status).toBe(201)

    const sent = await message(id)
    const accepted = fake.messages.find((m) => m.to === to)
    expect(sent.status).toBe('sent')
    expect(sent.providerId).toBe(accepted?.sid)
    expect(sent.providerId).toMatch(/^SM[0-9a-f]{32}$/)
    expect(sent.attempts).toBe(1)
    expect(sent.sentAt).toBeTruthy()
    expect(sent.error).toBeNull()
  })

  it('to a number Twilio refuses fails at once (no retry), with Twilio’s code and words', async () => {
    const id = await queueText('+1555', 'Hello')
    await drainJobsOf(payload, { messageIds: [id] })
    const failed = await message(id)
    expect(failed.status).toBe('failed')
    expect(failed.attempts).toBe(1)
    expect(failed.error).toContain('21211')
    expect(failed.error).toContain("The 'To' number +1555 is not a valid phone number.")
    expect(failed.failedAt).toBeTruthy()
    expect(fake.requests.filter((r) => r.form.To === '+1555')).toHaveLength(1)
    expect(fake.messages.some((m) => m.to === '+1555')).toBe(false)
  })

  it('to a number that opted out fails at once with what the code means', async () => {
    const to = e164(freshDigits())
    fake.refuse(to)
    const id = await queueText(to, 'Hello')
    await drainJobsOf(payload, { messageIds: [id] })
    const failed = await message(id)
    expect(failed.status).toBe('failed')
    expect(failed.attempts).toBe(1)
    expect(failed.error).toContain('21610')
  })

  it('is retried through 500s, then failed after MESSAGE_SEND_ATTEMPTS; staff retry sends it once', async () => {
    const to = e164(freshDigits())
    const id = await queueText(to, 'Outage test')
    fake.failNext(3, 500)
    await drainJobsOf(payload, { messageIds: [id] })
    const failed = await message(id)
    expect(failed.status).toBe('failed')
    expect(failed.attempts).toBe(3)
    expect(failed.error).toContain('20500')
    expect(fake.requests.filter((r) => r.form.To === to).map((r) => r.status)).toEqual([500, 500, 500])

    const req = await createLocalReq({}, payload)
    await store.retryMessage(req, id)
    await drainJobsOf(payload, { messageIds: [id] })
    const sent = await message(id)
    expect(sent.status).toBe('sent')
    expect(sent.error).toBeNull()
    expect(fake.messages.filter((m) => m.to === to)).toHaveLength(1)
    expect(sent.providerId).toBe(fake.messages.find((m) => m.to === to)?.sid)
  })

  it('survives a 429 and a dropped connection, and is sent on the third attempt', async () => {
    const to = e164(freshDigits())
    const id = await queueText(to, 'Flaky network')
    fake.failNext(1, 429)
    fake.failNext(1, 'drop')
    await drainJobsOf(payload, { messageIds: [id] })
    const sent = await message(id)
    expect(sent.status).toBe('sent')
    expect(sent.attempts).toBe(3)
    expect(fake.requests.filter((r) => r.form.To === to).map((r) => r.status)).toEqual([429, null, 201])
    expect(fake.messages.filter((m) => m.to === to)).toHaveLength(1)
  })
})

describe('the fake Twilio', () => {
  it('refuses wrong credentials and another account as Twilio does (so the auth asserted above is checked)', async () => {
    const form = new URLSearchParams({ To: '+13325550100', From: TEST_TWILIO.from, Body: 'x' })
    const url = `${fake.url}/2010-04-01/Accounts/${TEST_TWILIO.accountSid}/Messages.json`
    const wrong = await fetch(url, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`${TEST_TWILIO.accountSid}:wrongtoken0000000`).toString('base64')}` }, body: form })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ code: 20003, status: 401, more_info: 'https://www.twilio.com/docs/errors/20003' })
    const none = await fetch(url, { method: 'POST', body: form })
    expect(none.status).toBe(401)
    const other = await fetch(url.replace(TEST_TWILIO.accountSid, `AC${'0'.repeat(32)}`), {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${TEST_TWILIO.accountSid}:${TEST_TWILIO.authToken}`).toString('base64')}` },
      body: form,
    })
    expect(other.status).toBe(404)
    expect(fake.messages.some((m) => m.body === 'x')).toBe(false)
  })
})

describe("Twilio's delivery report", () => {
  it('marks the text delivered; repeats and a late "sent" change nothing', async () => {
    const { id, sid, to } = await sentText()
    const early = await toStatus(statusReport({ sid, status: 'sent', to }))
    expect(early.status).toBe(200)
    expect(JSON.parse(early.text)).toEqual({ received: true, outcome: 'unchanged' })

    const delivered = await toStatus(statusReport({ sid, status: 'delivered', to }))
    expect(delivered.status).toBe(200)
    expect(JSON.parse(delivered.text)).toEqual({ received: true, outcome: 'delivered' })
    const after = await message(id)
    expect(after.status).toBe('delivered')
    expect(after.deliveredAt).toBeTruthy()

    for (const late of ['delivered', 'sent', 'undelivered']) {
      const res = await toStatus(statusReport({ sid, status: late, to, ...(late === 'undelivered' ? { errorCode: '30003' } : {}) }))
      expect(JSON.parse(res.text)).toEqual({ received: true, outcome: 'unchanged' })
    }
    const still = await message(id)
    expect(still.status).toBe('delivered')
    expect(still.deliveredAt).toBe(after.deliveredAt)
    expect(still.error).toBeNull()
  })

  it('marks the text failed with the error code and what it means', async () => {
    const { id, sid, to } = await sentText()
    const res = await toStatus(statusReport({ sid, status: 'undelivered', to, errorCode: '30003' }))
    expect(JSON.parse(res.text)).toEqual({ received: true, outcome: 'failed' })
    const failed = await message(id)
    expect(failed.status).toBe('failed')
    expect(failed.error).toBe('Twilio reported the text undelivered: error 30003 (unreachable handset (switched off or out of coverage))')
    expect(failed.failedAt).toBeTruthy()
  })

  it('about an earlier attempt never fails a text staff sent again', async () => {
    const { id, sid, to } = await sentText()
    await toStatus(statusReport({ sid, status: 'failed', to, errorCode: '30008' }))
    expect((await message(id)).status).toBe('failed')
    const req = await createLocalReq({}, payload)
    await store.retryMessage(req, id)
    const repeat = await toStatus(statusReport({ sid, status: 'failed', to, errorCode: '30008' }))
    expect(JSON.parse(repeat.text)).toEqual({ received: true, outcome: 'unchanged' })
    expect((await message(id)).status).toBe('queued')
    await drainJobsOf(payload, { messageIds: [id] })
    const resent = await message(id)
    expect(resent.status).toBe('sent')
    expect(resent.providerId).not.toBe(sid)
  })

  it('that outruns our record of the send still finds its text by the id in the callback URL, once', async () => {
    const to = e164(freshDigits())
    const id = await queueText(to, 'Racing the report')
    const sid = `SM${'ab'.repeat(16)}`
    const res = await toStatus(statusReport({ sid, status: 'delivered', to }), { messageId: id })
    expect(JSON.parse(res.text)).toEqual({ received: true, outcome: 'delivered' })
    const delivered = await message(id)
    expect(delivered.status).toBe('delivered')
    expect(delivered.providerId).toBe(sid)
    // The job that was sending it finds it settled and sends nothing more.
    await drainJobsOf(payload, { messageIds: [id] })
    expect(fake.requests.filter((r) => r.form.To === to)).toHaveLength(0)
    expect((await message(id)).status).toBe('delivered')
    // Another SID naming the same message once a SID is recorded is not ours.
    const other = await toStatus(statusReport({ sid: `SM${'cd'.repeat(16)}`, status: 'failed', to }), { messageId: id })
    expect(JSON.parse(other.text)).toEqual({ received: true, outcome: 'unknown_message' })
    expect((await message(id)).status).toBe('delivered')
  })

  it('with a wrong, missing or misplaced signature is a 403 and changes nothing', async () => {
    const { id, sid, to } = await sentText()
    const params = statusReport({ sid, status: 'delivered', to })
    const forged = await toStatus(params, { signature: signTwilio(`${PUBLIC}/api/twilio/status`, params, 'someoneelsestoken0123456789abcd') })
    expect(forged.status).toBe(403)
    expect(JSON.parse(forged.text).errors[0].name).toBe('Forbidden')
    expect((await toStatus(params, { signature: null })).status).toBe(403)
    // Signed over the address the request reached, not the public one Twilio was given.
    expect((await toStatus(params, { signedOrigin: 'http://localhost:3000' })).status).toBe(403)
    // Signed for other parameters than those sent.
    expect((await toStatus({ ...params, MessageStatus: 'failed' }, { signature: signTwilio(`${PUBLIC}/api/twilio/status`, params) })).status).toBe(403)
    expect((await message(id)).status).toBe('sent')
  })

  it('for a SID we never sent is acknowledged and changes nothing; a malformed one is a 400 naming the field', async () => {
    const unknown = await toStatus(statusReport({ sid: twilioSid('SM'), status: 'delivered' }))
    expect(unknown.status).toBe(200)
    expect(JSON.parse(unknown.text)).toEqual({ received: true, outcome: 'unknown_message' })
    const bad = await toStatus({ ...statusReport({ sid: 'SM-not-a-sid', status: 'Delivered!' }) })
    expect(bad.status).toBe(400)
    const paths = (JSON.parse(bad.text) as { errors: { data: { errors: { path: string }[] } }[] }).errors[0]?.data.errors.map((e) => e.path)
    expect(paths).toEqual(['MessageSid', 'MessageStatus'])
  })
})

describe('an inbound text', () => {
  it('from a customer’s number, however it was typed, lands in their thread, linked to their next booking still on', async () => {
    const params = inboundSms({ from: e164(A.digits), body: 'Can we add 2 guests? 🍣' })
    const res = await toSms(params)
    expect(res.status).toBe(200)
    expect(res.contentType).toMatch(/^text\/xml/)
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>')

    const [stored, ...others] = await messagesWithProviderId(params.MessageSid ?? '')
    expect(others).toHaveLength(0)
    expect(stored).toMatchObject({ channel: 'sms', direction: 'inbound', status: 'received', customer: A.customerId, booking: A.nextId, from: e164(A.digits), body: 'Can we add 2 guests? 🍣' })
    const thread = await payload.findByID({ collection: 'threads', id: Number(stored?.thread), depth: 0, overrideAccess: true })
    expect(thread.customer).toBe(A.customerId)
    expect(thread.lastChannel).toBe('sms')
    expect(thread.lastDirection).toBe('inbound')
    expect(thread.unreadCount).toBeGreaterThanOrEqual(1)
  })

  it('delivered again, or three times at once, is stored once', async () => {
    const params = inboundSms({ from: e164(A.digits), body: `Retry me ${RUN}` })
    const answers = await Promise.all([toSms(params), toSms(params), toSms(params)])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect((await toSms(params)).status).toBe(200)
    expect(await messagesWithProviderId(params.MessageSid ?? '')).toHaveLength(1)
  })

  it('from an unknown number gets a thread of its own, by number, and the next text joins it', async () => {
    const from = e164(freshDigits())
    const first = inboundSms({ from, body: 'Hi, do you cater in Queens?' })
    const second = inboundSms({ from, body: 'For 20 people' })
    expect((await toSms(first)).status).toBe(200)
    expect((await toSms(second)).status).toBe(200)
    const [a] = await messagesWithProviderId(first.MessageSid ?? '')
    const [b] = await messagesWithProviderId(second.MessageSid ?? '')
    expect(a).toMatchObject({ customer: null, booking: null, from })
    expect(b?.thread).toBe(a?.thread)
    const thread = await payload.findByID({ collection: 'threads', id: Number(a?.thread), depth: 0, overrideAccess: true })
    expect(thread).toMatchObject({ phone: from, customer: null, title: from })
  })

  it('from a number two customers share goes to the one who booked with it most recently', async () => {
    const digits = freshDigits()
    const profileOnly = await payload.create({
      collection: 'customers',
      data: { email: `sms-x-${RUN}@example.com`, name: 'Profile Only', phone: e164(digits), password: 'correct horse battery staple', _verified: true },
      overrideAccess: true,
      disableVerificationEmail: true,
    })
    const older = await book(3, `sms-y-${RUN}@example.com`, digits)
    const newer = await book(3, `sms-z-${RUN}@example.com`, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`)
    const newerCustomer = (await payload.findByID({ collection: 'bookings', id: newer, depth: 0, overrideAccess: true })).customer
    const olderCustomer = (await payload.findByID({ collection: 'bookings', id: older, depth: 0, overrideAccess: true })).customer
    expect(newerCustomer).not.toBe(olderCustomer)
    expect(newerCustomer).not.toBe(profileOnly.id)

    const params = inboundSms({ from: e164(digits), body: 'Which booking is mine?' })
    expect((await toSms(params)).status).toBe(200)
    const [stored] = await messagesWithProviderId(params.MessageSid ?? '')
    expect(stored).toMatchObject({ customer: newerCustomer, booking: newer })
  })

  it('with pictures and no words is kept with a note about them', async () => {
    const params = inboundSms({ from: e164(A.digits), body: '', numMedia: 2 })
    expect((await toSms(params)).status).toBe(200)
    const [stored] = await messagesWithProviderId(params.MessageSid ?? '')
    expect(stored?.body).toBe('(2 pictures or files sent by MMS: open the message in the Twilio console)')
  })

  it('that is not a form, not signed, or not valid writes nothing', async () => {
    const params = inboundSms({ from: e164(A.digits), body: 'forged' })
    const forged = await toSms(params, { signature: signTwilio(`${PUBLIC}/api/twilio/sms`, params, 'someoneelsestoken0123456789abcd') })
    expect(forged.status).toBe(403)
    expect((await toSms(params, { signature: null })).status).toBe(403)
    expect(await messagesWithProviderId(params.MessageSid ?? '')).toHaveLength(0)

    const badFrom = inboundSms({ from: 'Alice', body: 'hello' })
    const refused = await toSms(badFrom)
    expect(refused.status).toBe(400)
    expect(errorPaths({ status: refused.status, headers: new Headers(), body: JSON.parse(refused.text) })).toEqual(['From'])
    expect(await messagesWithProviderId(badFrom.MessageSid ?? '')).toHaveLength(0)

    const { MessageSid: _sid, ...withoutSid } = inboundSms({ from: e164(A.digits), body: 'no sid' })
    const noSid = await toSms(withoutSid)
    expect(noSid.status).toBe(400)
    expect(errorPaths({ status: noSid.status, headers: new Headers(), body: JSON.parse(noSid.text) })).toEqual(['MessageSid'])

    const { handleEndpoints } = await import('payload')
    const json = await handleEndpoints({
      config,
      path: '/api/twilio/sms',
      request: new Request('http://localhost:3000/api/twilio/sms', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': 'x' }, body: JSON.stringify(params) }),
    })
    expect(json.status).toBe(415)
  })
})

describe('what is logged', () => {
  it('names no phone number and no text', async () => {
    const digits = freshDigits()
    const logs = captureLogs()
    try {
      const params = inboundSms({ from: e164(digits), body: `Secret words ${RUN}` })
      expect((await toSms(params)).status).toBe(200)
      expect((await toSms(params, { signature: 'AAAA' })).status).toBe(403)
      const { sid } = await sentText(`Outbound words ${RUN}`)
      await toStatus(statusReport({ sid, status: 'delivered' }))
    } finally {
      logs.restore()
    }
    expect(logs.lines.filter((l) => l.module === 'inbound' && l.msg === 'inbound text')).toHaveLength(1)
    expect(logs.lines.filter((l) => l.module === 'inbound' && l.msg === 'text delivery report')).toHaveLength(1)
    expect(logs.lines.some((l) => l.module === 'twilio-webhook' && l.level === 40)).toBe(true)
    const text = JSON.stringify(logs.lines)
    expect(text).not.toContain(digits.slice(3))
    expect(text).not.toContain('Secret words')
    expect(text).not.toContain('Outbound words')
  })
})

describe('the inbound email endpoint of an app without INBOUND_EMAIL_SECRET', () => {
  it('answers 503 with the reason, and never pretends', async () => {
    const res = await rest('POST', '/inbound/email', { headers: { Authorization: 'Bearer whatever-secret-you-like-000' } })
    expect(res.status).toBe(503)
    expect(res.body).toMatchObject({ errors: [{ name: 'ServiceUnavailable', data: { reason: 'inbound_email_not_configured' } }] })
  })
})

describe('arbitrary bodies to the Twilio webhooks (fast-check)', () => {
  const name = fc.constantFrom('MessageSid', 'From', 'Body', 'NumMedia', 'To', 'MessageStatus', 'ErrorCode', 'AccountSid', '', 'x')
  const value = fc.oneof(
    { arbitrary: junkScalar.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))), weight: 4 },
    { arbitrary: fc.constant(null).map(() => twilioSid('SM')), weight: 2 },
    { arbitrary: fc.constantFrom('+13325550100', '(332) 555-0100', 'delivered', 'undelivered', '30003', '0', '99', ''), weight: 2 },
  )
  const plan = fc.record({
    path: fc.constantFrom('/api/twilio/sms', '/api/twilio/status'),
    signed: fc.boolean(),
    withValidBase: fc.boolean(),
    fields: fc.dictionary(name, value, { maxKeys: 6 }),
    contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x'),
  })

  it('never answer 5xx, and store a text only when it is signed and valid', async () => {
    const refusedSids: string[] = []
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const base = p.withValidBase ? (p.path === '/api/twilio/sms' ? inboundSms({ from: e164(freshDigits()), body: 'fuzz' }) : statusReport({ sid: twilioSid('SM'), status: 'delivered' })) : {}
        // Sign what is sent: the form as URLSearchParams writes it (lone surrogates become U+FFFD).
        const params = Object.fromEntries(new URLSearchParams({ ...base, ...p.fields }))
        const body = new URLSearchParams(params).toString()
        const headers = new Headers({ 'Content-Type': p.contentType })
        if (p.signed) headers.set('X-Twilio-Signature', signTwilio(`${PUBLIC}${p.path}`, params))
        const { handleEndpoints } = await import('payload')
        const response = await handleEndpoints({ config, path: p.path, request: new Request(`http://localhost:3000${p.path}`, { method: 'POST', headers, body }) })
        const text = await response.text()
        statuses.add(response.status)
        expect(response.status, text).toBeLessThan(500)
        const form = p.contentType === 'application/x-www-form-urlencoded'
        if (!p.signed || !form) expect([403, 413, 415]).toContain(response.status)
        const sid = params.MessageSid
        // A SID with NUL cannot be stored (nor looked up) in PostgreSQL text at all.
        if (p.path === '/api/twilio/sms' && sid && !sid.includes('\u0000')) {
          if (response.status === 200) expect(await messagesWithProviderId(sid)).toHaveLength(1)
          else refusedSids.push(sid)
        }
      }),
      {
        numRuns: 80,
        // Always among the runs: a signed valid text, a signed valid report, and the same unsigned.
        examples: [
          [{ path: '/api/twilio/sms', signed: true, withValidBase: true, fields: {}, contentType: 'application/x-www-form-urlencoded' }],
          [{ path: '/api/twilio/status', signed: true, withValidBase: true, fields: {}, contentType: 'application/x-www-form-urlencoded' }],
          [{ path: '/api/twilio/sms', signed: false, withValidBase: true, fields: {}, contentType: 'application/x-www-form-urlencoded' }],
          [{ path: '/api/twilio/sms', signed: true, withValidBase: true, fields: { From: 'nobody' }, contentType: 'application/x-www-form-urlencoded' }],
        ],
      },
    )
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 403]))
    for (const sid of refusedSids) expect(await messagesWithProviderId(sid)).toHaveLength(0)
  })
})
