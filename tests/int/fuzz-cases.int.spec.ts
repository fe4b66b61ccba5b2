/**
 * Every body an outside review found answering 500 (POST /api/bookings, POST /api/quote,
 * GET /api/availability), replayed through the in-process REST client: each is now a 400 that
 * names the field, in Payload's error shape, with no booking and no customer written — or, for
 * fields only the server sets, served as if they had not been sent (the documented rule).
 */
import config from '@payload-config'
import { getPayload, handleEndpoints, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  applySettings,
  bookingBody,
  createStaff,
  dateAhead,
  quoteBodyFor,
  runTag,
  staffAuth,
  type BookingBody,
  type BookingDoc,
  type PayloadErrorBody,
} from '../helpers/bookings-fixtures'
import { restClient, type RestResponse } from '../helpers/rest'

const rest = restClient(config)
const tag = runTag()
let payload: Payload
let manager: Record<string, string>
let seq = 0

/** A valid booking body; this file's event dates are 216–229 days ahead (no other file books them). */
function body(overrides: Partial<BookingBody> = {}): BookingBody {
  seq += 1
  return bookingBody(dateAhead(216 + (seq % 14)), `case-${String(seq)}-${tag}@example.test`, overrides)
}

async function rows(): Promise<{ bookings: number; customers: number }> {
  const [bookings, customers] = await Promise.all([
    payload.count({ collection: 'bookings', overrideAccess: true }),
    payload.count({ collection: 'customers', overrideAccess: true }),
  ])
  return { bookings: bookings.totalDocs, customers: customers.totalDocs }
}

function error(res: RestResponse<unknown>) {
  return (res.body as PayloadErrorBody).errors[0]
}

/** A 400 ValidationError naming `path` (among others), whose message names each path once. */
function expectValidationError(res: RestResponse<unknown>, path: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400)
  const e = error(res)
  expect(e?.name).toBe('ValidationError')
  const paths = (e?.data?.errors ?? []).map((x) => x.path)
  expect(paths).toContain(path)
  const listed = (e?.message ?? '').replace(/^The following fields? (is|are) invalid: /, '').split(', ')
  expect(listed).toEqual([...new Set(paths)])
}

/** POSTs `body` and expects a 400 naming `path`, with nothing written. */
async function refused(path: '/bookings' | '/quote', sent: unknown, field: string, headers?: Record<string, string>): Promise<void> {
  const before = await rows()
  const res = await rest('POST', path, { body: sent, headers })
  expectValidationError(res, field)
  expect(await rows()).toEqual(before)
}

