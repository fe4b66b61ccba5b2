/**
 * Property: no request body, signature or token makes the payment endpoints answer 5xx, every 400
 * names the fields it refuses, and a refused request writes nothing — not a payment row, not a
 * booking column, not a stored Stripe event, not a request that changes something at Stripe.
 * A few hundred generated requests per endpoint (fast-check, FIXED seed, so a failure replays
 * exactly), through Payload's real REST handler (handleEndpoints, no rate limits in the way), with
 * Stripe faked at the network boundary (tests/helpers/stripe-app.ts):
 * - POST /api/bookings/manage/:token/deposit and /balance (the body must be `{}`),
 * - POST /api/bookings/return ({ code }; one real code among the generated ones),
 * - POST /api/payments/refund (managers; other callers must get 401/403 whatever the body),
 * - POST /api/payments (offline records by staff),
 * - POST /api/stripe/webhook (junk bodies and signatures: 400 WebhookSignatureError, nothing stored),
 * - POST /api/bookings/pay/:token (tokens nobody was given: 404).
 * Bodies: valid bodies mutated 1–3 times with the junk of tests/helpers/fuzz-bodies.ts (wrong
 * types, extra and missing keys, huge, negative and fractional numbers, numbers as strings, NUL and
 * lone surrogates, arrays, null, nesting), arbitrary JSON, text that is not JSON, bodies nested
 * thousands deep, and bodies over the size limit. Each request is bracketed by a look at the world
 * (payment and stripe_events row counts, this file's booking rows, the fake's write requests), so
 * a write is pinned to the one request that made it. Runs sequentially (a 2-core machine).
 * This file books 342–346 days ahead: days no other integration file uses (they share one database;
 * payment-return.int.spec.ts books 350 and on).
 */
import fc from 'fast-check'
import { handleEndpoints } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { bookingBody, dateAhead, runTag, type DocResponse, type PayloadErrorBody } from '../helpers/bookings-fixtures'
import { applyMutations, encodable, isJson, junkScalar, junkValue, notJsonText, wireText, type Mutation, type Path, type Wire } from '../helpers/fuzz-bodies'
import { bookAndPayDeposit, rawSql, signInActors, sql, type Actors, type PaidBooking } from '../helpers/paid-booking'
import { stripeAppPerFile, type StripeApp } from '../helpers/stripe-app'
import { signStripeEvent, TEST_WEBHOOK_SECRET } from '../helpers/stripe-webhook'

const SEED = 20_261_340
const RUNS = { deposit: 200, balance: 200, claim: 250, refund: 300, record: 300, webhook: 300, pay: 200 }
/** Generous per-test bound; the whole file takes well under a minute on a quiet 2-core machine. */
const TIMEOUT_MS = 180_000
const tag = runTag()

let app: StripeApp
let actors: Actors

stripeAppPerFile((started) => {
  app = started
})

// ---------------------------------------------------------------------------------------------
// Requests as sent on the wire

interface Answer {
  status: number
  headers: Headers
  body: unknown
}

