/**
 * The outbox against real Postgres and a real SMTP server (a local smtp-server sink): a queued
 * email is sent once by the `sendMessage` job and recorded `sent` with its Message-ID; its private
 * links are sealed in the row and opened only in the mail; a dead mail server makes the message
 * `failed` after MESSAGE_SEND_ATTEMPTS attempts with the error kept; a retry after it is back
 * sends it exactly once; a note is stored as written and never queued.
 */
import { createLocalReq, getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { drainJobsOf, pendingJobIds, runJobsOf } from '../helpers/jobs'
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

let payload: Payload
let sink: SmtpSink
/** The app reaches the mail server through this proxy, which a test cuts ("SMTP down") and restores. */
let smtpProxy: TcpProxy
let customerId: number
const RUN = Date.now().toString(36)
const EMAIL = `outbox-${RUN}@example.com`

type Store = typeof import('../../src/collections/Messages/store')
let store: Store

beforeAll(async () => {
  sink = await startSmtpSink()
  const proxied = await proxyUrl(sink.url, 25)
  smtpProxy = proxied.proxy
  process.env.SMTP_URL = proxied.url
  process.env.MESSAGE_SEND_ATTEMPTS = '3'
  process.env.MESSAGE_RETRY_DELAY_MS = '10'
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  payload = await getPayload({ config })
  store = await import('../../src/collections/Messages/store')
  const customer = await payload.create({ collection: 'customers', data: { email: EMAIL, name: 'Outbox Olive', password: 'correct horse battery staple', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  customerId = customer.id
})

afterAll(async () => {
  await smtpProxy.close()
  await sink.close()
  delete process.env.SMTP_URL
})

async function queue(body: string, extra: Partial<Parameters<Store['queueMessage']>[1]> = {}): Promise<number> {
  const req = await createLocalReq({}, payload)
  const queued = await store.queueMessage(req, { channel: 'email', owner: { customerId }, to: EMAIL, subject: `Subject ${body}`, body, ...extra })
  return queued.id
}

describe('the outbox', () => {
  it('sends a queued email once, records it sent with its Message-ID, and moves the thread', async () => {
    const id = await queue('Hello [[link:manage]] there', { html: '<p>Hello <a href="[[link:manage]]">manage</a></p>', links: { manage: 'https://example.test/booking/SECRET_TOKEN_abc?x=1&y=2' } })
    const stored = await payload.findByID({ collection: 'messages', id, overrideAccess: true, showHiddenFields: true })
    expect(stored.status).toBe('queued')
    expect(stored.body).not.toContain('SECRET_TOKEN')
    expect(stored.sealedLinks).toMatch(/^v1\./)
    expect(stored.sealedLinks).not.toContain('SECRET_TOKEN')
    expect(await pendingJobIds(payload, { messageIds: [id] })).toHaveLength(1)

    await drainJobsOf(payload, { messageIds: [id] })
    const mail = await sink.nextMessageTo(EMAIL)
    expect(mail.subject).toBe('Subject Hello [[link:manage]] there')
    expect(mail.text).toContain('https://example.test/booking/SECRET_TOKEN_abc?x=1&y=2')
    expect(mail.html).toContain('href="https://example.test/booking/SECRET_TOKEN_abc?x=1&amp;y=2"')
    const sent = await payload.findByID({ collection: 'messages', id, overrideAccess: true })
    expect(sent.status).toBe('sent')
    expect(sent.attempts).toBe(1)
    expect(sent.providerId).toBe(mail.parsed.messageId)
    const thread = await payload.find({ collection: 'threads', where: { customer: { equals: customerId } }, overrideAccess: true })
    expect(thread.docs).toHaveLength(1)
    expect(thread.docs[0]?.lastChannel).toBe('email')
    expect(thread.docs[0]?.lastPreview).toContain('(private link)')

    // Running the same message again (a retry, a second runner) sends nothing.
    const req = await createLocalReq({}, payload)
    const { sendQueuedMessage } = await import('../../src/collections/Messages/delivery')
    expect(await sendQueuedMessage(payload, req, id)).toBe('skipped')
    await new Promise((r) => setTimeout(r, 200))
    expect(sink.received.filter((m) => m.parsed.messageId === mail.parsed.messageId)).toHaveLength(1)
  })

  it('a key makes a second queueing of the same booking event a no-op', async () => {
    const key = `test:${RUN}:once`
    const first = await queue('Once', { key })
    const req = await createLocalReq({}, payload)
    const second = await store.queueMessage(req, { channel: 'email', owner: { customerId }, to: EMAIL, subject: 'Again', body: 'Once again', key })
    expect(second).toEqual({ id: first, created: false })
    expect(await pendingJobIds(payload, { messageIds: [first] })).toHaveLength(1)
    await drainJobsOf(payload, { messageIds: [first] })
    expect((await sink.nextMessageTo(EMAIL)).subject).toBe('Subject Once')
    expect(sink.received.filter((m) => m.subject === 'Subject Once')).toHaveLength(1)
  })

  it('a dead mail server makes the message failed after the attempts, with the error; retry sends it once', async () => {
    const id = await queue('Down')
    smtpProxy.cut()
    try {
      await drainJobsOf(payload, { messageIds: [id] })
    } finally {
      smtpProxy.restore()
    }
    const failed = await payload.findByID({ collection: 'messages', id, overrideAccess: true })
    expect(failed.status).toBe('failed')
    expect(failed.attempts).toBe(3)
    expect(failed.error).toMatch(/ECONNECTION|ESOCKET|ECONNRESET|closed|connect/i)
    expect(failed.failedAt).toBeTruthy()
    expect(sink.received.some((m) => m.subject === 'Subject Down')).toBe(false)

    const req = await createLocalReq({}, payload)
    await store.retryMessage(req, id)
    await drainJobsOf(payload, { messageIds: [id] })
    const mail = await sink.nextMessageTo(EMAIL)
    expect(mail.subject).toBe('Subject Down')
    const sent = await payload.findByID({ collection: 'messages', id, overrideAccess: true })
    expect(sent.status).toBe('sent')
    expect(sent.error).toBeNull()
    await expect(store.retryMessage(req, id)).rejects.toThrow(/only a failed message/i)
    expect(await runJobsOf(payload, { messageIds: [id] })).toBe(0)
  })

  it('a staff note is stored as written, sent to nobody', async () => {
    const req = await createLocalReq({}, payload)
    const note = await store.queueMessage(req, { channel: 'note', owner: { customerId }, body: 'Prefers calls after 5pm' })
    const stored = await payload.findByID({ collection: 'messages', id: note.id, overrideAccess: true })
    expect(stored.status).toBe('sent')
    expect(await pendingJobIds(payload, { messageIds: [note.id] })).toHaveLength(0)
  })
})

describe('erasing a customer', () => {
  it('deletes their thread and its messages with them (an erasure), answering 200 not a database error', async () => {
    const email = `erase-${RUN}@example.com`
    const customer = await payload.create({ collection: 'customers', data: { email, name: 'Erase Eve', password: 'correct horse battery staple', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    const req = await createLocalReq({}, payload)
    const note = await store.queueMessage(req, { channel: 'note', owner: { customerId: customer.id }, body: 'Call back on Monday' })
    const threadId = (await payload.findByID({ collection: 'messages', id: note.id, overrideAccess: true, depth: 0 })).thread
    await payload.delete({ collection: 'customers', id: customer.id, overrideAccess: true })
    expect(await payload.findByID({ collection: 'messages', id: note.id, overrideAccess: true, disableErrors: true })).toBeNull()
    expect(await payload.findByID({ collection: 'threads', id: Number(threadId), overrideAccess: true, disableErrors: true })).toBeNull()
  })
})
