/**
 * Idempotency-Key on POST /api/bookings (draft-ietf-httpapi-idempotency-key-header), and the
 * lease on a running key (src/infra/idempotency.ts). Runs with Redis (REDIS_URL) or, without it,
 * on the in-process store: the same rules must hold for both.
 */
import { setTimeout as sleep } from 'node:timers/promises'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { abandon, begin, complete, fingerprintOf } from '../../src/infra/idempotency'
import { registry } from '../../src/server/process-registry'
import { applySettings, bookingBody, dateAhead, runTag } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

// A 2-second lease instead of 30 s, so "after the lease" is a short wait. Set before the imports
// above are evaluated (vi.hoisted), because env() reads it once. The concurrency test below still
// holds with it: all 50 requests ask within milliseconds, and even a second run would be refused
// by the database (one booking per email and date) without replacing the stored 201.
const LEASE_MS = vi.hoisted(() => {
  process.env.IDEMPOTENCY_LEASE_SECONDS = '2'
  return 2_000
})

const rest = restClient(config)
let payload: Payload

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
})

async function countFor(email: string): Promise<number> {
  return (await payload.count({ collection: 'bookings', where: { 'contact.email': { equals: email } }, overrideAccess: true })).totalDocs
}

describe('Idempotency-Key on booking creation', () => {
  it('makes one booking from 50 simultaneous requests with one key, and every 2xx body is the same', async () => {
    const email = `idem-${runTag()}@example.com`
    const body = bookingBody(dateAhead(210), email)
    const key = `key-${runTag()}`
    const results = await Promise.all(Array.from({ length: 50 }, () => rest('POST', '/bookings', { body, headers: { 'Idempotency-Key': key } })))
    expect(results.filter((r) => r.status >= 500)).toEqual([])
    const ok = results.filter((r) => r.status === 201)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(new Set(ok.map((r) => JSON.stringify(r.body))).size).toBe(1)
    for (const r of results.filter((x) => x.status !== 201)) expect(r.status).toBe(409)
    expect(await countFor(email)).toBe(1)

    const replay = await rest('POST', '/bookings', { body, headers: { 'Idempotency-Key': key } })
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(ok[0]?.body))
    expect(await countFor(email)).toBe(1)
  })

  it('refuses the same key with another body with 422 and writes nothing', async () => {
    const email = `idem-${runTag()}@example.com`
    const key = `key-${runTag()}`
    const first = await rest('POST', '/bookings', { body: bookingBody(dateAhead(211), email), headers: { 'Idempotency-Key': key } })
    expect(first.status).toBe(201)
    const other = await rest('POST', '/bookings', { body: bookingBody(dateAhead(212), email), headers: { 'Idempotency-Key': key } })
    expect(other.status).toBe(422)
    expect(await countFor(email)).toBe(1)
  })

  it('replays a stored 4xx too, and still works without a key', async () => {
    const key = `key-${runTag()}`
    const bad = { ...bookingBody(dateAhead(213), `idem-${runTag()}@example.com`), startTime: '25:00' }
    const a = await rest('POST', '/bookings', { body: bad, headers: { 'Idempotency-Key': key } })
    const b = await rest('POST', '/bookings', { body: bad, headers: { 'Idempotency-Key': key } })
    expect(a.status).toBe(400)
    expect(b.status).toBe(400)
    expect(b.headers.get('idempotent-replayed')).toBe('true')
    const plain = await rest('POST', '/bookings', { body: bookingBody(dateAhead(214), `idem-${runTag()}@example.com`) })
    expect(plain.status).toBe(201)
  })

  it('rejects a malformed key with 400', async () => {
    const res = await rest('POST', '/bookings', { body: bookingBody(dateAhead(215), `idem-${runTag()}@example.com`), headers: { 'Idempotency-Key': 'has spaces and "quotes"' } })
    expect(res.status).toBe(400)
  })
})

/** Runs `fn` as one request of the server would: inside its own request context. */
function asRequest<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  return registry().requestContext.run({ requestId }, fn)
}