/** POSTs `wire` to /api`path` through Payload's REST handler, exactly as a client sent it. */
async function post(path: string, wire: Wire, headers: Record<string, string> = {}): Promise<Answer> {
  const request = new Request(`http://localhost:3000/api${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: wireText(wire) })
  const response = await handleEndpoints({ config: app.config, path: `/api${path}`, request })
  const text = await response.text()
  let body: unknown = text
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text) as unknown
  return { status: response.status, headers: response.headers, body }
}

/** Whether `text` is the JSON of `value` (key order and spacing aside). */
function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value)
  } catch {
    return false
  }
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))
  return s.length > 300 ? `${s.slice(0, 300)}… (${String(s.length)} chars)` : s
}

// ---------------------------------------------------------------------------------------------
// What an answer must look like

const firstError = (a: Answer) => (a.body as Partial<PayloadErrorBody> | undefined)?.errors?.[0]

/**
 * What is wrong with a 400 that should be a ValidationError naming fields: undefined when nothing.
 * Every issue has a path and a message; none is the database backstop (validation names the field
 * first); the message names each path exactly once, in order.
 */
function validationProblem(a: Answer): string | undefined {
  const e = firstError(a)
  if (e?.name !== 'ValidationError') return `not a ValidationError: ${short(a.body)}`
  const issues = e.data?.errors ?? []
  if (issues.length === 0) return 'a ValidationError naming no field'
  if (issues.some((i) => typeof i.path !== 'string' || i.path === '' || typeof i.message !== 'string' || i.message === '')) return `an issue without path or message: ${short(issues)}`
  if (issues.some((i) => i.path === 'body' && /cannot be stored/.test(i.message))) return `the database backstop answered: ${short(issues)}`
  const paths = [...new Set(issues.map((i) => i.path))]
  // A sentence of our own (a malformed Idempotency-Key header) names the one thing it is about.
  if (!/^The following fields? (is|are) invalid: /.test(e.message)) return paths.every((p) => e.message.includes(p)) ? undefined : `message ${short(e.message)} does not name ${short(paths)}`
  // The summary names each field once: by path (ours; a key may itself hold ", ") or by label
  // (Payload's own, e.g. `Booking`).
  const rest = e.message.replace(/^The following fields? (is|are) invalid: /, '')
  if (rest === paths.join(', ')) return undefined
  const listed = rest.split(', ')
  return listed.length === paths.length && new Set(listed).size === listed.length ? undefined : `message ${short(e.message)} does not name ${short(paths)} once each`
}

/** A refusal other than 400 carries Payload's error shape with a name (NotFound, Forbidden…). */
function namedRefusalProblem(a: Answer): string | undefined {
  const e = firstError(a)
  return typeof e?.name === 'string' && e.name !== '' && typeof e.message === 'string' ? undefined : `an unnamed ${String(a.status)}: ${short(a.body)}`
}

// ---------------------------------------------------------------------------------------------
// The world a request may change, looked at before and after each one

interface World {
  payments: number
  stripeEvents: number
  /** Requests that change something at Stripe: every POST to its API. */
  stripeWrites: number
  /** This file's booking rows, every column. */
  bookings: string
}

let watched: number[] = []

async function world(): Promise<World> {
  const [counts] = await rawSql<{ payments: number; events: number }>(app, sql`SELECT (SELECT count(*) FROM payments)::int AS payments, (SELECT count(*) FROM stripe_events)::int AS events`)
  const rows = await rawSql(app, sql`SELECT * FROM bookings WHERE id = ANY(${`{${watched.join(',')}}`}::int[]) ORDER BY id`)
  return {
    payments: Number(counts?.payments),
    stripeEvents: Number(counts?.events),
    stripeWrites: app.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/')).length,
    bookings: JSON.stringify(rows),
  }
}

function changes(before: World, after: World): string[] {
  const out: string[] = []
  if (after.payments !== before.payments) out.push(`payments ${String(before.payments)} → ${String(after.payments)}`)
  if (after.stripeEvents !== before.stripeEvents) out.push(`stripe_events ${String(before.stripeEvents)} → ${String(after.stripeEvents)}`)
  if (after.stripeWrites !== before.stripeWrites) out.push(`Stripe write requests ${String(before.stripeWrites)} → ${String(after.stripeWrites)}`)
  if (after.bookings !== before.bookings) out.push('a booking row changed')
  return out
}

// ---------------------------------------------------------------------------------------------
// Tallies

interface Tally {
  name: string
  statuses: Map<number, number>
  skipped: number
  /** 400s from the database backstop for a `booking` PostgreSQL cannot store (see KNOWN GAP below). */
  gaps: number
  problems: string[]
}

const newTally = (name: string): Tally => ({ name, statuses: new Map(), skipped: 0, gaps: 0, problems: [] })

interface Expect {
  /** The statuses this request may get. */
  allowed: readonly number[]
  /** 400s are this endpoint's own kind (default: ValidationError naming fields). */
  badRequest?: (a: Answer) => string | undefined
  /** The one 400 tallied apart instead of failing: the known gap, for the requests it concerns. */
  knownGap?: (a: Answer) => boolean
  /** Checks a 2xx against the world before and after (what it wrote must be what it should). */
  success?: (a: Answer, before: World, after: World) => Promise<string | undefined> | string | undefined
}

/** Sends one request between two looks at the world, and records what was wrong with it. */
async function exercise(tally: Tally, what: string, send: () => Promise<Answer>, expected: Expect): Promise<Answer> {
  const before = await world()
  const a = await send()
  const after = await world()
  tally.statuses.set(a.status, (tally.statuses.get(a.status) ?? 0) + 1)
  const problem = (p: string) => tally.problems.push(`${String(a.status)} ${p} ← ${what}`)
  if (a.status >= 500) problem(`server error: ${short(a.body)}`)
  else if (!expected.allowed.includes(a.status)) problem(`unexpected status: ${short(a.body)}`)
  if (a.status >= 200 && a.status < 300) {
    const p = await expected.success?.(a, before, after)
    if (p) problem(p)
  } else {
    const written = changes(before, after)
    if (written.length > 0) problem(`refused, yet wrote: ${written.join('; ')}`)
    if (a.status === 400 && expected.knownGap?.(a)) tally.gaps += 1
    else {
      const p = a.status === 400 ? (expected.badRequest ?? validationProblem)(a) : a.status < 500 ? namedRefusalProblem(a) : undefined
      if (p) problem(p)
    }
    if (a.headers.get('set-cookie')) problem('refused, yet set a cookie')
  }
  return a
}

function summary(tally: Tally, ms: number): string {
  const statuses = [...tally.statuses.entries()].sort(([x], [y]) => x - y).map(([s, n]) => `${String(s)}×${String(n)}`)
  const skipped = tally.skipped > 0 ? `; ${String(tally.skipped)} skipped (they named another file's booking)` : ''
  const gaps = tally.gaps > 0 ? `; ${String(tally.gaps)} of the 400s were the known gap (a booking PostgreSQL cannot store)` : ''
  const problems = tally.problems.map((p) => `  ${p.slice(0, 400)}\n`).join('')
  return `fuzz ${tally.name}: ${statuses.join(' ')} in ${(ms / 1000).toFixed(1)} s${skipped}${gaps}\n${problems}`
}

function expectClean(tally: Tally, runs: number): void {
  expect(tally.problems.slice(0, 8)).toEqual([])
  expect(tally.problems.length).toBe(0)
  // Every generated request was sent and answered.
  expect([...tally.statuses.values()].reduce((s, n) => s + n, 0)).toBe(runs)
}

/** Runs `numRuns` generated requests; the property only tallies, the test asserts on the tally. */
async function fuzz<T>(tally: Tally, arb: fc.Arbitrary<T>, seed: number, numRuns: number, run: (value: T) => Promise<void>): Promise<void> {
  const started = performance.now()
  await fc.assert(fc.asyncProperty(arb, run), { seed, numRuns, endOnFailure: true, maxSkipsPerRun: 10 })
  process.stdout.write(summary(tally, performance.now() - started))
}

// ---------------------------------------------------------------------------------------------
// Generators

/** A plan for a request body: a valid body mutated, any JSON value, or raw text. */
type BodyPlan = { kind: 'mutated'; mutations: Mutation[] } | { kind: 'whole'; body: unknown } | { kind: 'text'; text: string }

function mutationArb(paths: readonly Path[], values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> {
  const path = fc.oneof({ arbitrary: fc.constantFrom(...paths), weight: 10 }, { arbitrary: fc.string({ maxLength: 8 }).map((k): Path => [k]), weight: 1 })
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('set' as const), path, value: fc.oneof({ arbitrary: junkValue, weight: 3 }, { arbitrary: values, weight: 2 }) }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant('delete' as const), path }), weight: 1 },
  )
}

