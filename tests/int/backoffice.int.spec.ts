/**
 * The back office's endpoints against real Postgres, through Payload's real REST and GraphQL
 * handlers:
 * - a chef's completed/no-show mark (POST /api/bookings/:id/chef-outcome): only the assigned chef,
 *   only once started, only from confirmed; nobody else, and nothing but the status changes;
 * - what a chef reads of bookings (REST list, by id, depth, versions, GraphQL) and that a chef
 *   still cannot PATCH a booking (update stays managers-only);
 * - bulk confirm/cancel (POST /api/bookings/bulk): per-booking results, the reason and the policy's
 *   refund recorded by the booking's own hook, refusals by the lifecycle;
 * - CSV exports of bookings and customers: who may, the list's filter applied, escaping and the
 *   formula guard, compared with the database.
 * Booking days of this file: dateAhead(100..139) (no other file books there).
 */
import { parse } from 'csv-parse/sync'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, errorPaths, PASSWORD, staffAuth } from '../helpers/bookings-fixtures'
import { graphqlClient } from '../helpers/graphql'
import { restClient } from '../helpers/rest'
import { withRawClient } from '../helpers/sql'

type Caller = 'anonymous' | 'customer' | 'chef' | 'chef2' | 'editor' | 'manager' | 'admin'
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
const headers = {} as Record<Caller, Record<string, string>>
const ids = {} as Record<Exclude<Caller, 'anonymous' | 'customer'>, number>

let payload: Payload
let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>
let graphql: ReturnType<typeof graphqlClient>
let proteinId: number
let day = 99

interface Made {
  id: number
  email: string
}

/** A booking made by the system (as seeding does), confirmed and assigned when asked. */
async function makeBooking(opts: { status?: 'pending' | 'confirmed'; chefs?: number[]; name?: string; started?: boolean; dietaryNotes?: string } = {}): Promise<Made> {
  day += 1
  const email = `bo-${RUN}-${day}@example.com`
  const body = bookingBody(dateAhead(day), email, {
    contact: { name: opts.name ?? `Back Office ${day}`, email, phone: '212-555-0100' },
    guests: { adults: 6, children: 0 },
    menu: [{ item: proteinId, quantity: 4 }],
    ...(opts.dietaryNotes ? { dietaryNotes: opts.dietaryNotes } : {}),
  })
  const doc = await payload.create({ collection: 'bookings', data: { ...body, status: 'pending' } as never, overrideAccess: true, context: { skipBookingEmails: true } })
  if (opts.status === 'confirmed' || opts.chefs) {
    await payload.update({ collection: 'bookings', id: doc.id, data: { status: opts.status ?? 'pending', ...(opts.chefs ? { assignedChefs: opts.chefs } : {}) }, overrideAccess: true, context: { skipBookingEmails: true } })
  }
  // An event that has begun: its start moved an hour into the past (the API refuses past dates).
  if (opts.started) await withRawClient((db) => db.query(`UPDATE bookings SET starts_at = now() - interval '1 hour' WHERE id = $1`, [doc.id]))
  return { id: doc.id, email }
}

async function statusOf(id: number): Promise<string> {
  const doc = await payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
  return doc.status
}

