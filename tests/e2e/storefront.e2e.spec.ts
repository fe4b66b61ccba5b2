/**
 * The customer storefront in Debian Chromium against `npm run build && npm start` (seeded):
 * booking end to end (live availability, live quote, double-click, confirmation, admin price),
 * full slots and ZIPs outside the area, a server 400 beside its field, reschedule and cancel from
 * the manage link (both in the admin history), axe on every page and step, and screenshots at
 * 375 and 1280 px saved as test artifacts.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test'

import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)

async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
    `axe on ${what}`,
  ).toEqual([])
}

async function screenshots(page: Page, testInfo: TestInfo, name: string, path: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    const file = testInfo.outputPath(`screens/${name}-${width}.png`)
    await page.screenshot({ path: file, fullPage: true })
    await testInfo.attach(`${name}-${width}`, { path: file, contentType: 'image/png' })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

interface Slot {
  time: string
  available: boolean
  remaining: number
}

/** The first future date (from the API) with a slot both chefs are free for. */
async function freeSlot(request: APIRequestContext, skipDates: string[] = []): Promise<{ date: string; time: string }> {
  const from = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
  const res = await request.get(`/api/availability?from=${from}&to=${to}&guests=10`)
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { days: { date: string; slots: Slot[] }[] }
  for (const day of body.days) {
    if (skipDates.includes(day.date)) continue
    const slot = day.slots.find((s) => s.available && s.remaining === 2 && s.time === '18:00')
    if (slot) return { date: day.date, time: slot.time }
  }
  throw new Error('no fully free 18:00 slot in the next 40 days')
}

function party(email: string, date: string, time: string) {
  return {
    eventDate: date,
    startTime: time,
    guests: { adults: 6, children: 0 },
    address: { street: '1 Test Plaza', city: 'New York', state: 'NY', zip: '10001' },
    contact: { name: 'Slot Filler', email, phone: '(212) 555-0100' },
  }
}

/** Picks `date` in the booking calendar, paging months forward as needed. */
async function pickDate(page: Page, date: string): Promise<void> {
  const day = page.locator(`button.calendar-day[data-date="${date}"]`)
  for (let i = 0; i < 3 && (await day.count()) === 0; i++) await page.getByRole('button', { name: 'Next month ›' }).first().click()
  await expect(day).toHaveAttribute('data-state', 'available')
  await day.click()
}

test.describe.configure({ mode: 'serial' })

let manageUrl = ''
let bookingId = ''