/**
 * Mutations of a valid body (mostly), a few left valid, other JSON values, and raw text; `focused`
 * mutations (one field set to the values that matter most for it) come as often as raw text.
 */
function bodyPlanArb(paths: readonly Path[], values: fc.Arbitrary<unknown>, validWeight = 2, focused?: fc.Arbitrary<Mutation>): fc.Arbitrary<BodyPlan> {
  return fc.oneof(
    ...(focused ? [{ arbitrary: fc.record({ kind: fc.constant('mutated' as const), mutations: focused.map((m) => [m]) }), weight: 3 }] : []),
    { arbitrary: fc.record({ kind: fc.constant('mutated' as const), mutations: fc.array(mutationArb(paths, values), { minLength: 1, maxLength: 3 }) }), weight: 20 },
    { arbitrary: fc.record({ kind: fc.constant('mutated' as const), mutations: fc.constant<Mutation[]>([]) }), weight: validWeight },
    { arbitrary: fc.record({ kind: fc.constant('whole' as const), body: fc.oneof(junkValue, fc.jsonValue({ maxDepth: 4 })) }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('text' as const), text: notJsonText({ maxDepth: 12_000, oversize: true }) }), weight: 3 },
  )
}

function wireOf(plan: BodyPlan, valid: Record<string, unknown>): Wire {
  if (plan.kind === 'text') return { text: plan.text }
  if (plan.kind === 'whole') return { json: plan.body }
  return { json: applyMutations(valid, plan.mutations) }
}

/** Idempotency keys: none, a fresh one, or a malformed one (over 255 characters). */
type KeyPlan = 'none' | 'fresh' | 'malformed'
const keyPlanArb = fc.constantFrom<KeyPlan>('none', 'none', 'fresh', 'fresh', 'malformed')
let keys = 0
function keyHeader(plan: KeyPlan): Record<string, string> {
  if (plan === 'none') return {}
  if (plan === 'malformed') return { 'Idempotency-Key': 'k'.repeat(256) }
  keys += 1
  return { 'Idempotency-Key': `fz-${tag}-${String(keys)}` }
}

type Caller = keyof Actors['headers']
const staffCallerArb = fc.constantFrom<Caller>('manager', 'manager', 'manager', 'manager', 'manager', 'manager', 'admin', 'chef', 'editor', 'customer', 'anonymous')

/** Money-ish junk on top of the shared junk: amounts just out of range, as text, in other units. */
const moneyJunk = fc.constantFrom<unknown>(0, -1, -0, 0.5, 1.0000001, 99.99, 2 ** 31, 2 ** 53, 1e21, -1e21, '1', '100', '1e2', '0x10', ' 1', '1,00', [1], { cents: 1 }, true)

/** The ids a `booking` value could name, read as loosely as any layer might (Number(), `.id`, arrays). */
function idsNamed(v: unknown, depth = 0): number[] {
  if (depth > 3) return []
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return [Number(v)]
  if (Array.isArray(v)) return [Number(v), ...v.flatMap((x) => idsNamed(x, depth + 1))]
  if (v && typeof v === 'object') return Object.values(v).flatMap((x) => idsNamed(x, depth + 1))
  return []
}

let othersBookings = new Set<number>()

/**
 * Whether a body names a booking of another integration file (they share the database): a request
 * that would really refund or record money on it is left out, so no file changes another's rows.
 */
function namesOthersBooking(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false
  return idsNamed((body as Record<string, unknown>).booking).some((id) => othersBookings.has(id))
}

