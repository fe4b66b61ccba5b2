/** Where a booking came from is the server's word: the storefront is `web`; staff default to `admin`. */
import config from '@payload-config'
import { getPayload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
let manager: Record<string, string>

beforeAll(async () => {
  const payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
  const email = `source-mgr-${runTag()}@example.com`
  await createStaff(payload, email, 'manager')
  manager = await staffAuth(rest, email)
})

describe('booking source', () => {
  it('is web for an anonymous booking, whatever it claims', async () => {
    const res = await rest<DocResponse>('POST', '/bookings', { body: { ...bookingBody(dateAhead(240), `src-${runTag()}@example.com`), source: 'phone' } })
    expect(res.status).toBe(201)
    expect(res.body.doc.source).toBe('web')
  })

  it('is admin for a staff booking unless staff say phone or chat', async () => {
    const plain = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(241), `src-${runTag()}@example.com`), headers: manager })
    expect(plain.status).toBe(201)
    expect(plain.body.doc.source).toBe('admin')
    const phone = await rest<DocResponse>('POST', '/bookings', { body: { ...bookingBody(dateAhead(242), `src-${runTag()}@example.com`), source: 'phone' }, headers: manager })
    expect(phone.status).toBe(201)
    expect(phone.body.doc.source).toBe('phone')
  })
})
