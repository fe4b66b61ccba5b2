/**
 * The back-office dashboard and the booking's Activity panel against real Postgres (and Redis when
 * REDIS_URL is set), through Payload's real REST handlers:
 * - GET /api/dashboard: anonymous 401, a customer, a chef and an editor 403, managers and admins 200;
 * - its figures equal what SQL straight on the tables says (counts, cents, business-month revenue);
 * - the figures are cached (a change behind Payload's back does not show, and the cache is hit) and
 *   purged after the commit of a booking, a payment and a message change made through Payload;
 * - POST /api/quote counts one quote on its business day and keeps nothing else;
 * - the Activity panel's history names the manager who changed the party, the cash deposit and who
 *   recorded it; a chef gets no history.
 * Booking days of this file: dateAhead(4..5), 17:00 to 19:30.
 */
import { getPayload, type Payload, type SanitizedConfig, type TypedUser } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applySettings, bookingBody, createStaff, dateAhead, PASSWORD, runTag, staffAuth, TZ, type DocResponse } from '../helpers/bookings-fixtures'
import { restClient } from '../helpers/rest'
import { rawClientConfig } from '../helpers/sql'
import type { DashboardFigures } from '../../src/domain/dashboard'

type Role = 'admin' | 'manager' | 'chef' | 'editor'
type Caller = Role | 'customer' | 'anonymous'

const RUN = runTag()
let payload: Payload
let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>
let db: pg.Client
const headers = {} as Record<Caller, Record<string, string>>
const ids = {} as Record<Role, number>

beforeAll(async () => {
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  await applySettings(payload)
  db = new pg.Client(rawClientConfig())
  await db.connect()
  headers.anonymous = {}
  for (const role of ['admin', 'manager', 'chef', 'editor'] as const) {
    const address = `dash-${role}-${RUN}@myhibachi.test`
    ids[role] = await createStaff(payload, address, role)
    await payload.update({ collection: 'users', id: ids[role], data: { name: `Dash ${role}` }, overrideAccess: true })
    headers[role] = await staffAuth(rest, address)
  }
  const customer = await payload.create({ collection: 'customers', data: { email: `dash-customer-${RUN}@example.com`, name: 'Casey Dash', phone: '(212) 555-0142', password: PASSWORD, _verified: true }, overrideAccess: true, disableVerificationEmail: true })
  const login = await rest<{ token?: string }>('POST', '/customers/login', { body: { email: customer.email, password: PASSWORD } })
  if (typeof login.body.token !== 'string') throw new Error(`customer login: HTTP ${login.status}`)
  headers.customer = { Authorization: `JWT ${login.body.token}` }
})

afterAll(async () => {
  await db?.end()
})

async function figures(as: Caller = 'manager'): Promise<DashboardFigures> {
  const res = await rest<{ figures: DashboardFigures }>('GET', '/dashboard', { headers: headers[as] })
  expect(res.status).toBe(200)
  return res.body.figures
}

/** A storefront booking on `day` at the first of a few late slots that is free; its id. */
async function book(day: number, adults = 10): Promise<number> {
  for (const startTime of ['17:00', '17:30', '18:00', '18:30', '19:00', '19:30']) {
    const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), `dash-guest-${RUN}-${day}-${startTime.replace(':', '')}@example.com`, { startTime, guests: { adults, children: 0 } }) })
    if (res.status === 201) return res.body.doc.id
    if (res.status !== 409) throw new Error(`booking: HTTP ${res.status} ${JSON.stringify(res.body)}`)
  }
  throw new Error(`no free evening slot on day ${day}`)
}

async function one<T>(text: string, values: unknown[] = []): Promise<T> {
  const res = await db.query(text, values)
  return res.rows[0] as T
}

async function cacheHits(): Promise<number> {
  const { cacheStats } = await import('../../src/infra/cache')
  return (await cacheStats('dashboard')).hits
}

async function staffUser(role: Role): Promise<TypedUser> {
  const doc = await payload.findByID({ collection: 'users', id: ids[role], overrideAccess: true, depth: 0 })
  return { ...doc, collection: 'users' } as TypedUser
}

