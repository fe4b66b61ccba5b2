/**
 * The API's error answers as the production build gives them (`next build`, server started by
 * playwright.config.ts), over HTTP with Playwright's `request` fixture — no browser:
 * - the names the README promises survive the build (a minifier renamed Payload's error classes
 *   to "o"): ValidationError (400), ConflictError (409), NotFound (404), Forbidden (403);
 * - a smaller run of the fuzz of tests/int/fuzz-bodies.int.spec.ts (same generators, fixed seed)
 *   answers no 5xx, and writes rows only for the 201s.
 * Creates no staff user: the foundation spec expects the first visit to /admin to make one.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import fc from 'fast-check'
import pg from 'pg'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { bodyPlanArb, buildBody, queryPlanArb, queryString, type BaseValues } from '../helpers/fuzz-bodies'
import { rawClientConfig } from '../helpers/sql'

const SEED = 20_261_201
const RUNS = { quote: 120, booking: 120, availability: 60 }
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

const dateAhead = (days: number): string => addDaysToDate(todayInZone(new Date(), DEFAULT_SETTINGS.timezone), days)

interface ErrorBody {
  errors?: { name?: string; message?: string; data?: { reason?: string; errors?: { path: string; message: string }[] } }[]
}

async function firstError(res: APIResponse) {
  const body = (await res.json()) as ErrorBody
  return body.errors?.[0]
}

/** POSTs a body exactly as serialized here (strings, null and arrays included). */
function postJson(request: APIRequestContext, path: string, body: unknown, headers: Record<string, string> = {}) {
  return request.post(path, { data: JSON.stringify(body) ?? 'null', headers: { 'Content-Type': 'application/json', ...headers } })
}

function booking(day: number, email: string) {
  return {
    eventDate: dateAhead(day),
    startTime: '12:00',
    guests: { adults: 2, children: 0 },
    address: { street: '1 Prod Street', city: 'New York', state: 'NY', zip: '10001' },
    contact: { name: 'Prod Check', email, phone: '212 555 0100' },
  }
}

test.describe('error names survive the production build', () => {
  test('400 is a ValidationError naming the field, each field once', async ({ request }) => {
    const res = await postJson(request, '/api/quote', { eventDate: 'x', startTime: '12:00', guests: { adults: 2 }, durationMinutes: 1e300 })
    expect(res.status()).toBe(400)
    const e = await firstError(res)
    expect(e?.name).toBe('ValidationError')
    expect(e?.message).toBe('The following fields are invalid: eventDate, durationMinutes')
    expect(e?.data?.errors?.map((x) => x.path)).toContain('eventDate')

    const nul = await postJson(request, '/api/bookings', { ...booking(253, `nul-${tag}@example.test`), contact: { name: 'a\u0000b', email: `nul-${tag}@example.test`, phone: '212 555 0100' } })
    expect(nul.status()).toBe(400)
    expect((await firstError(nul))?.data?.errors?.map((x) => x.path)).toEqual(['contact.name'])
  })

  test('409 is a ConflictError with its reason', async ({ request }) => {
    const body = booking(254, `dup-${tag}@example.test`)
    expect((await postJson(request, '/api/bookings', body)).status()).toBe(201)
    const again = await postJson(request, '/api/bookings', body)
    expect(again.status()).toBe(409)
    const e = await firstError(again)
    expect(e?.name).toBe('ConflictError')
    expect(e?.data?.reason).toBe('duplicate_booking')
  })

  test('404 is NotFound, from Payload and from our own endpoints', async ({ request }) => {
    const payloads = await request.get('/api/menu-items/2147483000')
    expect(payloads.status()).toBe(404)
    expect((await firstError(payloads))?.name).toBe('NotFound')
    const ours = await request.get('/api/bookings/manage/no-such-token')
    expect(ours.status()).toBe(404)
    expect((await firstError(ours))?.name).toBe('NotFound')
  })

  test('403 is Forbidden', async ({ request }) => {
    const res = await request.get('/api/users')
    expect(res.status()).toBe(403)
    expect((await firstError(res))?.name).toBe('Forbidden')
  })
})

test.describe('fuzzing the production server (fixed seed)', () => {
  test(`${String(RUNS.quote + RUNS.booking + RUNS.availability)} generated requests answer no 5xx and write rows only for 201s`, async ({ request }) => {
    test.setTimeout(300_000)
    const items = (await (await request.get('/api/menu-items?limit=1&depth=0')).json()) as { docs: { id: number }[] }
    const menuItemId = items.docs[0]?.id
    expect(menuItemId).toBeDefined()
    let n = 0
    const values: BaseValues = {
      dateAhead,
      menuItemId: menuItemId ?? 1,
      email: () => `fuzz-${String((n += 1))}-${tag}@example.test`,
    }
    const db = new pg.Client(rawClientConfig())
    await db.connect()
    const rows = async () => {
      const res = await db.query<{ bookings: string; customers: string }>('SELECT (SELECT count(*) FROM bookings) AS bookings, (SELECT count(*) FROM customers) AS customers')
      return { bookings: Number(res.rows[0]?.bookings), customers: Number(res.rows[0]?.customers) }
    }
    try {
      const before = await rows()
      const statuses = new Map<number, number>()
      const serverErrors: string[] = []
      const record = (what: string, status: number) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        if (status >= 500) serverErrors.push(`${String(status)} ${what.slice(0, 300)}`)
      }
      for (const plan of fc.sample(bodyPlanArb, { seed: SEED, numRuns: RUNS.quote })) {
        const body = buildBody(plan, 'quote', values)
        record(`quote ${JSON.stringify(body) ?? ''}`, (await postJson(request, '/api/quote', body)).status())
      }
      for (const plan of fc.sample(bodyPlanArb, { seed: SEED + 1, numRuns: RUNS.booking })) {
        const body = buildBody(plan, 'booking', values)
        record(`booking ${JSON.stringify(body) ?? ''}`, (await postJson(request, '/api/bookings', body)).status())
      }
      for (const plan of fc.sample(queryPlanArb(dateAhead), { seed: SEED + 2, numRuns: RUNS.availability })) {
        const qs = queryString(plan)
        record(`availability ${qs}`, (await request.get(`/api/availability?${qs}`)).status())
      }
      const counts = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, c]) => `${String(s)}×${String(c)}`).join(' ')
      test.info().annotations.push({ type: 'statuses', description: counts })
      process.stdout.write(`fuzz over HTTP: ${counts}\n`)
      expect(serverErrors).toEqual([])
      expect(statuses.get(429) ?? 0).toBe(0)
      const after = await rows()
      const created = statuses.get(201) ?? 0
      expect(after.bookings - before.bookings).toBe(created)
      expect(after.customers - before.customers).toBe(created)
    } finally {
      await db.end()
    }
  })
})