/**
 * KNOWN GAP (reported, not fixed here: it is neither a 5xx nor a write). Validation lets through
 * two kinds of `booking` that PostgreSQL then refuses, so the database backstop answers
 * 400 `body: The request contains a value that cannot be stored` instead of naming `booking`:
 * - a whole number past PostgreSQL's integer (2147483648, "999999999999", { id: 2147483648 }):
 *   manualRefundSchema takes up to 12 digits, the offline-record hook any safe integer; the row
 *   lock's query fails (22003);
 * - for POST /api/payments, the id in an array ([5]): the hook reads Number([5]) = 5, Payload's
 *   relationship validation passes it, and the insert fails on the array (22P02).
 * The properties tally those answers apart, for such bodies only; the `it.fails` test below
 * states the rule and starts failing (so must be turned into `it`) once validation names `booking`.
 */
const INT4_MAX = 2_147_483_647

function namesUnstorableBooking(wire: Wire): boolean {
  if (!('json' in wire) || !wire.json || typeof wire.json !== 'object' || Array.isArray(wire.json)) return false
  const booking = (wire.json as Record<string, unknown>).booking
  return Array.isArray(booking) || idsNamed(booking).some((id) => Number.isSafeInteger(id) && id > INT4_MAX)
}

function isBackstop(a: Answer): boolean {
  const issues = firstError(a)?.data?.errors ?? []
  return issues.length === 1 && issues[0]?.path === 'body' && /cannot be stored/.test(issues[0].message)
}

// ---------------------------------------------------------------------------------------------
// Fixtures: one booking per endpoint, each on a day of its own

interface Fixtures {
  held: { id: number; token: string }
  claim: { id: number; code: string }
  balance: PaidBooking
  refund: PaidBooking
  record: { id: number }
}
let fx: Fixtures

async function heldBooking(days: number, adults = 2): Promise<{ id: number; token: string }> {
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(days), `fuzz-pay-${String(days)}-${tag}@example.com`, { guests: { adults, children: 0 } }) })
  if (res.status !== 201) throw new Error(`booking ${String(days)} days ahead: HTTP ${String(res.status)} ${JSON.stringify(res.body)}`)
  return { id: res.body.doc.id, token: String(res.body.doc.manageToken) }
}

interface Money {
  status: string
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
}

async function money(id: number): Promise<Money> {
  const b = await app.payload.findByID({ collection: 'bookings', id, overrideAccess: true, depth: 0 })
  return { status: b.status, depositPaidCents: Number(b.payment?.depositPaidCents ?? 0), balancePaidCents: Number(b.payment?.balancePaidCents ?? 0), refundedCents: Number(b.payment?.refundedCents ?? 0) }
}

beforeAll(async () => {
  actors = await signInActors(app)
  const held = await heldBooking(342)
  const forClaim = await heldBooking(343)
  const opened = await app.rest<{ url: string }>('POST', `/bookings/manage/${forClaim.token}/deposit`, { body: {} })
  if (opened.status !== 200) throw new Error(`deposit session: HTTP ${String(opened.status)} ${JSON.stringify(opened.body)}`)
  const session = app.fake.sessions().find((s) => s.url === opened.body.url)
  const code = session?.success_url ? new URL(session.success_url).searchParams.get('code') : null
  if (!code) throw new Error('no return code in the deposit session')
  const balance = await bookAndPayDeposit(app, 344, `fuzz-balance-${tag}@example.com`)
  const refund = await bookAndPayDeposit(app, 345, `fuzz-refund-${tag}@example.com`)
  const record = await heldBooking(346, 12)
  fx = { held, claim: { id: forClaim.id, code }, balance, refund, record: { id: record.id } }
  watched = [held.id, forClaim.id, balance.id, refund.id, record.id]
  // The "no booking row changed" check looks at every one of them.
  if ((JSON.parse((await world()).bookings) as unknown[]).length !== watched.length) throw new Error('the watched bookings were not all found')
  const all = await rawSql<{ id: number }>(app, sql`SELECT id FROM bookings`)
  othersBookings = new Set(all.map((r) => Number(r.id)).filter((id) => !watched.includes(id)))
})

// ---------------------------------------------------------------------------------------------

