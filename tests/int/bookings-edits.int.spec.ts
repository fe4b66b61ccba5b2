/**
 * Staff edits of a booking that keep its date and time are not refused for clock rules (lead
 * time): the admin panel sends every field on save, and tomorrow's party still needs a chef.
 */
import config from '@payload-config'
import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, errorPaths, runTag, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'

const rest = restClient(config)
let payload: Payload
let manager: Record<string, string>
let booking: DocResponse['doc']

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 10 })
  const email = `edit-mgr-${runTag()}@example.com`
  await createStaff(payload, email, 'manager')
  manager = await staffAuth(rest, email)
  const created = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(250), `edit-${runTag()}@example.com`) })
  expect(created.status).toBe(201)
  booking = created.body.doc
  // The booking is now "inside" the lead time, as tomorrow's bookings are in real life.
  await applySettings(payload, { chefCount: 10, leadTimeHours: 24 * 300 })
})

afterAll(async () => {
  await applySettings(payload, { chefCount: 10 })
})

describe('staff edits inside the lead time', () => {
  it('saves the whole document back (as the admin panel does) with a new phone and a confirmation', async () => {
    const full = (await rest<Record<string, unknown>>('GET', `/bookings/${booking.id}?depth=0`, { headers: manager })).body
    const res = await rest<DocResponse>('PATCH', `/bookings/${booking.id}`, {
      body: { ...full, status: 'confirmed', contact: { ...(full.contact as object), phone: '212-555-0111' } },
      headers: manager,
    })
    expect(res.status).toBe(200)
    expect(res.body.doc.status).toBe('confirmed')
  })

  it('still refuses moving the booking to a date inside the lead time', async () => {
    const res = await rest('PATCH', `/bookings/${booking.id}`, { body: { eventDate: dateAhead(251) }, headers: manager })
    expect(res.status).toBe(400)
    expect(errorPaths(res)).toContain('eventDate')
  })
})