describe('who gets the dashboard figures', () => {
  const refused: Record<Exclude<Caller, 'manager' | 'admin'>, number> = { anonymous: 401, customer: 403, chef: 403, editor: 403 }

  for (const [caller, status] of Object.entries(refused)) {
    it(`refuses ${caller} with ${status} and no figures`, async () => {
      const res = await rest<Record<string, unknown>>('GET', '/dashboard', { headers: headers[caller as Caller] })
      expect(res.status).toBe(status)
      expect(res.body).not.toHaveProperty('figures')
      expect(JSON.stringify(res.body)).not.toMatch(/Cents|revenue/)
    })
  }

  for (const caller of ['manager', 'admin'] as const) {
    it(`answers ${caller} with the figures, never to be stored by a browser or proxy`, async () => {
      const res = await rest<{ figures: DashboardFigures }>('GET', '/dashboard', { headers: headers[caller] })
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(res.body.figures.timeZone).toBe(TZ)
      expect(res.body.figures.revenue.thisMonth.month).toMatch(/^\d{4}-\d{2}-01$/)
    })
  }

  it('keeps who saved a booking from chefs and customers, and nobody can set it', async () => {
    const id = await book(5, 4)
    await payload.update({ collection: 'bookings', id, data: { assignedChefs: [ids.chef] }, overrideAccess: true })
    const asChef = await rest<Record<string, unknown>>('GET', `/bookings/${id}`, { headers: headers.chef })
    expect(asChef.status).toBe(200)
    expect(asChef.body).not.toHaveProperty('changedBy')
    const forged = await rest<DocResponse>('PATCH', `/bookings/${id}`, { headers: headers.manager, body: { changedBy: ids.admin, specialRequests: 'Window seats' } })
    expect(forged.status).toBe(200)
    const stored = await one<{ changed_by_id: number | null }>('SELECT changed_by_id FROM bookings WHERE id = $1', [id])
    expect(stored.changed_by_id).toBe(ids.manager)
  })
})