describe('the lease on a running Idempotency-Key', () => {
  const ok = { status: 201, body: '{"doc":{"id":1}}' }
  const refused = { status: 409, body: '{"errors":[{"name":"ConflictError","data":{"reason":"duplicate_booking"}}]}' }

  it('frees the key once the lease runs out when the first run never answers (a crash), not after a day', async () => {
    const scope = `lease-test:${runTag()}`
    const fp = fingerprintOf({ a: 1 })
    expect((await asRequest('crashed', () => begin(scope, 'k1', fp))).kind).toBe('new')
    // The instance dies here: no complete(), no abandon().
    expect((await asRequest('retry-1', () => begin(scope, 'k1', fp))).kind).toBe('in_progress')
    await sleep(LEASE_MS + 300)
    expect((await asRequest('retry-2', () => begin(scope, 'k1', fp))).kind).toBe('new')
    await asRequest('retry-2', () => complete(scope, 'k1', fp, ok))
    expect(await asRequest('retry-3', () => begin(scope, 'k1', fp))).toEqual({ kind: 'replay', response: ok })
  })

  it('keeps the answer of a run slower than its lease, and a success is never replaced by a later refusal (either order)', async () => {
    for (const slowFinishesFirst of [true, false]) {
      const scope = `lease-test:${runTag()}`
      const fp = fingerprintOf({ b: slowFinishesFirst })
      expect((await asRequest('slow', () => begin(scope, 'k2', fp))).kind).toBe('new')
      await sleep(LEASE_MS + 300)
      // The retry after the lease runs again; the database refuses it as a duplicate.
      expect((await asRequest('second', () => begin(scope, 'k2', fp))).kind).toBe('new')
      if (slowFinishesFirst) {
        await asRequest('slow', () => complete(scope, 'k2', fp, ok))
        await asRequest('second', () => complete(scope, 'k2', fp, refused))
      } else {
        await asRequest('second', () => complete(scope, 'k2', fp, refused))
        await asRequest('slow', () => complete(scope, 'k2', fp, ok))
      }
      expect(await asRequest('later', () => begin(scope, 'k2', fp))).toEqual({ kind: 'replay', response: ok })
    }
  })

  it("releases only its own claim: a slow run that fails after its lease does not free a later run's key", async () => {
    const scope = `lease-test:${runTag()}`
    const fp = fingerprintOf({ c: 1 })
    expect((await asRequest('slow', () => begin(scope, 'k3', fp))).kind).toBe('new')
    await sleep(LEASE_MS + 300)
    expect((await asRequest('second', () => begin(scope, 'k3', fp))).kind).toBe('new')
    await asRequest('slow', () => abandon(scope, 'k3')) // the slow run ends in a 5xx
    expect((await asRequest('third', () => begin(scope, 'k3', fp))).kind).toBe('in_progress')
    await asRequest('second', () => abandon(scope, 'k3'))
    expect((await asRequest('fourth', () => begin(scope, 'k3', fp))).kind).toBe('new')
  })

  it('lets POST /api/bookings run again with the same key and body once a crashed claim has lapsed', async () => {
    const email = `idem-lease-${runTag()}@example.com`
    const body = bookingBody(dateAhead(216), email)
    const key = `key-${runTag()}`
    // What an instance that crashed mid-request leaves behind: the endpoint's claim on the key.
    expect((await asRequest('crashed', () => begin('bookings:create:anonymous', key, fingerprintOf(body)))).kind).toBe('new')
    const blocked = await rest('POST', '/bookings', { body, headers: { 'Idempotency-Key': key } })
    expect(blocked.status).toBe(409)
    expect(blocked.headers.get('retry-after')).toBe('1')
    expect(await countFor(email)).toBe(0)
    await sleep(LEASE_MS + 300)
    const created = await rest('POST', '/bookings', { body, headers: { 'Idempotency-Key': key } })
    expect(created.status).toBe(201)
    const replay = await rest('POST', '/bookings', { body, headers: { 'Idempotency-Key': key } })
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await countFor(email)).toBe(1)
  })
})
