/**
 * Availability cache: per date, purged exactly — a booking on D purges D only; a reschedule D→E
 * purges both; a settings change purges every date. Hit/miss counters show what was recomputed.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { cacheStats } from '../../src/infra/cache'
import { applySettings, bookingBody, createStaff, dateAhead, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
let payload: Payload
let manager: Record<string, string>

const D = dateAhead(230)
const D1 = dateAhead(231)
const E = dateAhead(233)

async function read(date: string): Promise<{ hits: number; misses: number; slot17: number | undefined }> {
  const before = await cacheStats('availability')
  const res = await rest<{ days: { slots: { time: string; remaining: number }[] }[] }>('GET', `/availability?from=${date}&to=${date}`)
  expect(res.status).toBe(200)
  const after = await cacheStats('availability')
  return { hits: after.hits - before.hits, misses: after.misses - before.misses, slot17: res.body.days[0]?.slots.find((s) => s.time === '17:00')?.remaining }
}

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 3 })
  const email = `cache-mgr-${runTag()}@example.com`
  await createStaff(payload, email, 'manager')
  manager = await staffAuth(rest, email)
  // A settings change purges again 750 ms after the write (src/infra/cache.ts purgeAroundCommit):
  // let that pass so it cannot land between this file's reads.
  await new Promise((r) => setTimeout(r, 1_000))
})

describe('availability cache', () => {
  it('serves a repeated read from the cache', async () => {
    await read(D)
    const again = await read(D)
    expect(again).toMatchObject({ hits: 1, misses: 0 })
  })

  it('recomputes D after a booking on D, and leaves D+1 cached', async () => {
    await read(D)
    await read(D1)
    const before = (await read(D)).slot17
    const created = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(D, `cache-${runTag()}@example.com`, { startTime: '17:00' }) })
    expect(created.status).toBe(201)
    const d = await read(D)
    expect(d.misses).toBe(1)
    expect(d.slot17).toBe((before ?? 0) - 1)
    expect(await read(D1)).toMatchObject({ hits: 1, misses: 0 })
  })

  it('purges both dates when a booking moves from D to E', async () => {
    const created = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(D, `cache-${runTag()}@example.com`, { startTime: '12:00' }) })
    expect(created.status).toBe(201)
    await read(D)
    await read(E)
    const moved = await rest('PATCH', `/bookings/${created.body.doc.id}`, { body: { eventDate: E }, headers: manager })
    expect(moved.status).toBe(200)
    expect((await read(D)).misses).toBe(1)
    expect((await read(E)).misses).toBe(1)
  })

  it('purges every date when the settings change', async () => {
    await read(D)
    await read(D1)
    await applySettings(payload, { chefCount: 4 })
    const d = await read(D)
    const d1 = await read(D1)
    expect(d.misses).toBe(1)
    expect(d1.misses).toBe(1)
    expect(d1.slot17).toBe(4)
  })
})
