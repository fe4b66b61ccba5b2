/**
 * The back-office dashboard in Chromium against the production build: the owner signs in and
 * lands on it; its figures (bookings by status, deposits unpaid and balances due in cents, this
 * and last month's revenue, unanswered threads, the week's events) equal what SQL straight on this
 * run's database says; axe finds no serious or critical violation in it; a booking's page shows
 * its Activity. Leaves a screenshot at test-results/…/backoffice-dashboard.png (docs/ has a copy).
 * Books on dateAhead(5..6), evening slots.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import pg from 'pg'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { OWNER, staffToken } from './support'

const TZ = DEFAULT_SETTINGS.timezone
const dateAhead = (days: number) => addDaysToDate(todayInZone(new Date(), TZ), days)

test('staff land on the dashboard, whose figures are the database’s, with no serious axe violations', async ({ page, request }, testInfo) => {
  test.skip(!process.env.DATABASE_URI, 'needs the database of the server under test to check the figures')
  await staffToken(request)
  // One booking in the week ahead, so the table has a row whatever ran before.
  let bookingId: number | undefined
  for (const [day, startTime] of [5, 6].flatMap((d) => ['18:00', '18:30', '19:00'].map((t) => [d, t] as const))) {
    const res = await request.post('/api/bookings', {
      data: {
        eventDate: dateAhead(day),
        startTime,
        guests: { adults: 9, children: 1 },
        address: { street: '2 Dashboard Way', city: 'New York', state: 'NY', zip: '10001' },
        contact: { name: 'Dana Board', email: `e2e.dash.${Date.now().toString(36)}@example.com`, phone: '(212) 555-0188' },
      },
    })
    if (res.status() === 201) {
      bookingId = ((await res.json()) as { doc: { id: number } }).doc.id
      break
    }
  }
  expect(bookingId, 'a free evening slot 5–6 days ahead').toBeDefined()

  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()

  const db = new pg.Client({ connectionString: process.env.DATABASE_URI })
  await db.connect()
  try {
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`)
    const cents = async (name: string) => Number(await figure(name).getAttribute('data-cents'))
    const sql = async (text: string, values: unknown[] = []) => (await db.query<Record<string, string | null>>(text, values)).rows

    for (const row of await sql('SELECT status, count(*) AS n FROM bookings GROUP BY status')) {
      await expect(figure(`status-${row.status}`)).toHaveText(String(row.n))
    }
    const [owed] = await sql(`
      SELECT count(*) FILTER (WHERE payment_state = 'deposit_unpaid') AS dn,
             COALESCE(sum(GREATEST(LEAST(pricing_deposit_cents, pricing_total_cents) - payment_deposit_paid_cents - payment_balance_paid_cents, 0)) FILTER (WHERE payment_state = 'deposit_unpaid'), 0) AS dc,
             count(*) FILTER (WHERE payment_state = 'balance_due') AS bn,
             COALESCE(sum(GREATEST(pricing_total_cents - payment_deposit_paid_cents - payment_balance_paid_cents, 0)) FILTER (WHERE payment_state = 'balance_due'), 0) AS bc
      FROM bookings`)
    await expect(figure('deposits-unpaid-count')).toHaveText(String(owed?.dn))
    expect(await cents('deposits-unpaid-cents')).toBe(Number(owed?.dc))
    await expect(figure('balances-due-count')).toHaveText(String(owed?.bn))
    expect(await cents('balances-due-cents')).toBe(Number(owed?.bc))
    const [revenue] = await sql(
      `WITH m AS (SELECT date_trunc('month', now() AT TIME ZONE $1) AS this_local)
       SELECT COALESCE(sum(signed) FILTER (WHERE at >= (this_local AT TIME ZONE $1) AND at < ((this_local + interval '1 month') AT TIME ZONE $1)), 0) AS this_month,
              COALESCE(sum(signed) FILTER (WHERE at >= ((this_local - interval '1 month') AT TIME ZONE $1) AND at < (this_local AT TIME ZONE $1)), 0) AS last_month
       FROM m, (SELECT COALESCE(occurred_at, created_at) AS at, CASE WHEN kind = 'refund' THEN -amount_cents ELSE amount_cents END AS signed FROM payments WHERE status = 'succeeded') p`,
      [TZ],
    )
    expect(await cents('revenue-this-month')).toBe(Number(revenue?.this_month))
    expect(await cents('revenue-last-month')).toBe(Number(revenue?.last_month))
    const [threads] = await sql(`SELECT count(*) AS n FROM threads WHERE state = 'open' AND last_direction = 'inbound'`)
    await expect(figure('unanswered-threads')).toHaveText(String(threads?.n))
    const [week] = await sql(`SELECT count(*) AS n FROM bookings WHERE event_date BETWEEN $1 AND $2 AND status IN ('pending', 'confirmed', 'completed')`, [dateAhead(0), dateAhead(6)])
    await expect(figure('week-events')).toHaveAttribute('data-count', String(week?.n))
    await expect(page.locator(`tr[data-booking-id="${bookingId}"]`)).toContainText('10 guests')
  } finally {
    await db.end()
  }

  const results = await new AxeBuilder({ page }).include('.hb-dash').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe on the dashboard').toEqual([])
  await page.screenshot({ path: testInfo.outputPath('backoffice-dashboard.png') })

  // The booking's history, from its own page.
  await page.locator(`tr[data-booking-id="${bookingId}"] a`).click()
  // The Activity panel opens the booking form's History tab.
  await page.getByRole('button', { name: 'History', exact: true }).click()
  await expect(page.getByTestId('booking-activity')).toContainText('made the booking')
})
