import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { restClient } from '../helpers/rest'

const rest = restClient(config)
let payload: Payload

beforeAll(async () => {
  payload = await getPayload({ config })
  await payload.delete({ collection: 'users', where: { id: { exists: true } }, overrideAccess: true })
})

describe('staff users', () => {
  it('makes the first user an admin whatever role was asked for, and later users keep theirs', async () => {
    const first = await rest<{ user?: { role: string } }>('POST', '/users/first-register', {
      body: { email: 'owner@myhibachi.test', password: 'correct horse battery', role: 'editor' },
    })
    expect(first.status).toBe(200)
    const owner = await payload.find({ collection: 'users', where: { email: { equals: 'owner@myhibachi.test' } } })
    expect(owner.docs[0]?.role).toBe('admin')

    const chef = await payload.create({
      collection: 'users',
      data: { email: 'chef@myhibachi.test', password: 'correct horse battery', role: 'chef' },
    })
    expect(chef.role).toBe('chef')
  })

  it('hides staff from anonymous visitors', async () => {
    const res = await rest('GET', '/users')
    expect([401, 403]).toContain(res.status)
  })

  it('locks an account after five failed logins', async () => {
    for (let i = 0; i < 5; i++) {
      const bad = await rest('POST', '/users/login', { body: { email: 'chef@myhibachi.test', password: 'wrong' } })
      expect(bad.status).toBe(401)
    }
    const locked = await rest<{ errors: { message: string }[] }>('POST', '/users/login', {
      body: { email: 'chef@myhibachi.test', password: 'correct horse battery' },
    })
    expect(locked.status).toBeGreaterThanOrEqual(400)
    expect(JSON.stringify(locked.body)).toMatch(/locked/i)
  })
})
