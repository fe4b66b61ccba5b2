/**
 * Property: no request body or query makes the public API answer 5xx, and a refused request
 * writes nothing. Thousands of generated requests per run (fast-check, FIXED seed, so a failure
 * replays exactly): mutations of valid quote and booking bodies (tests/helpers/fuzz-bodies.ts)
 * against POST /api/quote and POST /api/bookings, and junk availability queries against
 * GET /api/availability, through the in-process REST client. That client calls Payload's
 * handleEndpoints directly, so the server's rate limits (src/server.ts) are not in the way.
 * Every 400 must be Payload's ValidationError naming fields (each once in the message), and
 * never the database backstop (validation must catch bad values first). Rows written must
 * equal the 201s answered. Runs sequentially: a 2-core machine shared with other test runs.
 */
import config from '@payload-config'
import fc from 'fast-check'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { applySettings, dateAhead, runTag, type PayloadErrorBody } from '../helpers/bookings-fixtures'
import { bodyPlanArb, buildBody, queryPlanArb, queryString, type BaseValues } from '../helpers/fuzz-bodies'
import { restClient, type RestResponse } from '../helpers/rest'

const rest = restClient(config)
const SEED = 20_261_201
const RUNS = { quote: 2000, booking: 1000, availability: 500 }
/**
 * Generous per-test bound. Measured for the whole file on this 2-core machine: about 25 s of tests
 * (40 s with start-up and migrations) when quiet, 100 s under a load average of 12.
 */
const TIMEOUT_MS = 240_000
const tag = runTag()

let payload: Payload
let values: BaseValues

interface Tally {
  statuses: Map<number, number>
  serverErrors: { status: number; request: string; response: string }[]
  malformedRefusals: { request: string; response: string }[]
  createdEmails: Set<string>
}

function newTally(): Tally {
  return { statuses: new Map(), serverErrors: [], malformedRefusals: [], createdEmails: new Set() }
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))
  return s.length > 400 ? `${s.slice(0, 400)}…` : s
}

/** What a 400 must look like: a ValidationError naming fields, each once in the message. */
function malformedRefusal(res: RestResponse<unknown>): boolean {
  const e = (res.body as PayloadErrorBody | undefined)?.errors?.[0]
  if (e?.name !== 'ValidationError') return true
  const issues = e.data?.errors ?? []
  if (issues.length === 0 || issues.some((i) => typeof i.path !== 'string' || i.path === '' || typeof i.message !== 'string')) return true
  // The database backstop (src/http/errors.ts): a value validation should have named.
  if (issues.some((i) => i.path === 'body' && /cannot be stored/.test(i.message))) return true
  const listed = e.message.replace(/^The following fields? (is|are) invalid: /, '').split(', ')
  return listed.length !== new Set(listed).size
}

function record(tally: Tally, request: unknown, res: RestResponse<unknown>): void {
  tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1)
  if (res.status >= 500) tally.serverErrors.push({ status: res.status, request: short(request), response: short(res.body) })
  else if (res.status === 400 && malformedRefusal(res)) tally.malformedRefusals.push({ request: short(request), response: short(res.body) })
}

async function rows(): Promise<{ bookings: number; customers: number }> {
  const [bookings, customers] = await Promise.all([
    payload.count({ collection: 'bookings', overrideAccess: true }),
    payload.count({ collection: 'customers', overrideAccess: true }),
  ])
  return { bookings: bookings.totalDocs, customers: customers.totalDocs }
}

function summary(name: string, tally: Tally, ms: number): string {
  const statuses = [...tally.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${String(s)}×${String(n)}`)
  return `fuzz ${name}: ${statuses.join(' ')} in ${(ms / 1000).toFixed(1)} s\n`
}

function expectClean(tally: Tally): void {
  expect(tally.serverErrors.slice(0, 5)).toEqual([])
  expect(tally.serverErrors.length).toBe(0)
  expect(tally.malformedRefusals.slice(0, 5)).toEqual([])
}

beforeAll(async () => {
  payload = await getPayload({ config })
  // Enough chefs that valid fuzz bodies are booked rather than refused as full.
  await applySettings(payload, { chefCount: 40 })
  const item = await payload.create({
    collection: 'menu-items',
    data: { name: `Fuzz Lobster ${tag}`, category: 'upgrade', priceCents: 1800, pricing: 'per_guest', active: true },
    overrideAccess: true,
  })
  let n = 0
  values = {
    dateAhead,
    menuItemId: item.id,
    email: () => {
      n += 1
      return `fuzz-${String(n)}-${tag}@example.test`
    },
  }
})

describe('fuzzing the public API (fixed seed)', () => {
  it(`POST /api/quote: ${String(RUNS.quote)} mutated bodies, no 5xx, nothing written`, async () => {
    const tally = newTally()
    const before = await rows()
    const started = performance.now()
    await fc.assert(
      fc.asyncProperty(bodyPlanArb, async (plan) => {
        const body = buildBody(plan, 'quote', values)
        record(tally, body, await rest('POST', '/quote', { body }))
      }),
      { seed: SEED, numRuns: RUNS.quote, endOnFailure: true },
    )
    process.stdout.write(summary('quote', tally, performance.now() - started))
    expectClean(tally)
    expect(await rows()).toEqual(before)
  }, TIMEOUT_MS)

  it(`POST /api/bookings: ${String(RUNS.booking)} mutated bodies, no 5xx, rows written only for 201s`, async () => {
    const tally = newTally()
    const before = await rows()
    const started = performance.now()
    let keyed = 0
    await fc.assert(
      fc.asyncProperty(bodyPlanArb, fc.boolean(), async (plan, withKey) => {
        const body = buildBody(plan, 'booking', values)
        // Half the requests carry an Idempotency-Key: the key path fingerprints the raw body.
        const headers = withKey ? { 'Idempotency-Key': `fuzz-${tag}-${String((keyed += 1))}` } : undefined
        const res = await rest<{ doc?: { contact?: { email?: string } } }>('POST', '/bookings', { body, headers })
        record(tally, body, res)
        if (res.status === 201) tally.createdEmails.add(res.body.doc?.contact?.email ?? '')
      }),
      { seed: SEED + 1, numRuns: RUNS.booking, endOnFailure: true },
    )
    process.stdout.write(summary('bookings', tally, performance.now() - started))
    expectClean(tally)
    const after = await rows()
    const created = tally.statuses.get(201) ?? 0
    expect(after.bookings - before.bookings).toBe(created)
    // Each valid body has its own new email, so each booking made exactly one new customer.
    expect(tally.createdEmails.size).toBe(created)
    expect(after.customers - before.customers).toBe(created)
    // Each booking purges its day's availability once more 750 ms later: let that run while
    // Redis is still open (the file's teardown closes it).
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }, TIMEOUT_MS)

  it(`GET /api/availability: ${String(RUNS.availability)} junk queries, no 5xx`, async () => {
    const tally = newTally()
    const started = performance.now()
    await fc.assert(
      fc.asyncProperty(queryPlanArb(dateAhead), async (plan) => {
        const qs = queryString(plan)
        record(tally, qs, await rest('GET', `/availability?${qs}`))
      }),
      { seed: SEED + 2, numRuns: RUNS.availability, endOnFailure: true },
    )
    process.stdout.write(summary('availability', tally, performance.now() - started))
    expectClean(tally)
  }, TIMEOUT_MS)
})
