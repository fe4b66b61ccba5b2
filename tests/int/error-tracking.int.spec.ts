/**
 * Error tracking end to end, against real Postgres and a fake Sentry ingest
 * (tests/helpers/fake-sentry.ts, speaking the envelope protocol over HTTP): SENTRY_DSN points the
 * real SDK at it, and requests go over a real socket through the app's own server wrapper
 * (src/server/graceful-server.ts: request IDs) into Payload's REST handler, as Next's route does.
 * - A real server error: the database refuses the customer row of a booking (a trigger), so
 *   POST /api/bookings answers 500. It arrives once, tagged with the request's ID and the release.
 * - Refusals (400, 404) never arrive.
 * - A failing job (the database refuses the message's update) arrives, tagged with task, job and
 *   release.
 * - A job that fails in `npm run jobs:once` (a process of its own, Node's own ESM loader) arrives
 *   from there, flushed before the process exits.
 * - A client that goes away in the middle of its body is answered 499 and logged at info: no
 *   error line, no event.
 * - Nothing else arrives (no sessions, client reports or spans), and no envelope carries the
 *   request's e-mail, phone, name, street, cookie, authorization header, body or query string —
 *   though all of them were in the request, and the database driver's error message quoted the
 *   row (its `params:` line).
 */
import { spawn } from 'node:child_process'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'
import { Readable } from 'node:stream'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { createLocalReq, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, dateAhead } from '../helpers/bookings-fixtures'
import { captureLogs } from '../helpers/capture-logs'
import { startFakeSentry, type FakeSentry } from '../helpers/fake-sentry'
import { pendingJobIds, runJobsOf } from '../helpers/jobs'

const RUN = Date.now().toString(36)
const RELEASE = `myhibachi@int-${RUN}`
// The PII of the failing booking: every one of these must stay out of every envelope.
const BOOKER_EMAIL = `sentry-int-book-${RUN}@example.com`
const BOOKER_PHONE = '212-555-0142'
const BOOKER_NAME = `Sentrina Quayle${RUN}`
const STREET = `77 Sentrystreet ${RUN} Ave`
const SPECIAL = `Please ring the bell twice ${RUN}`
const COOKIE_SECRET = `cookiesecret${RUN}`
const AUTH_SECRET = `authsecret${RUN}`
const QUERY_EMAIL = `query-${RUN}@example.org`
const JOB_EMAIL = `sentry-int-job-${RUN}@example.com`
const JOB_BODY = `Your chef arrives at noon ${RUN}`

let fake: FakeSentry
let payload: Payload
let config: Promise<SanitizedConfig>
let graceful: import('../../src/server/graceful-server').GracefulServer
let base = ''
let tracking: typeof import('../../src/server/error-tracking')

const sql = (text: string) => (payload.db as unknown as PostgresAdapter).pool.query(text)

/** The status Payload answered, by request ID, for requests whose client is gone before it. */
const answered = new Map<string, (status: number) => void>()

/**
 * Node request → Payload's REST handler → Node response: what Next's API route does, minus Next.
 * The body is streamed, as Next hands it over: a connection that closes mid-body errors the
 * stream with Node's own "aborted" error.
 */
async function toPayload(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>)
  const request = new Request(url, { method, headers, body, duplex: 'half' } as RequestInit)
  const response = await handleEndpoints({ config, path: url.pathname, request })
  answered.get(String(req.headers['x-request-id']))?.(response.status)
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Headers full of what must never be reported. */
function secretHeaders(requestId: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Request-ID': requestId,
    Cookie: `payload-token=${COOKIE_SECRET}; theme=dark`,
    Authorization: `Bearer ${AUTH_SECRET}`,
    'X-Forwarded-For': '203.0.113.77',
  }
}

beforeAll(async () => {
  fake = await startFakeSentry()
  // Before the config and the env are first read in this file's module graph.
  process.env.SENTRY_DSN = fake.dsn()
  process.env.SENTRY_RELEASE = RELEASE
  process.env.SENTRY_ENVIRONMENT = 'int-test'
  ;({ default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> })
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
  tracking = await import('../../src/server/error-tracking')
  expect(tracking.initErrorTracking('test')).toBe(true)
  // A second start (Next's register() after src/server.ts) changes nothing.
  expect(tracking.initErrorTracking('server')).toBe(true)

  const { createGracefulServer } = await import('../../src/server/graceful-server')
  const { logger } = await import('../../src/server/logger')
  graceful = createGracefulServer({ port: 0, host: '127.0.0.1', shutdownTimeoutMs: 1_000, log: logger.child({ module: 'error-tracking-test' }), handler: toPayload })
  await graceful.listen()
  base = `http://127.0.0.1:${(graceful.server.address() as AddressInfo).port}`

  // The database refuses these rows: a real failure deep in a request and in a job.
  await sql(`CREATE OR REPLACE FUNCTION sentry_int_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'sentry int test: the database refused this write' USING ERRCODE = 'XX000'; END $$`)
  await sql(`CREATE TRIGGER sentry_int_refuse_customers BEFORE INSERT ON customers FOR EACH ROW WHEN (NEW.email LIKE 'sentry-int-book-%') EXECUTE FUNCTION sentry_int_refuse()`)
})

