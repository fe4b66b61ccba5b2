// Money fields (src/fields/money.ts) keep Payload's own number checks under our whole-cents check:
// a negative or missing price is a 400 naming the field, and nothing is written.
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createStaff, errorPaths, runTag, staffAuth } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
const tag = runTag()

let payload: Payload
let manager: Record<string, string>

beforeAll(async () => {
  payload = await getPayload({ config })
  const managerEmail = `manager-${tag}@money.test`
  await createStaff(payload, managerEmail, 'manager')
  manager = await staffAuth(rest, managerEmail)
})

const item = (priceCents: unknown) => ({ name: `Item ${tag} ${String(priceCents)}`, category: 'side', priceCents, pricing: 'flat', active: true })
const count = async () => (await payload.count({ collection: 'menu-items', where: { name: { like: `Item ${tag}` } }, overrideAccess: true })).totalDocs

describe('a money field', () => {
  it('refuses a negative amount, a fraction of a cent and no amount, naming the field, and writes nothing', async () => {
    for (const priceCents of [-1, 12.5, null]) {
      const res = await rest('POST', '/menu-items', { body: item(priceCents), headers: manager })
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400)
      expect(errorPaths(res)).toContain('priceCents')
    }
    expect(await count()).toBe(0)
  })

  it('takes a whole, non-negative number of cents', async () => {
    const res = await rest('POST', '/menu-items', { body: item(0), headers: manager })
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201)
    expect(await count()).toBe(1)
  })
})