test('a customer books 8 adults + 2 children with an upgrade and lands on the confirmation page', async ({ page, request }) => {
  test.setTimeout(240_000)
  const email = `e2e.customer.${run}@example.com`
  await page.goto('/book')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book your hibachi party')
  // The business's zone, named by the server the same all year (the seed's is New York).
  await expect(page.locator('#date-hint')).toContainText('Times are Eastern Time.')
  await expectNoSeriousA11yViolations(page, '/book step 1 (date)')

  // Live availability: the calendar shows free and unavailable days from the API. The test
  // picks a day at least 4 days out, so the 48-hour lead time cannot run out while it types.
  await expect(page.locator('button.calendar-day[data-state="available"]').first()).toBeVisible()
  const soonest = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10)
  let pick = ''
  for (let i = 0; i < 3 && !pick; i++) {
    const dates = await page.locator('button.calendar-day[data-state="available"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date ?? ''))
    pick = dates.find((d) => d >= soonest) ?? ''
    if (!pick) await page.getByRole('button', { name: 'Next month ›' }).click()
  }
  const firstFree = page.locator(`button.calendar-day[data-date="${pick}"]`)
  await expect(firstFree).toHaveAttribute('data-state', 'available')
  await expect(page.locator('button.calendar-day[data-state="unavailable"]').first()).toBeVisible()

  // Keyboard: focus a day, move a week on and back with the arrow keys, choose with Enter.
  await firstFree.focus()
  const activeDate = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.date ?? '')
  await page.keyboard.press('ArrowDown')
  await expect.poll(activeDate).not.toBe(pick)
  expect(await activeDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await page.keyboard.press('ArrowUp')
  await expect.poll(activeDate).toBe(pick)
  await page.keyboard.press('Enter')
  await expect(firstFree).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('button', { name: 'Continue' }).click()

  // Focus moves to the new step's heading.
  await expect(page.locator('#step-heading')).toContainText('Step 2 of 6')
  await expect(page.locator('#step-heading')).toBeFocused()
  await expectNoSeriousA11yViolations(page, '/book step 2 (time)')
  await page.locator('input[name="startTime"]').first().check()
  await page.getByRole('button', { name: 'Continue' }).click()

  // The quote follows the party.
  await expect(page.locator('#step-heading')).toContainText('Party and menu')
  const total = page.getByTestId('quote-total')
  await expect(total).toBeVisible()
  await page.getByLabel('Adults').fill('8')
  await expect(page.locator('.quote-status')).toContainText('Total')
  await expect(page.getByRole('row', { name: /Adults × 8/ })).toBeVisible()
  await page.getByLabel(/Children/).fill('2')
  await expect(page.getByRole('row', { name: /Children × 2/ })).toBeVisible()
  // 8 × $60 + 2 × $30 = $540 is topped up to the $550 food minimum; one $10 upgrade reaches it.
  await expect(page.getByRole('row', { name: /Minimum order adjustment/ })).toContainText('$10')
  await page.getByLabel(/Filet Mignon Upgrade/).fill('1')
  await expect(page.getByRole('row', { name: /Filet Mignon Upgrade × 1/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Minimum order adjustment/ })).toHaveCount(0)
  await expectNoSeriousA11yViolations(page, '/book step 3 (party)')
  await page.getByRole('button', { name: 'Continue' }).click()

  // A ZIP outside the area is refused before submit.
  await expect(page.locator('#step-heading')).toContainText('Address')
  await page.getByLabel('Street address').fill('350 W 42nd St, Apt 12B')
  await page.getByLabel('ZIP code').fill('02108')
  await expect(page.locator('#f-address-zip-error')).toContainText('we do not serve ZIP 02108')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Address')
  await expect(page.getByLabel('ZIP code')).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('ZIP code').fill('10036')
  await expect(page.locator('.zip-status')).toContainText('We serve 10036')
  await expectNoSeriousA11yViolations(page, '/book step 4 (address)')
  await page.getByRole('button', { name: 'Continue' }).click()

  // Form state survives a reload.
  await expect(page.locator('#step-heading')).toContainText('Contact')
  await page.getByLabel('Your name').fill('Jordan Lee')
  await page.reload()
  await expect(page.locator('#step-heading')).toContainText('Contact')
  await expect(page.getByLabel('Your name')).toHaveValue('Jordan Lee')

  // A server 400 is shown beside the field it names (the client only checks there are 7 digits).
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Phone').fill('212 555 0147 x9')
  await expectNoSeriousA11yViolations(page, '/book step 5 (contact)')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Review')
  await expectNoSeriousA11yViolations(page, '/book step 6 (review)')
  await page.getByRole('button', { name: 'Request this booking' }).click()
  await expect(page.locator('#step-heading')).toContainText('Contact')
  await expect(page.locator('#f-contact-phone-error')).toContainText('valid phone')
  await expect(page.getByLabel('Phone')).toHaveAttribute('aria-describedby', /f-contact-phone-error/)
  await page.getByLabel('Phone').fill('(212) 555-0147')
  await page.getByRole('button', { name: 'Continue' }).click()

  // Review shows the itemized quote; a double click makes one booking.
  await expect(page.locator('#step-heading')).toContainText('Review')
  await expect(page.locator('.quote-status')).toContainText('Total')
  await expect(page.getByRole('row', { name: /Travel fee/ })).not.toContainText('after your ZIP code')
  const reviewTotal = (await total.textContent())?.trim() ?? ''
  expect(reviewTotal).toMatch(/^\$[\d,]+(\.\d{2})?$/)
  await page.getByRole('button', { name: 'Request this booking' }).dblclick()

  await expect(page).toHaveURL(/\/booking\/[A-Za-z0-9_-]+\?welcome=1$/, { timeout: 30_000 })
  await expect(page.getByRole('heading', { level: 1 })).toContainText('we have your request')
  manageUrl = new URL(page.url()).pathname
  await expect(page.getByTestId('manage-link')).toContainText(manageUrl)
  await expect(page.getByRole('link', { name: /Add to calendar/ })).toHaveAttribute('href', /calendar\.ics$/)
  const ics = await request.get(`/api${manageUrl.replace('/booking/', '/bookings/manage/')}/calendar.ics`)
  expect(ics.status()).toBe(200)
  expect(await ics.text()).toContain('BEGIN:VEVENT')
  await expectNoSeriousA11yViolations(page, '/booking/[token] confirmation')

  // Exactly one booking, priced as the customer saw it.
  const token = await staffToken(request)
  const found = await request.get(`/api/bookings?where[contact.email][equals]=${encodeURIComponent(email)}&depth=0`, { headers: { Authorization: `JWT ${token}` } })
  const docs = ((await found.json()) as { docs: { id: number; status: string; pricing: { totalCents: number } }[] }).docs
  expect(docs).toHaveLength(1)
  const [doc] = docs
  expect(doc?.status).toBe('pending')
  const shown = Math.round(Number(reviewTotal.replace(/[$,]/g, '')) * 100)
  expect(doc?.pricing.totalCents).toBe(shown)
  bookingId = String(doc?.id)

  // The admin shows the booking with the same price.
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
  await page.goto(`/admin/collections/bookings/${bookingId}`)
  const adminTotal = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(shown / 100)
  await expect(page.getByText(adminTotal).first()).toBeVisible({ timeout: 30_000 })
})