afterAll(async () => {
  await sql('DROP TRIGGER IF EXISTS sentry_int_refuse_customers ON customers')
  await sql('DROP TRIGGER IF EXISTS sentry_int_refuse_messages ON messages')
  await sql('DROP FUNCTION IF EXISTS sentry_int_refuse()')
  await graceful.shutdown('test done')
  await fake.close()
  for (const name of ['SENTRY_DSN', 'SENTRY_RELEASE', 'SENTRY_ENVIRONMENT']) Reflect.deleteProperty(process.env, name)
})

const tagsOf = (event: Record<string, unknown>) => (event.tags ?? {}) as Record<string, unknown>

describe('error tracking', () => {
  const failedRequestId = `sentry-5xx-${RUN}`
  const refusedRequestId = `sentry-4xx-${RUN}`
  const missingRequestId = `sentry-404-${RUN}`
  let jobId = 0

  it('reports a server error (500) with its request ID and the release', async () => {
    const body = bookingBody(dateAhead(40), BOOKER_EMAIL, {
      contact: { name: BOOKER_NAME, email: BOOKER_EMAIL, phone: BOOKER_PHONE },
      address: { street: STREET, city: 'New York', state: 'NY', zip: '10001' },
      specialRequests: SPECIAL,
    })
    const res = await fetch(`${base}/api/bookings?depth=0&email=${encodeURIComponent(QUERY_EMAIL)}`, { method: 'POST', headers: secretHeaders(failedRequestId), body: JSON.stringify(body) })
    expect(res.status).toBe(500)
    expect(res.headers.get('x-request-id')).toBe(failedRequestId)
    await tracking.flushErrorTracking(5_000)
    await fake.waitFor(() => fake.events().some((e) => tagsOf(e).request_id === failedRequestId))
    const event = fake.events().find((e) => tagsOf(e).request_id === failedRequestId) as Record<string, unknown>
    expect(event.release).toBe(RELEASE)
    expect(event.environment).toBe('int-test')
    expect(String(tagsOf(event)['http.status_code'])).toBe('500')
    expect(tagsOf(event).source).toBe('api')
    // The exception is the database's refusal (the driver's error, and the cause it links).
    expect(JSON.stringify(event.exception)).toContain('sentry int test: the database refused this write')
    // What is left of the request: method, URL without its query, harmless headers.
    const request = event.request as { method?: string; url?: string; headers?: Record<string, string>; cookies?: unknown; data?: unknown; query_string?: unknown } | undefined
    if (request) {
      expect(request.cookies).toBeUndefined()
      expect(request.data).toBeUndefined()
      expect(request.query_string).toBeUndefined()
      expect(Object.keys(request.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('cookie')
      if (request.url) expect(request.url).not.toContain('?')
    }
    expect(event.user).toBeUndefined()
  })

  it('never reports a refusal (400, 404)', async () => {
    const invalid = await fetch(`${base}/api/bookings`, { method: 'POST', headers: secretHeaders(refusedRequestId), body: JSON.stringify({ contact: { name: BOOKER_NAME, email: 'not-an-address', phone: BOOKER_PHONE } }) })
    expect(invalid.status).toBe(400)
    const missing = await fetch(`${base}/api/bookings/manage/${'x'.repeat(43)}`, { headers: secretHeaders(missingRequestId) })
    expect(missing.status).toBe(404)
    await tracking.flushErrorTracking(5_000)
  })

  it('reports a failed job with its task, job ID and the release', async () => {
    const customer = await payload.create({ collection: 'customers', data: { email: `sentry-ok-${RUN}@example.com`, name: 'Job Owner', password: 'correct horse battery staple', _verified: true }, overrideAccess: true, disableVerificationEmail: true })
    const store = await import('../../src/collections/Messages/store')
    const req = await createLocalReq({}, payload)
    const queued = await store.queueMessage(req, { channel: 'email', owner: { customerId: customer.id }, to: JOB_EMAIL, subject: 'Your booking', body: JOB_BODY })
    const [id] = await pendingJobIds(payload, { messageIds: [queued.id] })
    jobId = id ?? 0
    expect(jobId).toBeGreaterThan(0)
    await sql(`CREATE TRIGGER sentry_int_refuse_messages BEFORE UPDATE ON messages FOR EACH ROW WHEN (NEW."to" LIKE 'sentry-int-job-%') EXECUTE FUNCTION sentry_int_refuse()`)
    expect(await runJobsOf(payload, { messageIds: [queued.id] })).toBe(1)
    await tracking.flushErrorTracking(5_000)
    await fake.waitFor(() => fake.events().some((e) => tagsOf(e).source === 'job'))
    const event = fake.events().find((e) => tagsOf(e).source === 'job') as Record<string, unknown>
    expect(tagsOf(event).job_task).toBe('sendMessage')
    expect(String(tagsOf(event).job_id)).toBe(String(jobId))
    expect(event.release).toBe(RELEASE)
    expect(JSON.stringify(event.exception)).toContain('sentry int test: the database refused this write')
  })

  it('answers a client that went away mid-body 499, not a database outage: no warning, no event', async () => {
    // Our own endpoint (src/http/body.ts reads the body) and one of Payload's (the customers'
    // public sign-up: Payload reads the body itself, before any code of ours).
    const logs = captureLogs()
    try {
      for (const [path, partial] of [
        ['/api/bookings', `{"eventDate":"${dateAhead(41)}","contact":{"email":"`],
        ['/api/customers', '{"email":"someone@exam'],
      ] as const) {
        const requestId = `sentry-abort-${path.slice(5)}-${RUN}`
        const status = new Promise<number>((resolve) => answered.set(requestId, resolve))
        const socket = net.connect((graceful.server.address() as AddressInfo).port, '127.0.0.1')
        await once(socket, 'connect')
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\nX-Request-ID: ${requestId}\r\n\r\n${partial}`)
        await new Promise((r) => setTimeout(r, 300))
        socket.destroy()
        expect(await status, path).toBe(499)
      }
      await tracking.flushErrorTracking(5_000)
      // Tests log at warn and above: a client abort on our endpoints is below that (loggingLevels:
      // info). It used to be taken for a database outage (its code is ECONNRESET): a 503 and a warning.
      expect(logs.lines.filter((l) => l.module === 'payload-errors' || /database/i.test(String(l.msg))), 'no database-outage warning').toEqual([])
      expect(logs.lines.filter((l) => String(l.requestId).startsWith('sentry-abort-/bookings') && Number(l.level) >= 50), 'no error line for our endpoint').toEqual([])
    } finally {
      logs.restore()
    }
    // The event count below (exactly two) shows nothing was reported for either.
  })

  it('sent exactly those two events, and nothing personal', async () => {
    // Anything late (a refusal reported after all, a session) would have been flushed by now.
    await tracking.flushErrorTracking(5_000)
    await new Promise((r) => setTimeout(r, 500))
    const events = fake.events()
    expect(events.map((e) => (tagsOf(e).source === 'job' ? 'job' : tagsOf(e).request_id)).sort()).toEqual([failedRequestId, 'job'].sort())
    expect(fake.envelopes.flatMap((e) => e.items.map((i) => i.header.type))).toEqual(['event', 'event'])
    expect(fake.refused).toEqual([])
    const everything = fake.envelopes.map((e) => e.raw).join('\n')
    for (const secret of [
      BOOKER_EMAIL,
      JOB_EMAIL,
      QUERY_EMAIL,
      BOOKER_PHONE,
      BOOKER_PHONE.replaceAll('-', ''),
      BOOKER_NAME,
      STREET,
      SPECIAL,
      JOB_BODY,
      COOKIE_SECRET,
      'payload-token',
      AUTH_SECRET,
      'Bearer',
      '203.0.113.77',
    ]) {
      expect(everything, `no envelope carries ${secret}`).not.toContain(secret)
    }
    // The driver's message named the row's values; only its redacted stub is left.
    expect(everything).toContain('params: [redacted]')
  })

  it('reports a job that fails in a worker process of its own (npm run jobs:once, under Node’s own module loader)', async () => {
    const to = `sentry-int-job-worker-${RUN}@example.com`
    const customer = await payload.find({ collection: 'customers', where: { email: { equals: `sentry-ok-${RUN}@example.com` } }, overrideAccess: true, limit: 1 })
    const store = await import('../../src/collections/Messages/store')
    const req = await createLocalReq({}, payload)
    const queued = await store.queueMessage(req, { channel: 'email', owner: { customerId: customer.docs[0]?.id ?? 0 }, to, subject: 'Your booking', body: JOB_BODY })
    const [workerJobId] = await pendingJobIds(payload, { messageIds: [queued.id] })
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/jobs-once.ts'], { env: { ...process.env, LOG_LEVEL: 'error', LOG_PRETTY: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code, output).toBe(0)
    // jobs:once flushes before it exits: the event is there already.
    const event = fake.events().find((e) => String(tagsOf(e).job_id) === String(workerJobId))
    expect(event, output).toBeDefined()
    expect(tagsOf(event ?? {}).job_task).toBe('sendMessage')
    expect(event?.release).toBe(RELEASE)
    const raw = fake.envelopes.map((e) => e.raw).join('\n')
    expect(raw).not.toContain(to)
    expect(raw).not.toContain(JOB_BODY)
  })
})
