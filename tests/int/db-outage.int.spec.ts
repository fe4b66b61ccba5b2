/**
 * A database outage as the customer's requests meet it (src/infra/db-outage.ts): this file's
 * Payload reaches the real test database through a TCP proxy the test cuts, restores and fills.
 * - While Postgres is unreachable a booking and a manage link answer 503 `database_unavailable`
 *   (found by `npm run faults`: they answered 500), and the refused booking is not stored.
 * - A request waiting for a pool connection gets that 503 within DB_CONNECT_TIMEOUT_MS.
 * - A connection cut while it is checked out (a request's transaction between two statements)
 *   fails that work instead of raising an uncaught exception in the process (found by
 *   `npm run faults` too: pg emits 'error' on the client, and pg-pool does not listen while it is out).
 * - A COMMIT that fails fails the request; one whose answer is lost ends as Postgres decided
 *   (found by `npm run faults`: a booking answered 201 was not stored, because Payload's adapter
 *   swallows a failed COMMIT; src/infra/db.ts `surfaceCommitFailures`).
 * Days 140–142 are this file's.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, getPayload, initTransaction, type Payload, type PayloadRequest, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { databaseOutageOf } from '../../src/infra/db-outage'
import type { Booking } from '../../src/payload-types'
import { applySettings, bookingBody, dateAhead, runTag, type DocResponse, type PayloadErrorBody } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'
import { withRawClient } from '../helpers/sql'
import { proxyUrl, type TcpProxy } from '../helpers/tcp-proxy'

const CONNECT_TIMEOUT_MS = 1_000
const POOL_MAX = 3
let proxy: TcpProxy
let rest: ReturnType<typeof restClient>
let payload: Payload
let directUri: string

beforeAll(async () => {
  directUri = process.env.DATABASE_URI as string
  const proxied = await proxyUrl(directUri, 5432)
  proxy = proxied.proxy
  process.env.DATABASE_URI = proxied.url
  process.env.DB_CONNECT_TIMEOUT_MS = String(CONNECT_TIMEOUT_MS)
  process.env.DB_POOL_MAX = String(POOL_MAX)
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  payload = await getPayload({ config })
  rest = restClient(config)
  await applySettings(payload)
})

afterAll(async () => {
  proxy.restore()
  // Writes purge the availability cache again shortly after commit: let the last one run.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  await proxy.close()
})

const pool = () => (payload.db as unknown as PostgresAdapter).pool
const checkedOut = () => pool().totalCount - pool().idleCount

async function storedBookings(email: string): Promise<number> {
  return withRawClient(async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM bookings WHERE lower(contact_email) = lower($1)', [email])).rows[0]?.n), directUri)
}

describe('a database outage', () => {
  it('answers a booking and a manage link 503 database_unavailable while Postgres is unreachable, and stores nothing', async () => {
    const made = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(140), `outage-${runTag()}@example.com`) })
    expect(made.status).toBe(201)
    const token = made.body.doc.manageToken as string

    proxy.cut()
    const email = `outage-refused-${runTag()}@example.com`
    const refused = await rest<PayloadErrorBody>('POST', '/bookings', { body: bookingBody(dateAhead(140), email, { startTime: '18:00' }) })
    const view = await rest<PayloadErrorBody>('GET', `/bookings/manage/${token}`)
    proxy.restore()

    expect(refused.status).toBe(503)
    expect(refused.body.errors[0]).toMatchObject({ name: 'ServiceUnavailable', data: { reason: 'database_unavailable' } })
    expect(view.status).toBe(503)
    expect(view.body.errors[0]?.data?.reason).toBe('database_unavailable')
    expect(await storedBookings(email)).toBe(0)

    // Back without a restart: the same booking goes through.
    await expect.poll(async () => (await rest('POST', '/bookings', { body: bookingBody(dateAhead(140), email, { startTime: '18:00' }) })).status, { timeout: 10_000, interval: 250 }).toBe(201)
    expect(await storedBookings(email)).toBe(1)
    // No connection stays checked out by the requests that failed (drizzle does not release its
    // client when BEGIN fails; Payload keeps one for good): at most Payload's own watch is out.
    expect(checkedOut()).toBeLessThanOrEqual(1)
  })

  it('answers 503 within DB_CONNECT_TIMEOUT_MS to a request that waits for a pool connection', async () => {
    // Every connection of the pool taken (Payload may hold one of its own): the request can only wait.
    const held = await Promise.all(Array.from({ length: POOL_MAX - checkedOut() }, () => pool().connect()))
    try {
      const started = Date.now()
      const res = await rest<PayloadErrorBody>('POST', '/bookings', { body: bookingBody(dateAhead(141), `outage-wait-${runTag()}@example.com`) })
      const elapsed = Date.now() - started
      expect(res.status).toBe(503)
      expect(res.body.errors[0]?.data?.reason).toBe('database_unavailable')
      expect(elapsed).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50)
      expect(elapsed).toBeLessThan(CONNECT_TIMEOUT_MS + 2_000)
    } finally {
      for (const client of held) client.release()
    }
  })

  it('fails the work of a connection cut while it is checked out, without an uncaught exception', async () => {
    const uncaught: unknown[] = []
    const onUncaught = (err: unknown) => uncaught.push(err)
    process.on('uncaughtException', onUncaught)
    try {
      const client = await pool().connect()
      await client.query('BEGIN')
      proxy.cut()
      await new Promise((resolve) => setTimeout(resolve, 300))
      const err = await client.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      )
      client.release(err instanceof Error ? err : true)
      proxy.restore()
      expect(databaseOutageOf(err)).toBeDefined()
      expect(uncaught).toEqual([])
      // Given back to the pool, dead, as soon as it failed: the later release above was a no-op.
      expect(checkedOut()).toBeLessThanOrEqual(1)
      // The pool replaced the broken connection.
      await expect.poll(async () => (await pool().query<{ n: number }>('SELECT 1 AS n')).rows[0]?.n, { timeout: 5_000 }).toBe(1)
    } finally {
      process.off('uncaughtException', onUncaught)
      proxy.restore()
    }
  })

  /** A booking created inside a transaction of the test's own, not committed yet. */
  async function uncommittedBooking(email: string, startTime: string): Promise<PayloadRequest> {
    const req = await createLocalReq({}, payload)
    expect(await initTransaction(req)).toBe(true)
    await payload.create({
      collection: 'bookings',
      data: bookingBody(dateAhead(142), email, { startTime }) as unknown as Omit<Booking, 'id' | 'createdAt' | 'updatedAt'>,
      req,
      overrideAccess: false,
    })
    return req
  }

  it('fails the commit of a booking whose COMMIT never reached Postgres, and stores nothing', async () => {
    const email = `outage-commit-${runTag()}@example.com`
    const req = await uncommittedBooking(email, '12:00')
    proxy.cut()
    const outcome = await commitTransaction(req).then(
      () => 'committed',
      (err: unknown) => err,
    )
    proxy.restore()
    expect(databaseOutageOf(outcome)).toBeDefined()
    expect(await storedBookings(email)).toBe(0)
  })

  it('succeeds when only the answer to COMMIT was lost and Postgres committed', async () => {
    const email = `outage-lost-answer-${runTag()}@example.com`
    const req = await uncommittedBooking(email, '18:00')
    // Every answer held 3 s: the COMMIT reaches Postgres, its answer waits in the proxy…
    proxy.setLatency(3_000)
    const outcome = commitTransaction(req).then(
      () => 'committed',
      (err: unknown) => err,
    )
    await expect.poll(() => storedBookings(email), { timeout: 20_000, interval: 100 }).toBe(1)
    // …and is lost with the connection.
    proxy.cut()
    proxy.setLatency(0)
    proxy.restore()
    expect(await outcome).toBe('committed')
    expect(await storedBookings(email)).toBe(1)
  })
})
