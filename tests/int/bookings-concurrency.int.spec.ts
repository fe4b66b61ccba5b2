/**
 * Capacity under concurrency, and the database's own last word: 50 simultaneous bookings of one
 * slot with room for 2; raw SQL that tries to overbook, double-book a chef or duplicate a booking
 * behind the app's back (triggers and the unique index in migrations/*_booking_core.ts); and
 * simultaneous requests that race on one chef or on one new customer.
 */
import config from '@payload-config'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  applySettings,
  bookingBody,
  conflictReason,
  createStaff,
  dateAhead,
  runTag,
  staffAuth,
  type DocResponse,
} from '../helpers/bookings-fixtures'
import { restClient, type RestResponse } from '../helpers/rest'
import { lockReport, SET_LOCAL_TIMEOUTS, TIMEOUT_CODES } from '../helpers/sql'

const rest = restClient(config)
/** This file's event dates: 41–44 days ahead (no other booking test file uses them). */
const DAY_OFFSET = 41
/** The day of the 50-request race. */
const DATE = dateAhead(DAY_OFFSET)
/** The day of the raw-SQL checks: two bookings made one after the other fill its 12:00 slot. */
const SQL_DATE = dateAhead(DAY_OFFSET + 1)
/** Days for one new customer's simultaneous requests. */
const TWIN_DATES = [dateAhead(DAY_OFFSET + 2), dateAhead(DAY_OFFSET + 3)] as const
const SLOT = '12:00'
const tag = runTag()

let payload: Payload
/** The two bookings filling SQL_DATE at 12:00. */
const pair: number[] = []

const pool = () => (payload.db as unknown as PostgresAdapter).pool
/** What these tests need of a pg client (@payloadcms/db-postgres ships its own copy of @types/pg). */
interface PoolClient {
  query<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>
}

interface PgError {
  code?: string
  constraint?: string
  message?: string
}

/**
 * Runs `work` in a transaction that is always rolled back; returns the error it raised, if any.
 * Lock waits and statements are bounded (tests/helpers/sql.ts): a wait behind someone else's open
 * transaction (the triggers take a global advisory lock) throws within 10 s, naming who holds
 * what, instead of hanging until the test times out.
 */
async function sqlError(work: (client: PoolClient) => Promise<void>): Promise<PgError | undefined> {
  const client = await pool().connect()
  try {
    await client.query('BEGIN')
    try {
      for (const statement of SET_LOCAL_TIMEOUTS) await client.query(statement)
      await work(client)
      return undefined
    } catch (err) {
      const pgErr = err as PgError
      if (pgErr.code && TIMEOUT_CODES.has(pgErr.code)) {
        throw new Error(`raw SQL gave up waiting (${pgErr.code}: ${pgErr.message ?? ''}); locks in this database:\n${await lockReport(pool())}`)
      }
      return pgErr
    } finally {
      await client.query('ROLLBACK')
    }
  } finally {
    client.release()
  }
}