/** Sends a raw request body (for what JSON.stringify cannot build, or must not fix). */
async function raw(method: 'POST' | 'PATCH', path: string, text: string, headers: Record<string, string> = {}): Promise<RestResponse<unknown>> {
  const request = new Request(`http://localhost:3000/api${path}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: text })
  const response = await handleEndpoints({ config, path: `/api${path}`, request })
  const textBody = await response.text()
  return { status: response.status, headers: response.headers, body: textBody ? (JSON.parse(textBody) as unknown) : textBody }
}

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 20 })
  await createStaff(payload, `manager-${tag}@myhibachi.test`, 'manager')
  manager = await staffAuth(rest, `manager-${tag}@myhibachi.test`)
})

describe('POST /api/bookings: the bodies that answered 500', () => {
  it('refuses a group sent as null, naming it', async () => {
    await refused('/bookings', { ...body(), address: null }, 'address')
    await refused('/bookings', { ...body(), guests: null }, 'guests')
    await refused('/bookings', { ...body(), contact: null }, 'contact')
  })

  it('refuses children that are not a number, and reads null children as none', async () => {
    await refused('/bookings', { ...body(), guests: { adults: 2, children: [] } }, 'guests.children')
    await refused('/bookings', { ...body(), guests: { adults: 2, children: 'two' } }, 'guests.children')
    const ok = await rest<{ doc: BookingDoc }>('POST', '/bookings', { body: { ...body(), guests: { adults: 2, children: null } } })
    expect(ok.status).toBe(201)
    expect(ok.body.doc.guests.children).toBe(0)
  })

  it('refuses NUL and lone surrogates in every text field, naming the field', async () => {
    const b = body()
    for (const bad of ['a\u0000b', '\uD800', 'x\uDC00']) {
      await refused('/bookings', { ...b, contact: { ...b.contact, name: bad } }, 'contact.name')
      await refused('/bookings', { ...b, contact: { ...b.contact, email: `${bad}@example.test` } }, 'contact.email')
      await refused('/bookings', { ...b, contact: { ...b.contact, phone: `212 ${bad}` } }, 'contact.phone')
      await refused('/bookings', { ...b, address: { ...b.address, street: bad } }, 'address.street')
      await refused('/bookings', { ...b, address: { ...b.address, city: bad } }, 'address.city')
      await refused('/bookings', { ...b, specialRequests: bad }, 'specialRequests')
      await refused('/bookings', { ...b, dietaryNotes: bad }, 'dietaryNotes')
      await refused('/bookings', { ...b, eventDate: bad }, 'eventDate')
      await refused('/bookings', { ...b, menu: [{ item: 1, quantity: 1, id: bad }] }, 'menu.0.id')
    }
  })

  it('ignores a client-sent createdAt or updatedAt of any type from the public', async () => {
    for (const createdAt of ['x', 5, {}, null, [], '2020-01-01T00:00:00Z']) {
      const started = Date.now()
      const res = await rest<{ doc: BookingDoc & { createdAt: string; updatedAt: string } }>('POST', '/bookings', { body: { ...body(), createdAt, updatedAt: createdAt } })
      expect(res.status, JSON.stringify(createdAt)).toBe(201)
      expect(Date.parse(res.body.doc.createdAt)).toBeGreaterThanOrEqual(started - 1000)
      expect(Date.parse(res.body.doc.updatedAt)).toBeGreaterThanOrEqual(started - 1000)
    }
  })

  it('lets staff set createdAt only to a real instant', async () => {
    await refused('/bookings', { ...body(), createdAt: 'x' }, 'createdAt', manager)
    await refused('/bookings', { ...body(), createdAt: {} }, 'createdAt', manager)
    await refused('/bookings', { ...body(), createdAt: '2026-02-30T10:00:00Z' }, 'createdAt', manager)
    const res = await rest<{ doc: { createdAt: string } }>('POST', '/bookings', { body: { ...body(), createdAt: '2026-01-02T03:04:05.000Z' }, headers: manager })
    expect(res.status).toBe(201)
    expect(res.body.doc.createdAt).toBe('2026-01-02T03:04:05.000Z')
    const empty = await rest('POST', '/bookings', { body: { ...body(), createdAt: null, updatedAt: null }, headers: manager })
    expect(empty.status).toBe(201)
  })

  it('serves junk in server-only fields as if it had not been sent', async () => {
    for (const junk of [
      { pricing: 'x' },
      { pricing: null },
      { pricing: { lineItems: 'x', totalCents: -1 } },
      { payment: [1] },
      { payment: null },
      { payment: { paidAt: 'x' } },
      { manageTokenHash: { a: 1 } },
      { manageTokenHash: 5 },
      { cancellation: [1] },
      { startsAt: 'x', title: {}, guestsTotal: 'many', chefUnits: -1 },
      { status: {}, source: [], customer: 'x', assignedChefs: 'x' },
    ]) {
      const res = await rest<{ doc: BookingDoc }>('POST', '/bookings', { body: { ...body(), ...junk } })
      expect(res.status, JSON.stringify(junk)).toBe(201)
      expect(res.body.doc.status).toBe('pending')
      expect(res.body.doc.source).toBe('web')
      expect(res.body.doc.pricing.totalCents).toBeGreaterThan(0)
      expect(res.body.doc.payment?.depositPaidCents).toBe(0)
    }
  })

  it('refuses menu item ids no row can have, instead of sending them to the database', async () => {
    for (const item of [null, {}, 'x', 1e20, 99_999_999_999]) {
      await refused('/bookings', { ...body(), menu: [{ item, quantity: 1 }] }, 'menu.0.item')
    }
  })

  it('refuses a body that is not an object, naming the body', async () => {
    for (const sent of ['x', 5, [1], null]) await refused('/bookings', sent, 'body')
  })

  it('refuses absurdly deep nesting with 400, with or without an Idempotency-Key', async () => {
    const depth = 50_000
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    // Our endpoints read at most 64 kB (src/http/body.ts): 30,000 levels fit and still nest absurdly deep.
    const deepWithin = `${'['.repeat(30_000)}${']'.repeat(30_000)}`
    const before = await rows()
    for (const headers of [{}, { 'Idempotency-Key': `deep-${tag}` }] as Record<string, string>[]) {
      const res = await raw('POST', '/bookings', `{"specialRequests":${deepWithin},"eventDate":"${dateAhead(220)}"}`, headers)
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400)
      const tooLarge = await raw('POST', '/bookings', `{"specialRequests":${deep},"eventDate":"${dateAhead(220)}"}`, headers)
      expect(tooLarge.status, JSON.stringify(tooLarge.body).slice(0, 300)).toBe(413)
      expect(tooLarge.body).toMatchObject({ errors: [{ name: 'PayloadTooLarge' }] })
    }
    const quote = await raw('POST', '/quote', `{"menu":${deepWithin}}`)
    expect(quote.status).toBe(400)
    expect((await raw('POST', '/quote', `{"menu":${deep}}`)).status).toBe(413)
    // Payload's own routes copy the body before any hook runs: still a 400, not a stack overflow.
    for (const [method, path, headers] of [
      ['POST', '/customers', {}],
      ['PATCH', '/bookings/1', manager],
    ] as const) {
      const res = await raw(method, path, `{"name":${deep}}`, headers)
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(400)
    }
    expect(await rows()).toEqual(before)
  })
})

describe('POST /api/quote: the same bodies', () => {
  const quote = () => quoteBodyFor(body())

  it('names the field for null groups, bad children, NUL and lone surrogates, timestamps and server-only keys', async () => {
    await refused('/quote', { ...quote(), address: null }, 'address')
    await refused('/quote', { ...quote(), guests: { adults: 2, children: [] } }, 'guests.children')
    await refused('/quote', { ...quote(), address: { zip: '1000\u0000' } }, 'address.zip')
    await refused('/quote', { ...quote(), address: { zip: '10001', street: '\uD800' } }, 'address.street')
    await refused('/quote', { ...quote(), eventDate: '\uD800' }, 'eventDate')
    for (const createdAt of ['x', 5, {}, null]) await refused('/quote', { ...quote(), createdAt }, 'createdAt')
    await refused('/quote', { ...quote(), pricing: 'x' }, 'pricing')
    await refused('/quote', 'x', 'body')
  })

  it('prices null children as none, as the booking does', async () => {
    const res = await rest('POST', '/quote', { body: { ...quote(), guests: { adults: 2, children: null } } })
    expect(res.status).toBe(200)
  })

  it('names each field once in the message, keeping every issue in data.errors', async () => {
    const res = await rest('POST', '/quote', { body: { ...quote(), durationMinutes: 1e300, eventDate: 'x' } })
    expectValidationError(res, 'durationMinutes')
    expect(error(res)?.message).toBe('The following fields are invalid: eventDate, durationMinutes')
    const issues = error(res)?.data?.errors ?? []
    expect(issues.filter((i) => i.path === 'durationMinutes').length).toBeGreaterThanOrEqual(2)
    expect(issues.filter((i) => i.path === 'eventDate')).toEqual([{ path: 'eventDate', message: 'Use a YYYY-MM-DD date' }])
  })
})

describe('GET /api/availability: impossible dates', () => {
  it('answers 400 naming from or to, never 500', async () => {
    for (const qs of [
      'from=2026-13-01&to=2026-13-02',
      "from=2026-01-0'1&to=2026-01-02",
      "from=2026-01-01&to=2026-01-0'2",
      'from=2026-02-30&to=2026-03-01',
      'from=9999-12-31&to=9999-12-31',
      'from=0001-01-01&to=0001-01-02',
      'from=%00&to=%00',
      'from=%ED%A0%80&to=2026-01-01',
      'from=x',
    ]) {
      const res = await rest('GET', `/availability?${qs}`)
      expect(res.status, qs).toBe(400)
      const paths = (error(res)?.data?.errors ?? []).map((x) => x.path)
      expect(paths.length, qs).toBeGreaterThan(0)
      expect(paths.every((p) => p === 'from' || p === 'to'), `${qs}: ${paths.join(',')}`).toBe(true)
    }
  })
})

describe('every refusal names itself', () => {
  it('names Payload’s own 404 and 403, which it answers with a bare message', async () => {
    const missing = await rest('GET', '/menu-items/2147483000')
    expect(missing.status).toBe(404)
    expect(error(missing)).toEqual({ name: 'NotFound', message: 'Not Found' })
    const forbidden = await rest('GET', '/users')
    expect(forbidden.status).toBe(403)
    expect(error(forbidden)?.name).toBe('Forbidden')
  })
})