test('a full slot is never offered and blackout days are unavailable', async ({ page, request }) => {
  const { date, time } = await freeSlot(request)
  for (const who of ['one', 'two']) {
    const res = await request.post('/api/bookings', { data: party(`e2e.full.${who}.${run}@example.com`, date, time) })
    expect(res.status(), await res.text()).toBe(201)
  }
  const check = await request.get(`/api/availability?from=${date}&to=${date}`)
  const slots = ((await check.json()) as { days: { slots: Slot[] }[] }).days[0]?.slots ?? []
  expect(slots.find((s) => s.time === time)?.available).toBe(false)

  await page.goto('/book')
  await pickDate(page, date)
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('input[name="startTime"]').first()).toBeVisible()
  await expect(page.locator(`input[name="startTime"][value="${time}"]`)).toHaveCount(0)
  expect(await page.locator('input[name="startTime"]').count()).toBeGreaterThan(0)

  // Christmas Day is a seeded blackout date.
  const year = new Date().getUTCFullYear()
  const christmas = `${year}-12-25`
  await page.getByRole('button', { name: 'Back' }).click()
  const xmas = page.locator(`button.calendar-day[data-date="${christmas}"]`)
  for (let i = 0; i < 2 && (await xmas.count()) === 0; i++) await page.getByRole('button', { name: 'Next month ›' }).first().click()
  await expect(xmas).toHaveAttribute('data-state', 'unavailable')
  await expect(xmas).toHaveAttribute('aria-disabled', 'true')
})