/** INSERT … SELECT copying booking `id`, with some columns replaced by SQL expressions. */
async function copyBooking(client: PoolClient, id: number, replace: Record<string, string>, params: unknown[]): Promise<void> {
  const cols = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'bookings' AND column_name <> 'id' ORDER BY ordinal_position`,
  )
  const names = cols.rows.map((r) => r.column_name)
  const target = names.map((n) => `"${n}"`).join(', ')
  const source = names.map((n) => replace[n] ?? `"${n}"`).join(', ')
  await client.query(`INSERT INTO bookings (${target}) SELECT ${source} FROM bookings WHERE id = $1`, [id, ...params])
}

/** A pending copy of booking `id` for `email`, six hours later the same day (no capacity overlap). */
function pendingCopySixHoursLater(client: PoolClient, id: number, email: string): Promise<void> {
  const shifted = `+ interval '6 hours'`
  return copyBooking(
    client,
    id,
    {
      contact_email: '$2::varchar',
      status: `'pending'::enum_bookings_status`,
      starts_at: `starts_at ${shifted}`,
      ends_at: `ends_at ${shifted}`,
      blocked_from: `blocked_from ${shifted}`,
      blocked_until: `blocked_until ${shifted}`,
    },
    [email],
  )
}

/** Each response in a line: 'created' or its error body. */
function outcome(results: RestResponse<DocResponse>[]): string {
  return results.map((r) => (r.status === 201 ? `${r.status} created` : `${r.status} ${JSON.stringify(r.body)}`)).join('\n')
}

async function activeAtSlot(date: string): Promise<number> {
  const res = await payload.count({
    collection: 'bookings',
    where: { and: [{ eventDate: { equals: date } }, { startTime: { equals: SLOT } }, { status: { in: ['pending', 'confirmed'] } }] },
    overrideAccess: true,
  })
  return res.totalDocs
}

beforeAll(async () => {
  payload = await getPayload({ config })
  await applySettings(payload, { chefCount: 2, guestsPerChef: 15 })
  // One after the other, so these do not depend on the race below; they also warm the booking
  // path up (module loading, first queries), so the race measures the rules, not a cold start.
  for (const n of [1, 2]) {
    const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(SQL_DATE, `pair-${n}-${tag}@example.test`, { startTime: SLOT }) })
    if (res.status !== 201) throw new Error(`fixture booking ${n} failed with ${res.status}`)
    pair.push(res.body.doc.id)
  }
})

describe('booking capacity under concurrency', () => {
  it('takes exactly 2 of 50 simultaneous bookings for a slot with 2 chefs and refuses the rest with 409 slot_full', async () => {
    expect(await activeAtSlot(DATE)).toBe(0)
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rest<DocResponse>('POST', '/bookings', {
          body: bookingBody(DATE, `race-${tag}-${i}@example.test`, { startTime: SLOT, guests: { adults: 2 + (i % 5), children: i % 3 } }),
        }),
      ),
    )
    const created = results.filter((r) => r.status === 201)
    const conflicts = results.filter((r) => r.status === 409)
    const histogram = JSON.stringify(results.reduce<Record<number, number>>((h, r) => ({ ...h, [r.status]: (h[r.status] ?? 0) + 1 }), {}))
    // Soft, so that one run reports every count, the 5xx messages and the database state together.
    expect.soft(results.filter((r) => r.status >= 500).map((r) => JSON.stringify(r.body).slice(0, 200)), histogram).toEqual([])
    expect.soft(created, histogram).toHaveLength(2)
    expect.soft(conflicts, histogram).toHaveLength(48)
    expect.soft(new Set(conflicts.map(conflictReason))).toEqual(new Set(['slot_full']))
    for (const r of created) expect.soft(r.body.doc.status).toBe('pending')

    expect.soft(await activeAtSlot(DATE)).toBe(2)
    const { rows } = await pool().query<{ n: string }>(
      `SELECT count(*) AS n FROM bookings WHERE event_date = $1 AND status IN ('pending', 'confirmed')`,
      [DATE],
    )
    expect(Number(rows[0]?.n)).toBe(2)
  })
})

describe('the database refuses what the app would refuse', () => {
  it('rejects a raw INSERT that overbooks the slot with SQLSTATE MH409', async () => {
    const [first] = pair
    expect(first).toBeDefined()
    const err = await sqlError((c) =>
      copyBooking(c, first ?? 0, { contact_email: '$2::varchar', status: `'pending'::enum_bookings_status` }, [`raw-${tag}@example.test`]),
    )
    expect(err?.code).toBe('MH409')
    expect(await activeAtSlot(SQL_DATE)).toBe(2)
  })

  it('accepts the same raw INSERT when it does not overlap, so MH409 above is about capacity', async () => {
    const [first] = pair
    const err = await sqlError((c) => pendingCopySixHoursLater(c, first ?? 0, `raw-late-${tag}@example.test`))
    expect(err).toBeUndefined()
  })

  it('rejects a raw bookings_rels row putting one chef on two overlapping bookings with SQLSTATE MH410', async () => {
    const chef = await createStaff(payload, `chef-${tag}@myhibachi.test`, 'chef')
    const [a, b] = pair
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    let firstAccepted = false
    const err = await sqlError(async (c) => {
      await c.query(`INSERT INTO bookings_rels ("order", parent_id, path, users_id) VALUES (1, $1, 'assignedChefs', $2)`, [a, chef])
      firstAccepted = true
      await c.query(`INSERT INTO bookings_rels ("order", parent_id, path, users_id) VALUES (1, $1, 'assignedChefs', $2)`, [b, chef])
    })
    expect(firstAccepted).toBe(true)
    expect(err?.code).toBe('MH410')
  })

  it('rejects a raw duplicate (same email in another case, same date, not cancelled) on bookings_one_per_email_per_date', async () => {
    const [first] = pair
    const { rows } = await pool().query<{ contact_email: string }>('SELECT contact_email FROM bookings WHERE id = $1', [first])
    const email = rows[0]?.contact_email ?? ''
    expect(email).toMatch(/@example\.test$/)
    // Six hours later the same day: no capacity conflict, so only the unique index can refuse it.
    const err = await sqlError((c) => pendingCopySixHoursLater(c, first ?? 0, email.toUpperCase()))
    expect(err?.code).toBe('23505')
    expect(err?.constraint).toBe('bookings_one_per_email_per_date')
  })
})

describe('chef assignment under concurrency', () => {
  it('assigns one chef to only one of two overlapping bookings patched at the same time: one 200, one 409 chef_unavailable, no 5xx', async () => {
    const chef = await createStaff(payload, `racing-chef-${tag}@myhibachi.test`, 'chef')
    await createStaff(payload, `admin-${tag}@myhibachi.test`, 'admin')
    const auth = await staffAuth(rest, `admin-${tag}@myhibachi.test`)
    const [a, b] = pair
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    const results = await Promise.all(
      [a, b].map((id) => rest<DocResponse>('PATCH', `/bookings/${id ?? 0}`, { body: { assignedChefs: [chef] }, headers: auth })),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 409])
    const conflict = results.find((r) => r.status === 409)
    expect(conflict && conflictReason(conflict)).toBe('chef_unavailable')

    const { rows } = await pool().query<{ n: string }>(
      `SELECT count(*) AS n FROM bookings_rels WHERE path = 'assignedChefs' AND users_id = $1`,
      [chef],
    )
    expect(Number(rows[0]?.n)).toBe(1)
  })
})

describe('one new customer booking twice at the same time', () => {
  it('a double submit (same email, other case, same date) gives one 201 and one 409 duplicate_booking, no 5xx', async () => {
    const [day] = TWIN_DATES
    const address = `double-${tag}@example.test`
    const results = await Promise.all([
      rest<DocResponse>('POST', '/bookings', { body: bookingBody(day, address, { startTime: '12:00' }) }),
      rest<DocResponse>('POST', '/bookings', { body: bookingBody(day, address.toUpperCase(), { startTime: '18:00' }) }),
    ])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses, outcome(results)).toEqual([201, 409])
    const conflict = results.find((r) => r.status === 409)
    expect(conflict && conflictReason(conflict)).toBe('duplicate_booking')
  })

  it('two bookings by one new email on different days at the same time both succeed and share one customer', async () => {
    const address = `twin-${tag}@example.test`
    const results = await Promise.all(TWIN_DATES.map((day) => rest<DocResponse>('POST', '/bookings', { body: bookingBody(day, address, { startTime: '15:00' }) })))
    expect(
      results.map((r) => r.status),
      outcome(results),
    ).toEqual([201, 201])
    const customers = await payload.find({ collection: 'customers', where: { email: { equals: address } }, overrideAccess: true })
    expect(customers.totalDocs).toBe(1)
    const bookings = await payload.find({ collection: 'bookings', where: { 'contact.email': { equals: address } }, overrideAccess: true, depth: 0 })
    expect(bookings.docs.map((b) => b.customer)).toEqual([customers.docs[0]?.id, customers.docs[0]?.id])
  })
})

/**
 * Runs `steps` in a transaction of its own with a short lock wait, always rolled back: resolves
 * with the SQLSTATE it failed with (undefined when it went through) and how long it took.
 */
async function timedTransaction(lockTimeoutMs: number, steps: (client: PoolClient) => Promise<void>): Promise<{ code: string | undefined; ms: number }> {
  const client = await pool().connect()
  const t0 = Date.now()
  try {
    await client.query('BEGIN')
    await client.query(`SET LOCAL lock_timeout = ${lockTimeoutMs}`)
    await client.query(`SET LOCAL statement_timeout = 10000`)
    try {
      await steps(client)
      return { code: undefined, ms: Date.now() - t0 }
    } catch (err) {
      return { code: (err as PgError).code ?? 'unknown', ms: Date.now() - t0 }
    } finally {
      await client.query('ROLLBACK')
    }
  } finally {
    client.release()
  }
}

describe('booking writes lock their own dates, not the whole business', () => {
  it('while one write holds its date: another date goes through at once, the same date waits, a phone edit does not wait, and a chef-count change waits', async () => {
    const [a, b] = pair
    expect(a).toBeDefined()
    expect(b).toBeDefined()
    // The holder: a write to booking `a` (SQL_DATE), left open.
    const holder = await pool().connect()
    try {
      await holder.query('BEGIN')
      for (const statement of SET_LOCAL_TIMEOUTS) await holder.query(statement)
      await holder.query(`UPDATE bookings SET status = status WHERE id = $1`, [a])

      // A booking 30 days later: no shared date, no wait.
      const elsewhere = await timedTransaction(2_000, (c) =>
        copyBooking(
          c,
          a ?? 0,
          {
            contact_email: '$2::varchar',
            status: `'pending'::enum_bookings_status`,
            event_date: `to_char((event_date::date + 30), 'YYYY-MM-DD')`,
            starts_at: `starts_at + interval '30 days'`,
            ends_at: `ends_at + interval '30 days'`,
            blocked_from: `blocked_from + interval '30 days'`,
            blocked_until: `blocked_until + interval '30 days'`,
          },
          [`elsewhere-${tag}@example.test`],
        ),
      )
      expect(elsewhere.code).toBeUndefined()
      expect(elsewhere.ms).toBeLessThan(1_500)

      // The same date: waits for the holder (and gives up after 500 ms here).
      const sameDate = await timedTransaction(500, (c) => c.query(`UPDATE bookings SET status = status WHERE id = $1`, [b]).then(() => undefined))
      expect(sameDate.code).toBe('55P03')

      // A phone edit on the same date fires no capacity check, so it does not wait.
      const phone = await timedTransaction(2_000, (c) => c.query(`UPDATE bookings SET contact_phone = contact_phone WHERE id = $1`, [b]).then(() => undefined))
      expect(phone.code).toBeUndefined()

      // Changing the chef count waits for the booking writes in flight.
      const settings = await timedTransaction(500, (c) => c.query(`UPDATE business_settings SET chef_count = chef_count + 1`).then(() => undefined))
      expect(settings.code).toBe('55P03')
    } finally {
      await holder.query('ROLLBACK')
      holder.release()
    }
  })

  it('an active booking without its blocked range is refused by the database', async () => {
    const [a] = pair
    const err = await sqlError((c) => c.query(`UPDATE bookings SET blocked_from = NULL, blocked_until = NULL WHERE id = $1`, [a]).then(() => undefined))
    expect(err?.constraint).toBe('bookings_active_has_range')
  })
})
