/**
 * The back office in Chromium against the production build, kept to one lean file:
 * - a chef on a 375×812 phone signs in, opens My schedule, finds today's event assigned to them
 *   (address, map link, party, proteins, dietary notes, phone) and marks it completed; the screen
 *   is attached to the test's output before and after; axe finds no serious or critical issue;
 * - the owner's prep list for that day answers axe too;
 * - the owner exports the bookings list filtered to this run's bookings as CSV, and the parsed
 *   file has exactly the rows and values the API has.
 * The event is made "today, just started" by moving its stored start (the API refuses past times).
 * Books on dateAhead(41..45).
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'

import { addDaysToDate, DEFAULT_SETTINGS, todayInZone } from '../../src/domain'
import { withRawClient } from '../helpers/sql'
import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)
const CHEF = { email: `e2e.bo-chef.${run}@myhibachi.test`, password: 'correct horse battery staple' }
const today = () => todayInZone(new Date(), DEFAULT_SETTINGS.timezone)

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
}

async function axe(page: Page, scope: string, what: string): Promise<void> {
  // Payload fades its loading overlay out after a navigation: axe would measure the text through it.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  const results = await new AxeBuilder({ page }).include(scope).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on ${what}`).toEqual([])
}

/** A storefront booking on the first free slot 41–45 days ahead, confirmed by the owner (for the chef, when given). */
async function confirmedBooking(request: APIRequestContext, auth: Record<string, string>, chefId: number | undefined, menuItem: number, name: string): Promise<number> {
  const from = addDaysToDate(today(), 41)
  const res = await request.get(`/api/availability?from=${from}&to=${addDaysToDate(today(), 45)}&guests=4`)
  expect(res.status()).toBe(200)
  const days = ((await res.json()) as { days: { date: string; slots: { time: string; available: boolean }[] }[] }).days
  for (const day of days) {
    for (const slot of day.slots.filter((s) => s.available)) {
      const email = `e2e.bo.${run}.${day.date}.${slot.time.replace(':', '')}@example.com`
      const created = await request.post('/api/bookings', {
        data: {
          eventDate: day.date,
          startTime: slot.time,
          guests: { adults: 4, children: 1 },
          menu: [{ item: menuItem, quantity: 3 }],
          address: { street: '1 Chef Lane', city: 'New York', state: 'NY', zip: '10001' },
          contact: { name, email, phone: '(212) 555-0199' },
          dietaryNotes: 'One guest allergic to sesame',
        },
      })
      if (created.status() === 409) continue
      expect(created.status(), await created.text()).toBe(201)
      const id = ((await created.json()) as { doc: { id: number } }).doc.id
      const confirmed = await request.patch(`/api/bookings/${id}`, { data: { status: 'confirmed', ...(chefId ? { assignedChefs: [chefId] } : {}) }, headers: auth })
      expect(confirmed.status(), await confirmed.text()).toBe(200)
      return id
    }
  }
  throw new Error('no free slot 41–45 days ahead')
}

test('a chef marks today’s event completed on a phone; the prep list and the filtered CSV export hold up', async ({ browser, page, request }, testInfo) => {
  const token = await staffToken(request)
  const auth = { Authorization: `JWT ${token}` }
  const chef = await request.post('/api/users', { data: { ...CHEF, role: 'chef', name: 'Chef Phone' }, headers: auth })
  expect(chef.status(), await chef.text()).toBe(201)
  const chefId = ((await chef.json()) as { doc: { id: number } }).doc.id
  const menu = await request.get('/api/menu-items?where[category][equals]=protein&limit=1&depth=0', { headers: auth })
  const protein = ((await menu.json()) as { docs: { id: number; name: string }[] }).docs[0]
  if (!protein) throw new Error('the seed has no protein on the menu')
  const bookingId = await confirmedBooking(request, auth, chefId, protein.id, `Phone Guest ${run}`)
  const otherId = await confirmedBooking(request, auth, undefined, protein.id, `=Formula Guest ${run}`)
  // Today, started a minute ago (the API never takes a past start; the test moves the stored one).
  await withRawClient((db) => db.query(`UPDATE bookings SET event_date = $2, starts_at = now() - interval '1 minute' WHERE id = $1`, [bookingId, today()]))

  // The chef's phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 })
  const chefPage = await phone.newPage()
  await signIn(chefPage, CHEF.email, CHEF.password)
  await chefPage.goto('/admin/my-schedule')
  const card = chefPage.locator(`article[data-booking-id="${bookingId}"]`)
  await expect(card).toBeVisible({ timeout: 60_000 })
  await expect(chefPage.locator('#schedule-today').locator('..').locator(`article[data-booking-id="${bookingId}"]`)).toBeVisible()
  await expect(card.getByRole('link', { name: /Open in Google Maps/ })).toHaveAttribute('href', /^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=1%20Chef%20Lane/)
  await expect(card).toContainText('(212) 555-0199')
  await expect(card).toContainText(`${protein.name} × 3 guests`)
  await expect(card).toContainText('4 adults, 1 child (5 guests)')
  await expect(card).toContainText('allergic to sesame')
  // Nothing wider than the phone.
  expect(await chefPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await axe(chefPage, '.backoffice', 'My schedule')
  await chefPage.screenshot({ path: testInfo.outputPath('my-schedule-phone-before.png'), fullPage: true })
  await testInfo.attach('my-schedule-phone-before', { path: testInfo.outputPath('my-schedule-phone-before.png'), contentType: 'image/png' })
  await card.getByRole('button', { name: 'Mark completed' }).click()
  await expect(card.locator('.schedule-status')).toHaveText('Completed', { timeout: 30_000 })
  await expect(card.getByRole('button', { name: 'Mark completed' })).toHaveCount(0)
  await chefPage.screenshot({ path: testInfo.outputPath('my-schedule-phone-after.png'), fullPage: true })
  await testInfo.attach('my-schedule-phone-after', { path: testInfo.outputPath('my-schedule-phone-after.png'), contentType: 'image/png' })
  const stored = await request.get(`/api/bookings/${bookingId}?depth=0`, { headers: auth })
  expect(((await stored.json()) as { status: string }).status).toBe('completed')
  await phone.close()

  // The owner's prep list for the other event's day, and the filtered CSV export.
  await signIn(page, OWNER.email, OWNER.password)
  const other = (await (await request.get(`/api/bookings/${otherId}?depth=0`, { headers: auth })).json()) as { eventDate: string }
  await page.goto(`/admin/prep-list?date=${other.eventDate}`)
  await expect(page.getByRole('heading', { level: 1, name: `Prep list for ${other.eventDate}` })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('row', { name: new RegExp(protein.name) })).toBeVisible()
  await axe(page, '.backoffice', 'the prep list')

  const where = `where[contact.email][like]=e2e.bo.${run}&sort=id`
  const exported = await request.get(`/api/bookings/export.csv?${where}`, { headers: auth })
  expect(exported.status()).toBe(200)
  const rows = parse((await exported.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]
  const api = (await (await request.get(`/api/bookings?${where}&depth=0&limit=100`, { headers: auth })).json()) as { docs: { id: number; status: string; contact: { name: string }; pricing: { totalCents: number } }[] }
  expect(rows.map((r) => Number(r.id))).toEqual(api.docs.map((d) => d.id))
  expect(rows.map((r) => r.status)).toEqual(api.docs.map((d) => d.status))
  expect(rows.map((r) => r.totalCents)).toEqual(api.docs.map((d) => String(d.pricing.totalCents)))
  expect(rows.find((r) => Number(r.id) === otherId)?.contactName).toBe(`'=Formula Guest ${run}`)
})
