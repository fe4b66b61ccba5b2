/**
 * The API's error answers as the production build gives them (`next build`, server started by
 * playwright.config.ts), over HTTP with Playwright's `request` fixture — no browser:
 * - the names the README promises survive the build (a minifier renamed Payload's error classes
 *   to "o"): ValidationError (400), ConflictError (409), NotFound (404), Forbidden (403);
 * - a smaller run of the fuzz of tests/int/fuzz-bodies.int.spec.ts (same generators, fixed seed)
 *   answers no 5xx, and writes rows only for the 201s;
 * - the payment endpoints, fuzzed the way tests/int/payments-fuzz.int.spec.ts does it in-process,
 *   answer only their documented refusals over HTTP with online payment OFF (this server has no
 *   STRIPE_SECRET_KEY): no 5xx but the deliberate 503 `payments_not_configured`, nothing written;
 * - a second server of the build, asked nothing until its own Payload is up, still names the fields.
 * Creates no staff user (the foundation spec, which runs first, makes the first one).
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import fc from 'fast-check'
import pg from 'pg'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { applyMutations, bodyPlanArb, buildBody, encodable, isJson, junkScalar, junkValue, notJsonText, queryPlanArb, queryString, wireText, type BaseValues, type Mutation, type Path, type Wire } from '../helpers/fuzz-bodies'
import { rawClientConfig } from '../helpers/sql'
import { signStripeEvent, TEST_WEBHOOK_SECRET } from '../helpers/stripe-webhook'
import { freePort, startSecondServer } from './second-server'

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

test.describe('a server whose own Payload started before its first request', () => {
  // src/server.ts starts a Payload of its own (chat, jobs, metrics) beside the one bundled into
  // Next. Both cache their instance on globalThis; under one key, whichever started first served
  // both, and when no request had come in by then (a quiet start: this spec sends nothing until
  // the metrics listener, opened after that Payload, is up) Next's routes ran on the other copy,
  // whose error classes are not the bundle's: every 400 lost the fields' paths.
  test('still answers a 400 with each field’s path, from our endpoints and Payload’s collections', async ({ request }) => {
    test.skip(Boolean(process.env.E2E_BASE_URL), 'starts a second server of this run’s build')
    test.setTimeout(180_000)
    const server = await startSecondServer({ env: { METRICS_PORT: String(await freePort()), LOG_LEVEL: 'info' }, readyWhen: /"msg":"metrics listening/ })
    try {
      const quote = await request.post(`${server.base}/api/quote`, { data: { eventDate: 'x', startTime: '12:00', guests: { adults: 2 } } })
      expect(quote.status()).toBe(400)
      expect((await firstError(quote))?.data?.errors?.map((x) => x.path)).toEqual(['eventDate'])
      const email = `quiet-${tag}@example.test`
      const created = await request.post(`${server.base}/api/bookings`, { data: { ...booking(255, email), contact: { name: 'a\u0000b', email, phone: '212 555 0100' } } })
      expect(created.status()).toBe(400)
      expect((await firstError(created))?.data?.errors?.map((x) => x.path)).toEqual(['contact.name'])
    } finally {
      await server.stop()
    }
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

// ---------------------------------------------------------------------------------------------
// The payment endpoints, online payment off

const PAY_SEED = 20_261_340
const PAY_RUNS = { claim: 100, webhook: 100, pay: 100, record: 100 }

/** A valid body mutated 1–3 times (mostly), left valid, replaced by other JSON, or raw text. */
function wireArb(valid: Record<string, unknown>, paths: readonly Path[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Wire> {
  const path = fc.oneof({ arbitrary: fc.constantFrom(...paths), weight: 8 }, { arbitrary: fc.string({ maxLength: 8 }).map((k): Path => [k]), weight: 1 })
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('set' as const), path, value: fc.oneof(junkValue, values) }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), path }), weight: 1 },
  )
  return fc.oneof(
    { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m): Wire => ({ json: applyMutations(valid, m) })), weight: 12 },
    { arbitrary: fc.constant<Wire>({ json: valid }), weight: 1 },
    { arbitrary: fc.oneof(junkValue, fc.jsonValue({ maxDepth: 3 })).map((json): Wire => ({ json })), weight: 3 },
    { arbitrary: notJsonText({ maxDepth: 8000 }).map((text): Wire => ({ text })), weight: 3 },
  )
}

const urlSafe = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: min, maxLength: max })
/** Escapes that are not UTF-8: Next refuses the path (400) before Payload routes it. */
const MALFORMED_ESCAPES = ['%', '%E0%A4%A', '%ZZ', '%C0%AE', '%uD800', '%F0%9F%98']

