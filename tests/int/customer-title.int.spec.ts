/**
 * A customer's admin title, "Name — email" (displayName): set by the server on create and on a
 * change of name or email, never by a client, searchable by name as the booking form's customer
 * select searches it, and rewritten when staff anonymise the account (raw SQL, no hook).
 */
import { randomBytes } from 'node:crypto'

import { createLocalReq, getPayload, type Payload, type SanitizedConfig } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { anonymiseCustomer } from '../../src/collections/Customers/anonymise'
import { runTag } from '../helpers/bookings-fixtures'

let payload: Payload
const TAG = runTag()

beforeAll(async () => {
  process.env.REDIS_KEY_PREFIX = `${(process.env.REDIS_KEY_PREFIX ?? '').slice(0, 30)}${randomBytes(4).toString('hex')}:`
  const { default: config } = (await import('../../payload.config')) as { default: Promise<SanitizedConfig> }
  payload = await getPayload({ config })
})

describe("a customer's title", () => {
  it('reads "Name — email", follows a new name, and is found by name', async () => {
    const email = `title-${TAG}@example.com`
    const created = await payload.create({ collection: 'customers', data: { name: `Ana Sato ${TAG}`, email, password: 'correct horse battery staple' } })
    expect(created.displayName).toBe(`Ana Sato ${TAG} — ${email}`)
    expect(payload.collections.customers.config.admin.useAsTitle).toBe('displayName')

    const renamed = await payload.update({ collection: 'customers', id: created.id, data: { name: `Ana Sato-Lee ${TAG}` } })
    expect(renamed.displayName).toBe(`Ana Sato-Lee ${TAG} — ${email}`)

    const found = await payload.find({ collection: 'customers', where: { displayName: { like: `Sato-Lee ${TAG}` } }, depth: 0 })
    expect(found.docs.map((d) => d.id)).toEqual([created.id])
  })

  it('cannot be set by a client', async () => {
    const email = `title-client-${TAG}@example.com`
    const created = await payload.create({
      collection: 'customers',
      data: { name: `Bo Chen ${TAG}`, email, password: 'correct horse battery staple', displayName: 'Someone Else' },
      overrideAccess: false,
    })
    expect(created.displayName).toBe(`Bo Chen ${TAG} — ${email}`)
  })

  it('names no one once the account is anonymised', async () => {
    const email = `title-anon-${TAG}@example.com`
    const created = await payload.create({ collection: 'customers', data: { name: `Cy Diaz ${TAG}`, email, password: 'correct horse battery staple' } })
    const req = await createLocalReq({}, payload)
    await anonymiseCustomer(req, created.id, new Date())
    const after = await payload.findByID({ collection: 'customers', id: created.id, depth: 0 })
    expect(after.displayName).not.toContain('Cy Diaz')
    expect(after.displayName).not.toContain(email)
    expect(after.displayName).toBe(`${after.name} — ${after.email}`)
  })
})
