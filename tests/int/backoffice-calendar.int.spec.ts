/**
 * The chef calendar's server side (/admin/calendar) against real Postgres, through Payload's real
 * REST handlers — the very path the calendar uses to assign a chef (PATCH /api/bookings/:id with
 * `assignedChefs`; the calendar adds no endpoint of its own):
 * - anonymous, a customer, a chef and an editor cannot assign or move a chef (nothing changes);
 *   a manager and an admin can;
 * - a chef on two overlapping bookings is refused with 409 `chef_unavailable` and words, the
 *   booking unchanged; the database's own trigger refuses it too when the hook is bypassed;
 * - the view's data: the shown dates' bookings with only a name, party size, city, times and
 *   chefs; a chef reading it gets only their own bookings; the chefs are the users with that role.
 * Booking days of this file: dateAhead(236..238) (stripe-deposit books 85–94, so not 90–92: two
 * files in one worker share a database, and its day-90 booking made the second one here slot_full).
 */
import { createLocalReq, getPayload, type Payload, type SanitizedConfig, type TypedUser } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, conflictReason, createStaff, dateAhead, errorMessage, PASSWORD, staffAuth, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'
import { withRawClient } from '../helpers/sql'

type Caller = 'anonymous' | 'customer' | 'chef' | 'editor' | 'manager' | 'admin'
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

let payload: Payload
let rest: ReturnType<typeof restClient>
let calendar: typeof import('../../src/collections/Bookings/calendar')
const headers = {} as Record<Caller, Record<string, string>>
const ids = {} as Record<'admin' | 'manager' | 'chef' | 'chef2' | 'editor', number>
/** 12:00 and 13:30 on one day (their held times overlap: 1 h buffers), and 12:00 the next day. */
let noon: number
let early: number
let nextDay: number