interface Sent {
  endpoint: string
  what: string
  /** Whether the body sent was JSON (an empty body counts: it is read as {}). */
  sentJson: boolean
  status: number
  body: ErrorBody | string
}

test.describe('fuzzing the payment endpoints of the production server, online payment off (fixed seed)', () => {
  test(`${String(Object.values(PAY_RUNS).reduce((a, b) => a + b, 0))} generated requests answer only the documented refusals, never a 500, and write nothing`, async ({ request }) => {
    test.setTimeout(300_000)
    const db = new pg.Client(rawClientConfig())
    await db.connect()
    const rows = async () => {
      const res = await db.query<{ payments: string; events: string; bookings: string }>(
        "SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM stripe_events) AS events, (SELECT count(*) FROM bookings WHERE payment_return_code_hash IS NOT NULL OR status = 'confirmed') AS bookings",
      )
      return { payments: Number(res.rows[0]?.payments), events: Number(res.rows[0]?.events), bookings: Number(res.rows[0]?.bookings) }
    }
    const answers: Sent[] = []
    let waitedForRateLimit = 0
    /**
     * POSTs and keeps the answer. /return and /pay share the `manage` rate limit (200 a minute for
     * this server) with the other specs: when it runs out, wait for the window, then send again.
     */
    const send = async (endpoint: string, path: string, wire: Wire, headers: Record<string, string> = {}) => {
      for (let attempt = 0; ; attempt++) {
        const res = await request.post(path, { data: wireText(wire), headers: { 'Content-Type': 'application/json', ...headers } })
        if (res.status() === 429 && attempt < 2) {
          waitedForRateLimit += 1
          await new Promise((resolve) => setTimeout(resolve, (Number(res.headers()['retry-after'] ?? '60') + 1) * 1000))
          continue
        }
        const text = await res.text()
        answers.push({ endpoint, what: `${path} ${wireText(wire).slice(0, 200)}`, sentJson: wireText(wire) === '' || isJson(wireText(wire)), status: res.status(), body: isJson(text) ? (JSON.parse(text) as ErrorBody) : text.slice(0, 200) })
        return
      }
    }
    try {
      const before = await rows()

      // POST /api/bookings/return: a code nobody was given, mutated.
      const code = fc.sample(urlSafe(32, 32), { seed: PAY_SEED, numRuns: 1 })[0] ?? 'x'.repeat(32)
      const codeLike = fc.oneof(urlSafe(20, 100), fc.constantFrom<unknown>(`${code}\u0000`, 'x'.repeat(201), ''))
      for (const wire of fc.sample(wireArb({ code }, [['code'], ['code', 0], ['for'], ['bookingId']], codeLike), { seed: PAY_SEED + 1, numRuns: PAY_RUNS.claim })) {
        await send('return', '/api/bookings/return', wire)
      }

      // POST /api/stripe/webhook: event-like bodies and junk, with signatures that are no good here.
      const event = { id: 'evt_fuzz', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_test_fuzz', object: 'checkout.session', metadata: { bookingId: '1' } } } }
      const printable = fc.string({ unit: fc.constantFrom(...'t=v1,0123456789abcdef ;:-_xyz'), maxLength: 90 })
      const signature = fc.oneof(
        fc.constant<((body: string) => string) | undefined>(undefined),
        printable.map((s) => () => s),
        fc.constant((body: string) => signStripeEvent(body, TEST_WEBHOOK_SECRET)),
        fc.constant((body: string) => signStripeEvent(body, 'whsec_not_the_secret')),
        fc.constant((body: string) => signStripeEvent(body, TEST_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600)),
      )
      const eventPaths: Path[] = [['id'], ['type'], ['data'], ['data', 'object'], ['data', 'object', 'id'], ['data', 'object', 'metadata', 'bookingId'], ['object']]
      for (const [wire, sign] of fc.sample(fc.tuple(wireArb(event, eventPaths, junkScalar), signature), { seed: PAY_SEED + 2, numRuns: PAY_RUNS.webhook })) {
        await send('webhook', '/api/stripe/webhook', wire, sign ? { 'Stripe-Signature': sign(wireText(wire)) } : {})
      }

      // POST /api/bookings/pay/<token>: tokens nobody was given (and the path escapes no client sends).
      const token = fc.oneof(
        { arbitrary: urlSafe(20, 100), weight: 4 },
        { arbitrary: fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), junkScalar.map((v) => String(v))).filter((t) => t !== '' && !/^\.+$/.test(t) && encodable(t)).map(encodeURIComponent), weight: 3 },
        { arbitrary: fc.constantFrom('%00', 'a%2Fb', '%2500', ...MALFORMED_ESCAPES), weight: 1 },
      )
      for (const [t, wire] of fc.sample(fc.tuple(token, wireArb({}, [['amountCents'], ['token']], junkScalar)), { seed: PAY_SEED + 3, numRuns: PAY_RUNS.pay })) {
        await send(MALFORMED_ESCAPES.includes(t) ? 'pay (malformed escape)' : 'pay', `/api/bookings/pay/${t}`, wire)
      }

      // POST /api/payments without signing in: an offline record, mutated.
      const record = { booking: 1, kind: 'deposit', method: 'cash', amountCents: 100, note: 'Cash at the door' }
      const recordValues = fc.constantFrom<unknown>('balance', 'refund', 'card', 2 ** 31, '1', -1, 0.5, 'succeeded', 'pi_123', '2026-02-30T10:00:00Z')
      const recordPaths: Path[] = [['booking'], ['kind'], ['method'], ['amountCents'], ['note'], ['occurredAt'], ['status'], ['recordedBy'], ['stripePaymentIntentId'], ['createdAt'], ['id']]
      for (const wire of fc.sample(wireArb(record, recordPaths, recordValues), { seed: PAY_SEED + 4, numRuns: PAY_RUNS.record })) {
        await send('payments', '/api/payments', wire)
      }

      /** What is wrong with an answer, or undefined. */
      const problem = (a: Sent): string | undefined => {
        const e = typeof a.body === 'string' ? undefined : a.body.errors?.[0]
        const unavailable = a.status === 503 && e?.name === 'ServiceUnavailable' && e.data?.reason === 'payments_not_configured'
        const named = a.status === 400 && e?.name === 'ValidationError' && (e.data?.errors ?? []).length > 0 && (e.data?.errors ?? []).every((i) => typeof i.path === 'string' && i.path !== '')
        if (a.status >= 500 && !unavailable) return 'a 5xx'
        switch (a.endpoint) {
          case 'return':
            return named || (a.status === 404 && e?.name === 'NotFound') ? undefined : 'not 400 naming fields or 404'
          case 'webhook':
            return unavailable || (a.status === 400 && e?.name === 'WebhookSignatureError') ? undefined : 'not 400 WebhookSignatureError or 503 payments_not_configured'
          case 'pay':
            return unavailable || (a.status === 404 && e?.name === 'NotFound') ? undefined : 'not 404 or 503 payments_not_configured'
          case 'pay (malformed escape)':
            // Next cannot decode the path and answers 400 itself; Payload never sees it.
            return unavailable || a.status === 400 || (a.status === 404 && e?.name === 'NotFound') ? undefined : 'not 400, 404 or 503 payments_not_configured'
          default: {
            // Signed out, the answer is Forbidden; but Payload reads the body first (its JSON
            // parser) and our beforeOperation hooks run before access, so junk is a 400 first.
            const payloadNotJson = a.status === 400 && e?.name === 'APIError' && e.message === 'Invalid JSON' && !a.sentJson
            return a.status === 401 || (a.status === 403 && e?.name === 'Forbidden') || named || payloadNotJson ? undefined : 'not 401/403, 400 naming fields or Payload\'s 400 for text that is not JSON'
          }
        }
      }
      const tallies = new Map<string, Map<number, number>>()
      for (const a of answers) {
        const t = tallies.get(a.endpoint) ?? new Map<number, number>()
        t.set(a.status, (t.get(a.status) ?? 0) + 1)
        tallies.set(a.endpoint, t)
      }
      const counts = [...tallies.entries()].map(([endpoint, t]) => `${endpoint}: ${[...t.entries()].sort(([x], [y]) => x - y).map(([s, n]) => `${String(s)}×${String(n)}`).join(' ')}`).join('; ')
      test.info().annotations.push({ type: 'payment statuses', description: `${counts}; waited for the rate limit ${String(waitedForRateLimit)} times` })
      process.stdout.write(`payment fuzz over HTTP: ${counts}; waited for the rate limit ${String(waitedForRateLimit)} times\n`)

      const wrong = answers.flatMap((a) => {
        const p = problem(a)
        return p ? [`${a.endpoint} ${String(a.status)} ${p}: ${a.what} → ${JSON.stringify(a.body).slice(0, 300)}`] : []
      })
      expect(wrong.slice(0, 10)).toEqual([])
      expect(answers).toHaveLength(Object.values(PAY_RUNS).reduce((x, y) => x + y, 0))
      // Online payment is off here: not one of them got past the refusals.
      expect(answers.filter((a) => a.status < 400)).toEqual([])
      expect(await rows()).toEqual(before)
    } finally {
      await db.end()
    }
  })
})
