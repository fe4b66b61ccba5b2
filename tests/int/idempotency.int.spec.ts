/** Idempotency-Key on POST /api/bookings (draft-ietf-httpapi-idempotency-key-header). */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, dateAhead, runTag } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

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