beforeAll(async () => {
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  graphql = graphqlClient(config)
  await applySettings(payload)
  headers.anonymous = {}
  for (const role of ['admin', 'manager', 'chef', 'chef2', 'editor'] as const) {
    const address = `bo-${role}-${RUN}@myhibachi.test`
    ids[role] = await createStaff(payload, address, role === 'chef2' ? 'chef' : role)
    headers[role] = await staffAuth(rest, address)
  }
  const customerEmail = `bo-customer-${RUN}@example.com`
  await payload.create({ collection: 'customers', data: { email: customerEmail, name: 'Casey Backoffice', phone: '(212) 555-0142', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const login = await rest<{ token?: string }>('POST', '/customers/login', { body: { email: customerEmail, password: PASSWORD } })
  if (typeof login.body.token !== 'string') throw new Error(`customer login: HTTP ${login.status}`)
  headers.customer = { Authorization: `JWT ${login.body.token}` }
  const protein = await payload.create({ collection: 'menu-items', data: { name: `Filet ${RUN}`, category: 'protein', priceCents: 1500, pricing: 'per_guest', active: true }, overrideAccess: true })
  proteinId = protein.id
}, 120_000)

afterAll(async () => {
  await payload.destroy()
})

describe('a chef marks an event completed or a no-show', () => {
  const outcome = (caller: Caller, id: number, body: unknown) => rest('POST', `/bookings/${id}/chef-outcome`, { headers: headers[caller], body })

  it('only the assigned chef, once the confirmed event has started, and only the status changes', async () => {
    const b = await makeBooking({ status: 'confirmed', chefs: [ids.chef], started: true, dietaryNotes: 'No shellfish' })
    const before = await payload.findByID({ collection: 'bookings', id: b.id, overrideAccess: true, depth: 0 })
    for (const [caller, status] of [['anonymous', 401], ['customer', 403], ['editor', 403], ['manager', 403], ['admin', 403], ['chef2', 404]] as const) {
      expect((await outcome(caller, b.id, { outcome: 'completed' })).status, caller).toBe(status)
    }
    expect(await statusOf(b.id)).toBe('confirmed')
    const res = await outcome('chef', b.id, { outcome: 'completed' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ id: b.id, status: 'completed' })
    const after = await payload.findByID({ collection: 'bookings', id: b.id, overrideAccess: true, depth: 0 })
    expect(after.status).toBe('completed')
    expect(after.dietaryNotes).toBe(before.dietaryNotes)
    expect(after.pricing).toEqual(before.pricing)
    expect(after.assignedChefs).toEqual(before.assignedChefs)
    // Final: neither the same mark again nor the other one.
    const again = await outcome('chef', b.id, { outcome: 'no_show' })
    expect(again.status).toBe(409)
    expect(JSON.stringify(again.body)).toContain('invalid_transition')
  })

  it('refuses an event that has not started, and a pending one', async () => {
    const future = await makeBooking({ status: 'confirmed', chefs: [ids.chef] })
    const res = await outcome('chef', future.id, { outcome: 'no_show' })
    expect(res.status).toBe(409)
    expect(JSON.stringify(res.body)).toContain('event_not_started')
    const pending = await makeBooking({ chefs: [ids.chef], started: true })
    expect((await outcome('chef', pending.id, { outcome: 'completed' })).status).toBe(409)
    expect(await statusOf(future.id)).toBe('confirmed')
    expect(await statusOf(pending.id)).toBe('pending')
  })

  it('names the field of a bad body, and sets nothing else through it', async () => {
    const b = await makeBooking({ status: 'confirmed', chefs: [ids.chef], started: true })
    for (const body of [{ outcome: 'cancelled' }, {}, { outcome: 'completed', dietaryNotes: 'x' }]) {
      const res = await outcome('chef', b.id, body)
      expect(res.status).toBe(400)
      expect(errorPaths(res).length).toBeGreaterThan(0)
    }
    expect(errorPaths(await outcome('chef', b.id, { outcome: 'cancelled' }))).toEqual(['outcome'])
    expect((await outcome('chef', 999_999_999, { outcome: 'completed' })).status).toBe(404)
    expect((await outcome('chef', 0, { outcome: 'completed' })).status).toBe(404)
    expect(await statusOf(b.id)).toBe('confirmed')
  })
})

describe('what a chef reads and may not write', () => {
  let mine: Made
  let others: Made
  let unassigned: Made

  beforeAll(async () => {
    mine = await makeBooking({ status: 'confirmed', chefs: [ids.chef], name: `Mine ${RUN}` })
    others = await makeBooking({ status: 'confirmed', chefs: [ids.chef2], name: `Others ${RUN}` })
    unassigned = await makeBooking({ status: 'confirmed', name: `Unassigned ${RUN}` })
  })

  it('lists and reads only their own bookings over REST, at any depth', async () => {
    const list = await rest<{ docs: { id: number }[] }>('GET', `/bookings?limit=100&depth=2&where[contact.email][like]=bo-${RUN}`, { headers: headers.chef })
    expect(list.status).toBe(200)
    const listed = list.body.docs.map((d) => d.id)
    expect(listed).toContain(mine.id)
    expect(listed).not.toContain(others.id)
    expect(listed).not.toContain(unassigned.id)
    expect((await rest('GET', `/bookings/${others.id}?depth=2`, { headers: headers.chef })).status).toBe(404)
    expect((await rest('GET', `/bookings/${unassigned.id}`, { headers: headers.chef })).status).toBe(404)
    const own = await rest<Record<string, unknown>>('GET', `/bookings/${mine.id}?depth=2`, { headers: headers.chef })
    expect(own.status).toBe(200)
    // Depth does not open the customer's account, the other chefs' accounts or the payments to a chef.
    expect(typeof own.body.customer === 'object' && own.body.customer !== null ? Object.keys(own.body.customer as object) : own.body.customer).not.toContain('email')
    expect(JSON.stringify(own.body.payments ?? null)).not.toContain('amountCents')
    expect(JSON.stringify(own.body)).not.toContain('stripePaymentMethodId')
  })

  it('reads no versions and no other booking over GraphQL', async () => {
    expect((await rest('GET', `/bookings/versions?limit=5`, { headers: headers.chef })).status).toBe(403)
    const gql = await graphql<{ Bookings?: { docs: { id: number }[] } }>(`{ Bookings(limit: 100, where: { OR: [{ id: { equals: ${mine.id} } }, { id: { equals: ${others.id} } }, { id: { equals: ${unassigned.id} } }] }) { docs { id contact { phone } } } }`, { headers: headers.chef })
    expect(JSON.stringify(gql.errors ?? [])).toBe("[]")
    const seen = (gql.data?.Bookings?.docs ?? []).map((d) => Number(d.id))
    expect(seen).toContain(mine.id)
    expect(seen).not.toContain(others.id)
    expect(seen).not.toContain(unassigned.id)
    const versions = await graphql(`{ versionsBookings(limit: 5) { docs { id } } }`, { headers: headers.chef })
    expect(JSON.stringify(versions.errors ?? [])).toMatch(/not allowed|Forbidden/i)
  })

  it('cannot PATCH any field of their own booking, nor of another chef’s', async () => {
    for (const data of [{ dietaryNotes: 'changed' }, { status: 'completed' }, { assignedChefs: [ids.chef] }, { guests: { adults: 9 } }]) {
      expect((await rest('PATCH', `/bookings/${mine.id}`, { headers: headers.chef, body: data })).status).toBe(403)
      expect((await rest('PATCH', `/bookings/${others.id}`, { headers: headers.chef, body: data })).status).toBe(403)
    }
    expect((await rest('DELETE', `/bookings/${mine.id}`, { headers: headers.chef })).status).toBe(403)
    const doc = await payload.findByID({ collection: 'bookings', id: mine.id, overrideAccess: true, depth: 0 })
    expect(doc.status).toBe('confirmed')
    expect(doc.dietaryNotes ?? null).toBeNull()
    expect(doc.assignedChefs).toEqual([ids.chef])
  })

  it('cannot mark another chef’s started event', async () => {
    const theirs = await makeBooking({ status: 'confirmed', chefs: [ids.chef2], started: true })
    expect((await rest('POST', `/bookings/${theirs.id}/chef-outcome`, { headers: headers.chef, body: { outcome: 'no_show' } })).status).toBe(404)
    expect(await statusOf(theirs.id)).toBe('confirmed')
  })
})

describe('bulk confirm and cancel', () => {
  it('is for managers and admins only', async () => {
    const b = await makeBooking()
    for (const [caller, status] of [['anonymous', 401], ['customer', 403], ['chef', 403], ['editor', 403]] as const) {
      expect((await rest('POST', '/bookings/bulk', { headers: headers[caller], body: { action: 'confirm', ids: [b.id] } })).status, caller).toBe(status)
    }
    expect(await statusOf(b.id)).toBe('pending')
  })

  it('confirms each selected booking on its own and says how each went', async () => {
    const pending = await makeBooking()
    const confirmed = await makeBooking({ status: 'confirmed' })
    const cancelled = await makeBooking()
    await payload.update({ collection: 'bookings', id: cancelled.id, data: { status: 'cancelled' }, overrideAccess: true, context: { skipBookingEmails: true } })
    const res = await rest<{ results: { id: number; outcome: string; message?: string }[] }>('POST', '/bookings/bulk', { headers: headers.manager, body: { action: 'confirm', ids: [pending.id, confirmed.id, cancelled.id, 999_999_999] } })
    expect(res.status).toBe(200)
    const by = new Map(res.body.results.map((r) => [r.id, r]))
    expect(by.get(pending.id)?.outcome).toBe('ok')
    expect(by.get(confirmed.id)?.outcome).toBe('unchanged')
    expect(by.get(cancelled.id)?.outcome).toBe('refused')
    expect(by.get(cancelled.id)?.message).toContain('cancelled cannot become confirmed')
    expect(by.get(999_999_999)?.outcome).toBe('refused')
    expect(await statusOf(pending.id)).toBe('confirmed')
    expect(await statusOf(cancelled.id)).toBe('cancelled')
  })

  it('cancels with the reason and the policy’s refund, through the booking’s own rules', async () => {
    const b = await makeBooking({ status: 'confirmed' })
    const noReason = await rest('POST', '/bookings/bulk', { headers: headers.admin, body: { action: 'cancel', ids: [b.id] } })
    expect(noReason.status).toBe(400)
    expect(errorPaths(noReason)).toEqual(['reason'])
    const res = await rest<{ results: { id: number; outcome: string }[] }>('POST', '/bookings/bulk', { headers: headers.admin, body: { action: 'cancel', ids: [b.id], reason: 'Venue flooded' } })
    expect(res.body.results).toEqual([{ id: b.id, outcome: 'ok', status: 'cancelled' }])
    const doc = await payload.findByID({ collection: 'bookings', id: b.id, overrideAccess: true, depth: 0 })
    expect(doc.status).toBe('cancelled')
    expect(doc.cancellation?.reason).toBe('Venue flooded')
    // 100+ days ahead: the test policy's 90-day tier, 100% of nothing paid.
    expect(doc.cancellation?.refundPercent).toBe(100)
    expect(doc.cancellation?.refundCents).toBe(0)
  })

  it('refuses a bad body with the field named', async () => {
    for (const body of [{ action: 'delete', ids: [1] }, { action: 'confirm', ids: [] }, { action: 'confirm', ids: ['x'] }, { action: 'confirm', ids: Array.from({ length: 101 }, (_, i) => i + 1) }]) {
      const res = await rest('POST', '/bookings/bulk', { headers: headers.manager, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })
})

describe('CSV exports', () => {
  const csv = async (caller: Caller, path: string) => {
    const headersOut = new Headers(headers[caller])
    const res = await rest<string>('GET', path, { headers: Object.fromEntries(headersOut.entries()) })
    return res
  }

  it('are for managers and admins only', async () => {
    for (const collection of ['bookings', 'customers']) {
      for (const [caller, status] of [['anonymous', 401], ['customer', 403], ['chef', 403], ['editor', 403]] as const) {
        const res = await csv(caller, `/${collection}/export.csv`)
        expect(res.status, `${caller} ${collection}`).toBe(status)
        expect(String(res.body)).not.toContain('@example.com')
      }
    }
  })

  it('export the filtered bookings list, escaped and formula-safe, as the database has it', async () => {
    const evil = await makeBooking({ status: 'confirmed', name: `=HYPERLINK("http://x") "quoted", ${RUN}` })
    const plain = await makeBooking({ status: 'confirmed', name: `Plain, Person ${RUN}` })
    await makeBooking({ name: `Pending ${RUN}` })
    const query = `where[and][0][contact.email][like]=bo-${RUN}&where[and][1][status][equals]=confirmed&sort=id`
    const res = await csv('manager', `/bookings/export.csv?${query}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('bookings.csv')
    const rows = parse(String(res.body).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
    const db = await payload.find({ collection: 'bookings', where: { and: [{ 'contact.email': { like: `bo-${RUN}` } }, { status: { equals: 'confirmed' } }] }, overrideAccess: true, depth: 0, limit: 0, pagination: false, sort: 'id' })
    expect(rows.map((r) => Number(r.id))).toEqual(db.docs.map((d) => d.id))
    expect(rows.every((r) => r.status === 'confirmed')).toBe(true)
    const byId = new Map(rows.map((r) => [Number(r.id), r]))
    expect(byId.get(evil.id)?.contactName).toBe(`'=HYPERLINK("http://x") "quoted", ${RUN}`)
    expect(byId.get(plain.id)?.contactName).toBe(`Plain, Person ${RUN}`)
    const dbPlain = db.docs.find((d) => d.id === plain.id)
    expect(byId.get(plain.id)?.totalCents).toBe(String(dbPlain?.pricing?.totalCents))
    expect(byId.get(plain.id)?.eventDate).toBe(dbPlain?.eventDate)
  })

  it('export customers with the search box’s filter, and refuse a bad filter with a 400', async () => {
    const res = await csv('admin', `/customers/export.csv?where[email][equals]=bo-customer-${RUN}@example.com`)
    expect(res.status).toBe(200)
    const rows = parse(String(res.body).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ email: `bo-customer-${RUN}@example.com`, name: 'Casey Backoffice', phone: '(212) 555-0142', verified: 'yes' })
    expect(Object.keys(rows[0] ?? {})).not.toContain('notes')
    // The list's search box (`search`, over the collection's title field) narrows the same way.
    const searched = await csv('admin', `/customers/export.csv?search=${encodeURIComponent('Casey Backoffice')}&where[email][like]=${RUN}`)
    expect((parse(String(searched.body).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).map((r) => r.email)).toEqual([`bo-customer-${RUN}@example.com`])
    const none = await csv('admin', `/customers/export.csv?search=nobody-${RUN}`)
    expect(parse(String(none.body).replace(/^\uFEFF/, ''), { columns: true })).toEqual([])
    expect((await csv('admin', `/customers/export.csv?where[nosuchfield][equals]=1`)).status).toBe(400)
    expect((await csv('admin', `/customers/export.csv?sort=${encodeURIComponent('id;drop')}`)).status).toBe(400)
  })
})