describe('the figures', () => {
  // The payment state as src/domain/paymentState.ts decides it, in SQL: other files of this worker's
  // database change bookings with raw SQL (status 'expired', paid amounts) and leave the stored
  // column behind, which no save through Payload does.
  const LIVE = `status IN ('pending', 'confirmed', 'completed') AND pricing_total_cents > 0 AND payment_deposit_paid_cents + COALESCE(payment_balance_paid_cents, 0) < pricing_total_cents`
  const PAID = `(payment_deposit_paid_cents + COALESCE(payment_balance_paid_cents, 0))`
  it('are what SQL on the tables says', async () => {
    await book(4)
    const f = await figures()
    const today = dateAhead(0)
    const week = await one<{ n: string }>(`SELECT count(*) AS n FROM bookings WHERE event_date BETWEEN $1 AND $2 AND status IN ('pending', 'confirmed', 'completed')`, [today, dateAhead(6)])
    expect(f.week.events.length).toBe(Number(week.n))
    expect(f.week.events.length).toBeGreaterThan(0)
    const byStatus = await db.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM bookings GROUP BY status')
    for (const row of byStatus.rows) expect(f.bookingsByStatus[row.status as keyof DashboardFigures['bookingsByStatus']]).toBe(Number(row.n))
    const deposits = await one<{ n: string; cents: string | null }>(`
      SELECT count(*) AS n, sum(GREATEST(LEAST(pricing_deposit_cents, pricing_total_cents) - payment_deposit_paid_cents - COALESCE(payment_balance_paid_cents, 0), 0)) AS cents
      FROM bookings WHERE payment_state IN ('deposit_unpaid', 'balance_due') AND ${LIVE} AND ${PAID} < pricing_deposit_cents AND status <> 'completed'`)
    expect(f.depositsUnpaid).toEqual({ count: Number(deposits.n), cents: Number(deposits.cents ?? 0) })
    expect(f.depositsUnpaid.count).toBeGreaterThan(0)
    const balances = await one<{ n: string; cents: string | null }>(`
      SELECT count(*) AS n, sum(GREATEST(pricing_total_cents - payment_deposit_paid_cents - COALESCE(payment_balance_paid_cents, 0), 0)) AS cents
      FROM bookings WHERE payment_state IN ('deposit_unpaid', 'balance_due') AND ${LIVE} AND NOT (${PAID} < pricing_deposit_cents AND status <> 'completed')`)
    expect(f.balancesDue).toEqual({ count: Number(balances.n), cents: Number(balances.cents ?? 0) })
    const unanswered = await one<{ n: string }>(`SELECT count(*) AS n FROM threads WHERE state = 'open' AND last_direction = 'inbound'`)
    expect(f.unansweredThreads).toBe(Number(unanswered.n))
  })

  it('count revenue by business month with refunds taken off, and quotes against storefront bookings', async () => {
    const f = await figures()
    const revenue = await one<{ this_month: string; last_month: string }>(
      `WITH m AS (SELECT (date_trunc('month', now() AT TIME ZONE $1) AT TIME ZONE $1) AS this_start,
                         ((date_trunc('month', now() AT TIME ZONE $1) - interval '1 month') AT TIME ZONE $1) AS last_start,
                         ((date_trunc('month', now() AT TIME ZONE $1) + interval '1 month') AT TIME ZONE $1) AS next_start)
       SELECT
         COALESCE(sum(CASE WHEN at >= this_start AND at < next_start THEN signed END), 0) AS this_month,
         COALESCE(sum(CASE WHEN at >= last_start AND at < this_start THEN signed END), 0) AS last_month
       FROM m, (SELECT COALESCE(occurred_at, created_at) AS at, CASE WHEN kind = 'refund' THEN -amount_cents ELSE amount_cents END AS signed
                FROM payments WHERE status = 'succeeded') p`,
      [TZ],
    )
    expect(f.revenue.thisMonth.netCents).toBe(Number(revenue.this_month))
    expect(f.revenue.lastMonth.netCents).toBe(Number(revenue.last_month))
    // From the first day quotes were counted (this file's own quote, today), at most 30 days back.
    const since = await one<{ day: string | null }>(`SELECT CASE WHEN min(day) IS NULL THEN NULL ELSE to_char(GREATEST(min(day), $1::date), 'YYYY-MM-DD') END AS day FROM quote_counts`, [dateAhead(-29)])
    const first = since.day ?? dateAhead(0)
    expect(f.conversion.first).toBe(first)
    const quotes = await one<{ n: string | null }>(`SELECT sum(count) AS n FROM quote_counts WHERE day BETWEEN $1::date AND $2::date`, [first, dateAhead(0)])
    expect(f.conversion.quotes).toBe(Number(quotes.n ?? 0))
    const storefront = await one<{ n: string }>(`SELECT count(*) AS n FROM bookings WHERE source = 'web' AND created_at >= ($1::date::timestamp AT TIME ZONE $2)`, [first, TZ])
    expect(f.conversion.bookings).toBe(Number(storefront.n))
  })

  it('counts a storefront quote on its business day, and keeps nothing but the count', async () => {
    const before = await one<{ count: number | null }>('SELECT (SELECT count FROM quote_counts WHERE day = $1::date) AS count', [dateAhead(0)])
    const quote = await rest('POST', '/quote', { body: { eventDate: dateAhead(4), startTime: '17:00', guests: { adults: 6, children: 0 }, address: { street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' } } })
    expect(quote.status).toBe(200)
    const after = await one<{ count: number }>('SELECT count FROM quote_counts WHERE day = $1::date', [dateAhead(0)])
    expect(after.count).toBe((before.count ?? 0) + 1)
    const refused = await rest('POST', '/quote', { body: { eventDate: 'soon', guests: { adults: 6 } } })
    expect(refused.status).toBe(400)
    expect((await one<{ count: number }>('SELECT count FROM quote_counts WHERE day = $1::date', [dateAhead(0)])).count).toBe(after.count)
    const columns = await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'quote_counts' ORDER BY column_name`)
    expect(columns.rows.map((r) => r.column_name)).toEqual(['count', 'day'])
  })
})

describe('caching and purging', () => {
  it('serves cached figures until a booking, a payment or a message changes through Payload, then moves', async () => {
    const bookingId = await book(4, 10)
    const first = await figures()
    const event = first.week.events.find((e) => e.id === bookingId)
    expect(event?.guests).toBe(10)

    // Behind Payload's back (no hooks): the cache keeps serving what it had, and says it was hit.
    const hits = await cacheHits()
    await db.query(`INSERT INTO quote_counts (day, count) VALUES ($1::date, 5) ON CONFLICT (day) DO UPDATE SET count = quote_counts.count + 5`, [dateAhead(0)])
    const cachedAgain = await figures()
    expect(cachedAgain.conversion.quotes).toBe(first.conversion.quotes)
    expect(await cacheHits()).toBeGreaterThan(hits)

    // A manager changes the party: the purge after the commit makes the next read fresh.
    const changed = await rest<DocResponse>('PATCH', `/bookings/${bookingId}`, { headers: headers.manager, body: { guests: { adults: 12, children: 0 } } })
    expect(changed.status).toBe(200)
    const afterBooking = await figures()
    expect(afterBooking.week.events.find((e) => e.id === bookingId)?.guests).toBe(12)
    expect(afterBooking.conversion.quotes).toBe(first.conversion.quotes + 5)

    // A cash deposit recorded by the manager: one deposit fewer unpaid, this month's revenue up by it.
    const booking = await payload.findByID({ collection: 'bookings', id: bookingId, overrideAccess: true, depth: 0 })
    const deposit = booking.pricing?.depositCents ?? 0
    expect(deposit).toBeGreaterThan(0)
    const paid = await rest('POST', '/payments', { headers: headers.manager, body: { booking: bookingId, kind: 'deposit', method: 'cash', amountCents: deposit, note: 'Cash at the office' } })
    expect(paid.status).toBe(201)
    const afterPayment = await figures()
    expect(afterPayment.depositsUnpaid.count).toBe(afterBooking.depositsUnpaid.count - 1)
    expect(afterPayment.revenue.thisMonth.netCents).toBe(afterBooking.revenue.thisMonth.netCents + deposit)
    expect(afterPayment.week.events.find((e) => e.id === bookingId)?.paymentState).toBe('balance_due')

    // A customer writes in: one more unanswered thread.
    const { recordInbound } = await import('../../src/collections/Messages/store')
    const { createLocalReq } = await import('payload')
    const customerId = Number(booking.customer && typeof booking.customer === 'object' ? booking.customer.id : booking.customer)
    await recordInbound(await createLocalReq({}, payload), { channel: 'email', owner: { customerId }, from: 'guest@example.com', subject: 'Parking?', body: 'Where do we park?' })
    const afterMessage = await figures()
    expect(afterMessage.unansweredThreads).toBe(afterPayment.unansweredThreads + 1)
  })
})

describe('the booking’s activity', () => {
  it('says which manager changed the party and who recorded the cash deposit; a chef gets none', async () => {
    const bookingId = await book(5, 10)
    expect((await rest('PATCH', `/bookings/${bookingId}`, { headers: headers.manager, body: { guests: { adults: 12, children: 0 } } })).status).toBe(200)
    const booking = await payload.findByID({ collection: 'bookings', id: bookingId, overrideAccess: true, depth: 0 })
    const paid = await rest('POST', '/payments', { headers: headers.manager, body: { booking: bookingId, kind: 'deposit', method: 'cash', amountCents: booking.pricing?.depositCents, note: 'Cash' } })
    expect(paid.status).toBe(201)

    const { loadActivity } = await import('../../src/collections/Bookings/activityQuery')
    const { bookingActivity, moneyText } = await import('../../src/domain/bookingActivity')
    const sources = await loadActivity(payload, await staffUser('manager'), bookingId)
    expect(sources).not.toBeNull()
    const lines = bookingActivity(sources ?? { versions: [], payments: [], messages: [] }, TZ).map((l) => l.text)
    expect(lines.some((l) => l.startsWith('Dash manager (manager) changed the party from 10 to 12 adults'))).toBe(true)
    expect(lines).toContain(`Deposit ${moneyText(booking.pricing?.depositCents ?? 0)} paid in cash, recorded by Dash manager (manager)`)
    expect(lines.at(-1)).toMatch(/^The customer or the system made the booking for .* 10 adults \(pending, deposit unpaid\)$/)

    expect(await loadActivity(payload, await staffUser('chef'), bookingId)).toBeNull()
    const versionsAsChef = await rest('GET', `/bookings/versions?where[parent][equals]=${bookingId}`, { headers: headers.chef })
    expect(versionsAsChef.status).toBe(403)
  })
})