async function book(day: number, who: string, startTime: string, name = 'Pat Guest'): Promise<number> {
  const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), `cal-${who}-${RUN}@example.com`, { startTime, contact: { name, email: `cal-${who}-${RUN}@example.com`, phone: '212-555-0100' } }), headers: headers.manager })
  if (res.status !== 201) throw new Error(`booking: HTTP ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.doc.id
}

async function chefsOf(id: number): Promise<number[]> {
  const doc = await payload.findByID({ collection: 'bookings', id, depth: 0, overrideAccess: true })
  return (doc.assignedChefs ?? []).map((c) => (typeof c === 'object' ? c.id : c))
}

const assign = (id: number, chefs: number[], caller: Caller) => rest('PATCH', `/bookings/${id}?depth=0`, { body: { assignedChefs: chefs }, headers: headers[caller] })

beforeAll(async () => {
  const config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  calendar = await import('../../src/collections/Bookings/calendar')
  await applySettings(payload)
  headers.anonymous = {}
  for (const [key, role] of [['admin', 'admin'], ['manager', 'manager'], ['chef', 'chef'], ['chef2', 'chef'], ['editor', 'editor']] as const) {
    const address = `cal-${key}-${RUN}@myhibachi.test`
    ids[key] = await createStaff(payload, address, role)
    await payload.update({ collection: 'users', id: ids[key], data: { name: `Cal ${key} ${RUN}` }, overrideAccess: true })
    if (key !== 'chef2') headers[key] = await staffAuth(rest, address)
  }
  const customer = await payload.create({ collection: 'customers', data: { email: `cal-customer-${RUN}@example.com`, name: 'Casey Cal', phone: '(212) 555-0142', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const login = await rest<{ token?: string }>('POST', '/customers/login', { body: { email: customer.email, password: PASSWORD } })
  if (typeof login.body.token !== 'string') throw new Error(`customer login: HTTP ${login.status}`)
  headers.customer = { Authorization: `JWT ${login.body.token}` }

  noon = await book(236, 'noon', '12:00', 'Noon Party')
  early = await book(236, 'early', '13:30', 'Early Party')
  nextDay = await book(237, 'next', '12:00', 'Next Party')
})

describe('assigning a chef through PATCH /api/bookings/:id, as the calendar does', () => {
  it('anonymous, a customer, a chef and an editor are refused and nothing changes; a manager and an admin assign and move', async () => {
    for (const caller of ['anonymous', 'customer', 'chef', 'editor'] as const) {
      const res = await assign(noon, [ids.chef], caller)
      expect([401, 403], `${caller}: HTTP ${res.status}`).toContain(res.status)
      expect(await chefsOf(noon)).toEqual([])
    }
    const byManager = await assign(noon, [ids.chef], 'manager')
    expect(byManager.status, JSON.stringify(byManager.body)).toBe(200)
    expect(await chefsOf(noon)).toEqual([ids.chef])
    // Moving: the calendar sends the new list (chef swapped for chef2), by an admin this time.
    const byAdmin = await assign(noon, [ids.chef2], 'admin')
    expect(byAdmin.status).toBe(200)
    expect(await chefsOf(noon)).toEqual([ids.chef2])
    expect((await assign(noon, [ids.chef], 'manager')).status).toBe(200)
  })

  it('a chef already on an overlapping booking is 409 chef_unavailable, in words, and the booking keeps its chefs', async () => {
    expect(await chefsOf(noon)).toEqual([ids.chef])
    const res = await assign(early, [ids.chef], 'manager')
    expect(res.status).toBe(409)
    expect(conflictReason(res)).toBe('chef_unavailable')
    expect(errorMessage(res)).toMatch(/chef already has a booking at an overlapping time/i)
    expect(await chefsOf(early)).toEqual([])
    // Another chef, or the same chef on another day, is fine.
    expect((await assign(early, [ids.chef2], 'manager')).status).toBe(200)
    expect((await assign(nextDay, [ids.chef], 'manager')).status).toBe(200)
    expect(await chefsOf(nextDay)).toEqual([ids.chef])
  })

  it('the database itself refuses the overlapping assignment when the hook is bypassed (SQLSTATE MH410)', async () => {
    const err = await withRawClient(async (client) => {
      try {
        await client.query(`INSERT INTO bookings_rels ("order", parent_id, path, users_id) VALUES (2, $1, 'assignedChefs', $2)`, [early, ids.chef])
        return undefined
      } catch (e) {
        return e as { code?: string; message?: string }
      }
    })
    expect(err?.code).toBe('MH410')
    expect(await chefsOf(early)).toEqual([ids.chef2])
  })
})

describe('the calendar’s data', () => {
  async function asUser(email: string) {
    const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true, depth: 0 })
    const user = { ...found.docs[0], collection: 'users' } as unknown as TypedUser
    const req = await createLocalReq({ user }, payload)
    return { req, user }
  }

  it('a manager reads the shown dates’ bookings with only a name, party size, city, times and chefs', async () => {
    const { req, user } = await asUser(`cal-manager-${RUN}@myhibachi.test`)
    const { bookings, truncated } = await calendar.calendarBookings(req, user, { from: dateAhead(236), to: dateAhead(236) })
    expect(truncated).toBe(false)
    const mine = bookings.filter((b) => [noon, early].map(String).includes(b.id))
    expect(mine.map((b) => b.name).sort()).toEqual(['Early Party', 'Noon Party'])
    expect(bookings.some((b) => b.id === String(nextDay))).toBe(false)
    const one = mine.find((b) => b.id === String(noon))
    expect(one).toMatchObject({ status: 'pending', guests: 2, city: 'New York', chefIds: [String(ids.chef)], chefsNeeded: 1 })
    expect(Object.keys(one ?? {}).sort()).toEqual(['blockedFrom', 'blockedUntil', 'chefIds', 'chefsNeeded', 'city', 'endsAt', 'guests', 'id', 'name', 'startsAt', 'status'])
    const chefs = await calendar.calendarChefs(req, user)
    expect(chefs.map((c) => c.id)).toEqual(expect.arrayContaining([String(ids.chef), String(ids.chef2)]))
    expect(chefs.map((c) => c.id)).not.toContain(String(ids.manager))
  })

  it('the same read as a chef shows only that chef’s bookings (the collection’s access decides)', async () => {
    const { req, user } = await asUser(`cal-chef-${RUN}@myhibachi.test`)
    const { bookings } = await calendar.calendarBookings(req, user, { from: dateAhead(236), to: dateAhead(237) })
    expect(bookings.map((b) => b.id).sort()).toEqual([String(nextDay), String(noon)].sort())
  })
})