describe('fuzzing the payment endpoints (fixed seed)', () => {
  const PAY_PATHS: Path[] = [['amountCents'], ['amount'], ['kind'], ['currency'], ['token'], ['successUrl'], ['bookingId'], ['metadata'], ['metadata', 'bookingId'], ['']]

  for (const kind of ['deposit', 'balance'] as const) {
    it(`POST /api/bookings/manage/:token/${kind}: ${String(RUNS[kind])} bodies; only {} is taken, nothing else writes`, async () => {
      const tally = newTally(kind)
      const token = kind === 'deposit' ? fx.held.token : fx.balance.token
      const id = kind === 'deposit' ? fx.held.id : fx.balance.id
      await fuzz(tally, fc.tuple(bodyPlanArb(PAY_PATHS, moneyJunk, 1), keyPlanArb), SEED + (kind === 'deposit' ? 1 : 2), RUNS[kind], async ([plan, key]) => {
        const wire = wireOf(plan, {})
        await exercise(tally, `${key} key, ${short(wireText(wire))}`, () => post(`/bookings/manage/${token}/${kind}`, wire, keyHeader(key)), {
          allowed: [200, 400, 413],
          success: async (a, before, after) => {
            // Only the empty object (or an empty body) asks for a payment.
            const sent = wireText(wire).trim()
            if (sent !== '' && sent !== '{}') return `paid for a body that is not {}: ${short(a.body)}`
            const url = (a.body as { url?: unknown }).url
            const session = app.fake.sessions().find((s) => s.url === url)
            if (!session || session.metadata.bookingId !== String(id) || session.metadata.kind !== kind) return `answered a URL that is no ${kind} session of this booking: ${short(a.body)}`
            if (after.payments !== before.payments) return 'opening a Checkout Session wrote a payment row'
            return undefined
          },
        })
      })
      expectClean(tally, RUNS[kind])
      // The valid body was among those sent: the property also covered what the endpoint takes.
      expect(tally.statuses.get(200) ?? 0).toBeGreaterThan(0)
      // One Checkout Session for the whole run: every later {} got the open one again.
      expect(app.fake.sessions().filter((s) => s.metadata.bookingId === String(id) && s.metadata.kind === kind)).toHaveLength(1)
    }, TIMEOUT_MS)
  }

  it(`POST /api/bookings/return: ${String(RUNS.claim)} bodies; the real code is used up once, by a 200`, async () => {
    const tally = newTally('return')
    const codeLike = fc.oneof(
      fc.constant(fx.claim.code),
      fc.constant(`${fx.claim.code} `),
      fc.constant(fx.claim.code.toUpperCase()),
      fc.constant(fx.claim.code.slice(1)),
      fc.constant(`${fx.claim.code}\u0000`),
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 20, maxLength: 100 }),
      fc.constant('x'.repeat(201)),
    )
    const paths: Path[] = [['code'], ['code', 0], ['code', 'code'], ['for'], ['cancelled'], ['bookingId'], ['token']]
    await fuzz(tally, fc.tuple(bodyPlanArb(paths, codeLike, 3), fc.boolean()), SEED + 3, RUNS.claim, async ([plan, withCookie]) => {
      const wire = wireOf(plan, { code: fx.claim.code })
      // A return cookie of another booking changes nothing either.
      const headers: Record<string, string> = withCookie ? { Cookie: 'mh_return=1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } : {}
      await exercise(tally, short(wireText(wire)), () => post('/bookings/return', wire, headers), {
        allowed: [200, 400, 404, 413],
        success: (a, before, after) => {
          if (!sameJson(wireText(wire), { code: fx.claim.code })) return `a 200 for a body that is not the real code: ${short(a.body)}`
          if (!/^mh_return=\d+\./.test(a.headers.get('set-cookie') ?? '')) return 'a 200 without the return cookie'
          if (after.payments !== before.payments || after.stripeWrites !== before.stripeWrites) return 'claiming the code wrote a payment or called Stripe'
          return undefined
        },
      })
    })
    expectClean(tally, RUNS.claim)
    // The unmutated body was sent more than once: the first took the code, the rest found it used.
    expect(tally.statuses.get(200)).toBe(1)
    const [row] = await rawSql<{ hash: string | null }>(app, sql`SELECT payment_return_code_hash AS hash FROM bookings WHERE id = ${fx.claim.id}`)
    expect(row?.hash ?? null).toBeNull()
  }, TIMEOUT_MS)

  it(`POST /api/payments/refund: ${String(RUNS.refund)} bodies from every kind of caller; only a manager's valid refund writes`, async () => {
    const tally = newTally('refund')
    const b = fx.refund
    const bookingRef = fc.oneof(
      fc.constantFrom<unknown>(b.id, String(b.id), `${String(b.id)}.0`, ` ${String(b.id)}`, b.id + 0.5, -b.id, '0000000000001', { id: b.id }, [b.id]),
      // No such booking.
      fc.constantFrom<unknown>(INT4_MAX, String(INT4_MAX), b.id + 1_000_000),
      // Past PostgreSQL's integer: the known gap.
      fc.constantFrom<unknown>(INT4_MAX + 1, 2 ** 53, '2147483648', '999999999999'),
    )
    const values = fc.oneof(bookingRef, moneyJunk, fc.constantFrom<unknown>('ok', '   ', 'a\u0000b', '\uD800 why', 'x'.repeat(501), 'Because the chef was late'))
    const paths: Path[] = [['booking'], ['amountCents'], ['reason'], ['paymentIntent'], ['refundOf'], ['recordedBy'], ['booking', 'id'], ['amountCents', 0], ['reason', 'text']]
    const base = fc.record({ amountCents: fc.integer({ min: 1, max: 60 }), reason: fc.constantFrom('Goodwill gesture', 'Chef arrived late', '  Padded reason  ') })
    const focused = fc.record({ op: fc.constant('set' as const), path: fc.constant<Path>(['booking']), value: bookingRef })
    await fuzz(tally, fc.tuple(base, bodyPlanArb(paths, values, 3, focused), staffCallerArb, keyPlanArb), SEED + 4, RUNS.refund, async ([valid, plan, caller, key]) => {
      const wire = wireOf(plan, { booking: b.id, ...valid })
      if ('json' in wire && namesOthersBooking(wire.json)) {
        tally.skipped += 1
        fc.pre(false)
      }
      const moneyBefore = await money(b.id)
      await exercise(tally, `${caller}, ${key} key, ${short(wireText(wire))}`, () => post('/payments/refund', wire, { ...actors.headers[caller], ...keyHeader(key) }), {
        allowed: caller === 'anonymous' ? [401] : caller === 'manager' || caller === 'admin' ? [200, 400, 404, 413] : [403],
        knownGap: (a) => namesUnstorableBooking(wire) && isBackstop(a),
        success: async (a, before, after) => {
          const refunded = Number((a.body as { refundedCents?: unknown }).refundedCents)
          const moneyAfter = await money(b.id)
          if (moneyAfter.refundedCents !== moneyBefore.refundedCents + refunded || refunded <= 0) return `refunded ${String(refunded)}, booking went ${String(moneyBefore.refundedCents)} → ${String(moneyAfter.refundedCents)}`
          if (after.payments !== before.payments + 1) return `one refund row expected, payments ${String(before.payments)} → ${String(after.payments)}`
          const refunds = app.fake.refunds().filter((r) => r.payment_intent === b.paymentIntentId)
          if (refunds.reduce((s, r) => s + r.amount, 0) !== moneyAfter.refundedCents) return 'Stripe refunded another amount than the booking records'
          return undefined
        },
      })
    })
    expectClean(tally, RUNS.refund)
    expect(tally.statuses.get(200) ?? 0).toBeGreaterThan(0)
    expect(tally.statuses.get(401) ?? 0).toBeGreaterThan(0)
    expect(tally.statuses.get(403) ?? 0).toBeGreaterThan(0)
    // Never more than was paid, and the booking, its rows and Stripe agree at the end.
    const end = await money(b.id)
    expect(end.refundedCents).toBeLessThanOrEqual(b.depositCents)
    const rows = await app.payload.find({ collection: 'payments', where: { and: [{ booking: { equals: b.id } }, { kind: { equals: 'refund' } }] }, overrideAccess: true, depth: 0, limit: 0, pagination: false })
    expect(rows.docs.reduce((s, p) => s + p.amountCents, 0)).toBe(end.refundedCents)
    expect(rows.docs).toHaveLength(tally.statuses.get(200) ?? 0)
  }, TIMEOUT_MS)

  it(`POST /api/payments (offline records): ${String(RUNS.record)} bodies; only staff's valid records write, stamped by the server`, async () => {
    const tally = newTally('payments')
    const id = fx.record.id
    const bookingRef = fc.constantFrom<unknown>(id, String(id), { id }, { relationTo: 'bookings', value: id }, [id], INT4_MAX, id + 1_000_000, INT4_MAX + 1, '2147483648', { id: INT4_MAX + 1 }, 2 ** 53)
    const values = fc.oneof(
      bookingRef,
      moneyJunk,
      fc.constantFrom<unknown>('deposit', 'balance', 'refund', 'card', 'cash', 'check', 'transfer', 'CASH', 'failed', 'succeeded', 'usd', 'pi_123', '2026-02-30T10:00:00Z', '2026-06-10T17:00:00Z', '1e999', 'x'.repeat(501), 'a\u0000b'),
    )
    const paths: Path[] = [
      ['booking'],
      ['kind'],
      ['method'],
      ['amountCents'],
      ['note'],
      ['occurredAt'],
      ['status'],
      ['currency'],
      ['customer'],
      ['recordedBy'],
      ['refundOf'],
      ['stripePaymentIntentId'],
      ['stripeCheckoutSessionId'],
      ['stripeRefundId'],
      ['createdAt'],
      ['updatedAt'],
      ['id'],
      ['booking', 'id'],
      ['amountCents', 'value'],
    ]
    const base = fc.record({
      kind: fc.constantFrom('deposit', 'balance', 'balance', 'refund'),
      method: fc.constantFrom('cash', 'check', 'transfer'),
      amountCents: fc.integer({ min: 1, max: 400 }),
      note: fc.constantFrom('Cash at the door', 'Check 1042', 'Returned overpayment'),
    })
    let notJsonRefusals = 0
    let notJsonSent = 0
    const focused = fc.record({ op: fc.constant('set' as const), path: fc.constant<Path>(['booking']), value: bookingRef })
    await fuzz(tally, fc.tuple(base, bodyPlanArb(paths, values, 3, focused), staffCallerArb), SEED + 5, RUNS.record, async ([valid, plan, caller]) => {
      const wire = wireOf(plan, { booking: id, ...valid })
      if ('json' in wire && namesOthersBooking(wire.json)) {
        tally.skipped += 1
        fc.pre(false)
      }
      // Payload reads an empty body as {}.
      if (!isJson(wireText(wire)) && wireText(wire) !== '') notJsonSent += 1
      const moneyBefore = await money(id)
      const text = wireText(wire)
      await exercise(tally, `${caller}, ${short(text)}`, () => post('/payments', wire, actors.headers[caller]), {
        allowed: caller === 'manager' || caller === 'admin' ? [201, 400, 404, 413] : [400, 401, 403, 413],
        knownGap: (a) => namesUnstorableBooking(wire) && isBackstop(a),
        badRequest: (a) => {
          // Payload parses this collection's body itself, before any hook of ours, and refuses text
          // that is not JSON with its own 400 that names no field (see the report). Only then.
          const e = firstError(a)
          if (e?.name !== 'APIError' || e.message !== 'Invalid JSON') return validationProblem(a)
          if (isJson(text)) return `Payload called JSON invalid: ${short(text)}`
          notJsonRefusals += 1
          return undefined
        },
        success: async (a, before, after) => {
          if (caller !== 'manager' && caller !== 'admin') return `a ${caller} recorded a payment`
          const doc = (a.body as { doc?: { id?: number } }).doc
          if (after.payments !== before.payments + 1 || typeof doc?.id !== 'number') return `one payment row expected, payments ${String(before.payments)} → ${String(after.payments)}`
          const row = await app.payload.findByID({ collection: 'payments', id: doc.id, overrideAccess: true, depth: 0 })
          const by = typeof row.recordedBy === 'object' ? row.recordedBy?.id : row.recordedBy
          if (row.status !== 'succeeded' || row.stripePaymentIntentId || row.stripeRefundId || row.stripeCheckoutSessionId || row.refundOf || by !== actors.ids[caller] || !['cash', 'check', 'transfer'].includes(row.method)) {
            return `a record not stamped by the server: ${short(row)}`
          }
          const m = await money(id)
          const paidDelta = m.depositPaidCents + m.balancePaidCents - moneyBefore.depositPaidCents - moneyBefore.balancePaidCents
          const refundDelta = m.refundedCents - moneyBefore.refundedCents
          const credited = row.kind === 'refund' ? refundDelta === row.amountCents && paidDelta === 0 : paidDelta === row.amountCents && refundDelta === 0
          return credited ? undefined : `recorded ${row.kind} ${String(row.amountCents)}, booking money went ${short(moneyBefore)} → ${short(m)}`
        },
      })
    })
    expectClean(tally, RUNS.record)
    expect(tally.statuses.get(201) ?? 0).toBeGreaterThan(0)
    // Payload's unnamed 400 answered exactly the bodies that were not JSON, and nothing else.
    expect(notJsonRefusals).toBe(notJsonSent)
  }, TIMEOUT_MS)

  it(`POST /api/stripe/webhook: ${String(RUNS.webhook)} junk bodies and signatures; all 400, nothing stored`, async () => {
    const tally = newTally('webhook')
    const session = app.fake.sessions().find((s) => s.metadata.bookingId === String(fx.refund.id))
    if (!session) throw new Error('no session of the paid booking at the fake')
    const event = app.fake.event('checkout.session.completed', session)
    const eventPaths: Path[] = [['id'], ['type'], ['data'], ['data', 'object'], ['data', 'object', 'id'], ['data', 'object', 'metadata', 'bookingId'], ['created'], ['livemode'], ['object']]
    const bodyArb = bodyPlanArb(eventPaths, fc.constantFrom<unknown>('checkout.session.expired', 'evt_x', null, {}, 'cs_test_unknown'), 3).map((plan) => wireText(wireOf(plan, event as unknown as Record<string, unknown>)))
    const now = Math.floor(Date.now() / 1000)
    const printable = fc.string({ unit: fc.constantFrom(...'t=v1,0123456789abcdef ;:-_xyzT'), maxLength: 90 })
    /** A signature for the body actually sent: what is wrong with it is the point. */
    type Sig = (body: string) => string | undefined
    const sigArb: fc.Arbitrary<[string, Sig]> = fc.oneof(
      fc.constant<[string, Sig]>(['none', () => undefined]),
      fc.constant<[string, Sig]>(['empty', () => '']),
      printable.map((s): [string, Sig] => [`junk ${s}`, () => s]),
      fc.constant<[string, Sig]>(['other secret', (body) => signStripeEvent(body, 'whsec_not_the_secret')]),
      fc.constant<[string, Sig]>(['ten minutes old', (body) => signStripeEvent(body, TEST_WEBHOOK_SECRET, now - 600)]),
      fc.constant<[string, Sig]>(['for another body', (body) => signStripeEvent(`${body} `, TEST_WEBHOOK_SECRET)]),
      fc.constant<[string, Sig]>(['v0 only', (body) => signStripeEvent(body, TEST_WEBHOOK_SECRET).replace('v1=', 'v0=')]),
      fc.constant<[string, Sig]>(['no timestamp', (body) => signStripeEvent(body, TEST_WEBHOOK_SECRET).replace(/^t=\d+,/, '')]),
      fc.constant<[string, Sig]>(['timestamp not a number', (body) => signStripeEvent(body, TEST_WEBHOOK_SECRET).replace(/^t=\d+/, 't=abc')]),
      fc.constant<[string, Sig]>(['hex flipped', (body) => signStripeEvent(body, TEST_WEBHOOK_SECRET).replace(/.$/, (c) => (c === '0' ? '1' : '0'))]),
    )
    await fuzz(tally, fc.tuple(bodyArb, sigArb), SEED + 6, RUNS.webhook, async ([body, [sigName, sign]]) => {
      const signature = sign(body)
      const request = () => {
        const headers = new Headers({ 'Content-Type': 'application/json' })
        if (signature !== undefined) headers.set('Stripe-Signature', signature)
        return handleEndpoints({ config: app.config, path: '/api/stripe/webhook', request: new Request('http://localhost:3000/api/stripe/webhook', { method: 'POST', headers, body }) })
      }
      await exercise(
        tally,
        `${sigName}, ${short(body)}`,
        async () => {
          const res = await request()
          const text = await res.text()
          return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : text }
        },
        {
          // 413 only for a body over the endpoint's 256 kB: none is generated, so it is not allowed.
          allowed: [400],
          badRequest: (a) => (firstError(a)?.name === 'WebhookSignatureError' ? undefined : `not a WebhookSignatureError: ${short(a.body)}`),
        },
      )
    })
    expectClean(tally, RUNS.webhook)
    // The property is not vacuous: the same event, signed for real, is taken and stored.
    const before = await world()
    const real = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', session)))
    expect(real.status, JSON.stringify(real.body)).toBe(200)
    expect((await world()).stripeEvents).toBe(before.stripeEvents + 1)
  }, TIMEOUT_MS)

  it(`POST /api/bookings/pay/:token: ${String(RUNS.pay)} tokens nobody was given; all 404, nothing written`, async () => {
    const tally = newTally('pay')
    const urlSafe = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 20, maxLength: 100 })
    const tokenArb = fc.oneof(
      // Of the right shape: only the database can say no.
      { arbitrary: urlSafe.map(encodeURIComponent), weight: 4 },
      // The balance booking's manage token and the return code: credentials of other kinds.
      { arbitrary: fc.constantFrom(fx.balance.token, fx.claim.code), weight: 1 },
      // Any text, escaped as a client would; not only dots (those are path segments, not a token).
      { arbitrary: fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), junkScalar.map((v) => String(v))).filter((s) => s !== '' && !/^\.+$/.test(s) && encodable(s)).map(encodeURIComponent), weight: 3 },
      // Escapes that decode to what no token holds: NUL, a slash, a percent sign. (Malformed escapes
      // such as %E0%A4%A are left to tests/e2e/errors-prod.e2e.spec.ts: Payload's router throws
      // URIError on them, a 500 here, but in the app Next refuses them before Payload sees them.)
      { arbitrary: fc.constantFrom('%00', 'a%2Fb', '%2500', '%20', encodeURIComponent('\uD83D\uDE00')), weight: 1 },
    )
    await fuzz(tally, fc.tuple(tokenArb, bodyPlanArb([['amountCents'], ['token']], moneyJunk, 2)), SEED + 7, RUNS.pay, async ([token, plan]) => {
      const wire = wireOf(plan, {})
      await exercise(tally, `token ${short(token)}, ${short(wireText(wire))}`, () => post(`/bookings/pay/${token}`, wire), { allowed: [404] })
    })
    expectClean(tally, RUNS.pay)
  }, TIMEOUT_MS)

  it('the checks are not vacuous: a refusal that writes, a 5xx and an unnamed 400 are each caught', async () => {
    const tally = newTally('self-check')
    const refusal = (body: unknown): Answer => ({ status: 400, headers: new Headers(), body })
    const named = { errors: [{ name: 'ValidationError', message: 'The following field is invalid: code', data: { errors: [{ path: 'code', message: 'Required' }] } }] }
    await exercise(tally, 'a clean refusal', () => Promise.resolve(refusal(named)), { allowed: [400] })
    expect(tally.problems).toEqual([])
    await exercise(
      tally,
      'a refusal that wrote',
      async () => {
        await rawSql(app, sql`UPDATE bookings SET updated_at = now() + interval '1 second' WHERE id = ${fx.held.id}`)
        return refusal(named)
      },
      { allowed: [400] },
    )
    await exercise(tally, 'a 500', () => Promise.resolve({ status: 500, headers: new Headers(), body: {} }), { allowed: [400] })
    await exercise(tally, 'an unnamed 400', () => Promise.resolve(refusal({ errors: [{ name: 'APIError', message: 'Invalid JSON' }] })), { allowed: [400] })
    expect(tally.problems.map((p) => p.replace(/:.*$/, ''))).toEqual(['400 refused, yet wrote', '500 server error', '400 not a ValidationError'])
  })

  // Once a gap (the database's backstop answered these): validation names `booking` now.
  it('a booking PostgreSQL cannot store (an id past its integer, an id in an array) is a 400 naming booking, not the database backstop', async () => {
    const before = await world()
    const answers = [
      await post('/payments/refund', { json: { booking: INT4_MAX + 1, amountCents: 1, reason: 'Goodwill gesture' } }, actors.headers.manager),
      await post('/payments/refund', { json: { booking: '999999999999', amountCents: 1, reason: 'Goodwill gesture' } }, actors.headers.manager),
      await post('/payments', { json: { booking: INT4_MAX + 1, kind: 'balance', method: 'cash', amountCents: 1 } }, actors.headers.manager),
      await post('/payments', { json: { booking: { id: INT4_MAX + 1 }, kind: 'balance', method: 'cash', amountCents: 1 } }, actors.headers.manager),
      await post('/payments', { json: { booking: [fx.record.id], kind: 'balance', method: 'cash', amountCents: 1 } }, actors.headers.manager),
    ]
    // What holds today too: refused, nothing written.
    expect(changes(before, await world())).toEqual([])
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400])
    // What does not hold yet.
    expect(answers.map((a) => (firstError(a)?.data?.errors ?? []).map((i) => i.path))).toEqual([['booking'], ['booking'], ['booking'], ['booking'], ['booking']])
  })
})