test('from the manage link the customer reschedules, then cancels; the admin history shows both', async ({ page, request }) => {
  test.setTimeout(240_000)
  expect(manageUrl).not.toBe('')
  await page.goto(manageUrl)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your booking')
  await expectNoSeriousA11yViolations(page, '/booking/[token]')
  const before = (await page.getByTestId('booking-when').textContent()) ?? ''

  await page.getByRole('button', { name: 'Change date or time' }).click()
  // Any free day from the booking's month on (paging forward when the month has none left).
  const free = page.locator('#reschedule-panel button.calendar-day[data-state="available"]')
  for (let i = 0; i < 3 && (await free.count()) === 0; i++) {
    await expect(page.locator('#reschedule-panel button.calendar-day[data-state="loading"]')).toHaveCount(0)
    if ((await free.count()) === 0) await page.locator('#reschedule-panel').getByRole('button', { name: 'Next month ›' }).click()
  }
  await free.first().click()
  await page.locator('input[name="newStartTime"]').first().check()
  await page.getByRole('button', { name: 'Review the change' }).click()
  await expectNoSeriousA11yViolations(page, '/booking/[token] reschedule confirmation')
  await page.getByRole('button', { name: 'Yes, move my booking' }).click()
  await expect(page.getByRole('status')).toContainText('Done: your party is now on')
  await expect(page.getByTestId('booking-when')).not.toHaveText(before)

  await page.getByRole('button', { name: 'Cancel booking' }).click()
  await expect(page.getByRole('heading', { name: 'Cancel this booking?' })).toBeVisible()
  await expect(page.locator('#cancel-panel')).toContainText('refunds')
  await page.getByLabel('Reason (optional)').fill('Plans changed')
  await page.getByRole('button', { name: 'Yes, cancel my booking' }).click()
  await expect(page.getByRole('status')).toContainText('Your booking is cancelled')
  await expect(page.locator('.status-badge')).toHaveText('Cancelled')
  await expect(page.getByRole('button', { name: 'Change date or time' })).toHaveCount(0)

  // Both changes are in the booking's version history.
  const token = await staffToken(request)
  const versions = await request.get(`/api/bookings/versions?where[parent][equals]=${bookingId}&sort=createdAt&depth=0&limit=20`, { headers: { Authorization: `JWT ${token}` } })
  expect(versions.status()).toBe(200)
  const history = ((await versions.json()) as { docs: { version: { status: string; eventDate: string; startTime: string } }[] }).docs.map((d) => d.version)
  expect(history.length).toBeGreaterThanOrEqual(3)
  const [created, moved] = history
  expect(`${moved?.eventDate} ${moved?.startTime}`).not.toBe(`${created?.eventDate} ${created?.startTime}`)
  expect(history.at(-1)?.status).toBe('cancelled')

  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
  await page.goto(`/admin/collections/bookings/${bookingId}/versions`)
  await expect(page.locator('table tbody tr')).toHaveCount(history.length, { timeout: 30_000 })
})

test('content pages pass axe and are captured at 375 and 1280 px', async ({ page }, testInfo) => {
  for (const path of ['/', '/menu', '/faq']) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(200)
    await expectNoSeriousA11yViolations(page, path)
  }
  const pages: [string, string][] = [
    ['home', '/'],
    ['menu', '/menu'],
    ['faq', '/faq'],
    ['contact', '/contact'],
    ['policies', '/policies'],
    ['book', '/book'],
    ['manage', manageUrl],
    ['not-found', '/no-such-page'],
  ]
  for (const [name, path] of pages) await screenshots(page, testInfo, name, path)
})

test("the storefront's styles come inside the page: no stylesheet request before the first paint, and they apply", async ({ page }) => {
  const stylesheets: string[] = []
  page.on('request', (req) => {
    if (req.resourceType() === 'stylesheet') stylesheets.push(req.url())
  })
  await page.goto('/')
  await expect(page.locator('style[data-href="myhibachi-site"]')).toHaveCount(1)
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(0)
  // The site's rules are in force: the container has its side padding, the call to book is a button.
  await expect(page.locator('.site-header .header-inner')).not.toHaveCSS('padding-left', '0px')
  await expect(page.getByRole('link', { name: 'Check dates and book' }).first()).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)')
  // A client-side navigation brings /book's own rules the same way.
  await page.getByRole('link', { name: 'Check dates and book' }).first().click()
  await expect(page).toHaveURL(/\/book$/)
  await expect(page.locator('style[data-href="myhibachi-book"]')).toHaveCount(1)
  await expect(page.locator('button.calendar-day').first()).toHaveCSS('min-height', '44px')
  await page.goto('/book')
  await expect(page.locator('style[data-href="myhibachi-book"]')).toHaveCount(1)
  expect(stylesheets).toEqual([])
})

test('SEO basics: JSON-LD, sitemap and robots', async ({ page, request }) => {
  await page.goto('/')
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}') as Record<string, unknown>
  expect(ld['@type']).toBe('FoodEstablishment')
  expect(ld.name).toBeTruthy()
  expect(ld.servesCuisine).toBeTruthy()
  expect(ld.priceRange).toBeTruthy()
  expect(ld.areaServed).toBeTruthy()
  expect(ld.url).toBeTruthy()
  await expect(page.locator('meta[property="og:title"]')).toHaveCount(1)
  const sitemap = await request.get('/sitemap.xml')
  expect(sitemap.status()).toBe(200)
  expect(await sitemap.text()).toContain('/book</loc>')
  const robots = await request.get('/robots.txt')
  expect(await robots.text()).toMatch(/Disallow: \/admin/)
  const notFound = await page.goto('/no-such-page')
  expect(notFound?.status()).toBe(404)
})
