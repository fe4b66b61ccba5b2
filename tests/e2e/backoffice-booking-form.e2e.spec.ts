/**
 * The back office's booking form, as a phone-booking clerk uses it: in /admin/collections/bookings/create
 * they pick a free day in the calendar, a start time from the select (with chefs left), the
 * customer by name ("Name — email"), change the party and see the quote follow, save, and the
 * stored booking matches what they chose. axe finds no serious or critical violation on the form.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { formatCents } from '../../src/site/format'
import { OWNER, staffToken } from './support'

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

test('staff create a booking with the calendar, the time select, the customer by name and a live price', async ({ page, request }) => {
  const token = await staffToken(request)
  const auth = { Authorization: `JWT ${token}` }
  const name = `Ana Sato ${run}`
  const email = `ana.${run}@example.com`
  const customer = await request.post('/api/customers', { headers: auth, data: { name, email, password: `pw-${run}-long-enough` } })
  expect(customer.status(), await customer.text()).toBe(201)
  const customerId = ((await customer.json()) as { doc: { id: number } }).doc.id

  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })

  await page.goto('/admin/collections/bookings/create')
  await expect(page.locator('.render-title').first()).toHaveText('New booking')
  const picker = page.locator('.bf-date-picker')
  await expect(picker.locator('button.calendar-day[data-kind]').first()).toBeVisible({ timeout: 30_000 })
  // Empty server-set parts are hidden on a new booking; there is no History tab yet.
  await expect(page.getByRole('button', { name: 'History' })).toHaveCount(0)

  // axe on the form before it is filled (the loading overlay fades first).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  // Payload's own select widget (react-select, in every Payload select and relationship field) is
  // checked apart: its two findings are Payload's, reported upstream and open — the dropdown
  // button is focusable but aria-hidden (payloadcms/payload#18139) and its combobox input has no
  // name (#18140). Anything else in it, or anything outside it, fails.
  const serious = (r: Awaited<ReturnType<AxeBuilder['analyze']>>) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
  const axe = await new AxeBuilder({ page }).include('form').exclude('.react-select').withTags(tags).analyze()
  expect(serious(axe).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'serious/critical axe violations on the booking form').toEqual([])
  const inSelects = await new AxeBuilder({ page }).include('form .react-select').withTags(tags).analyze()
  const UPSTREAM = ['aria-hidden-focus', 'label']
  expect(serious(inSelects).map((v) => v.id).filter((id) => !UPSTREAM.includes(id)), "axe findings in Payload's selects beyond the two reported upstream").toEqual([])

  // A free day: this month if it still has one (wait for the answer), else the next.
  await expect(picker.locator('button.calendar-day[data-kind="loading"]')).toHaveCount(0, { timeout: 30_000 })
  if ((await picker.locator('button.calendar-day[data-kind="free"]').count()) === 0) {
    await picker.getByRole('button', { name: 'Next month ›' }).click()
    await expect(picker.locator('button.calendar-day[data-kind="free"]').first()).toBeVisible({ timeout: 30_000 })
  }
  const day = picker.locator('button.calendar-day[data-kind="free"]').last()
  const date = (await day.getAttribute('data-date')) ?? ''
  await day.click()
  await expect(day).toHaveAttribute('aria-pressed', 'true')

  const time = page.getByLabel('Start time')
  await expect(time.locator('option:not([disabled]):not([value=""])').first()).toBeAttached({ timeout: 30_000 })
  const startTime = (await time.locator('option:not([disabled]):not([value=""])').first().getAttribute('value')) ?? ''
  expect(await time.locator(`option[value="${startTime}"]`).textContent()).toMatch(/chefs? left/)
  await time.selectOption(startTime)

  await page.locator('#field-contact__name').fill(name)
  // The heading says what is being made, never "[Untitled]".
  await expect(page.locator('.render-title').first()).toHaveText(`New booking: ${date} ${startTime} · ${name}`)
  await page.locator('#field-contact__email').fill(email)
  await page.locator('#field-contact__phone').fill('(212) 555-0123')
  await page.locator('#field-customer').click()
  await page.keyboard.type(`Ana Sato ${run}`)
  await page.getByText(`${name} — ${email}`, { exact: true }).click()
  await page.locator('#field-address__street').fill('1 Form Lane')
  await page.locator('#field-address__city').fill('New York')
  await page.locator('#field-address__state').fill('NY')
  await page.locator('#field-address__zip').fill('10001')

  await page.locator('#field-guests__adults').fill('4')
  const total = page.getByTestId('live-quote-total')
  await expect(total).toBeVisible({ timeout: 30_000 })
  const forFour = (await total.textContent()) ?? ''
  await page.locator('#field-guests__adults').fill('14')
  await expect(total).not.toHaveText(forFour, { timeout: 30_000 })
  const forFourteen = (await total.textContent()) ?? ''

  await page.locator('#action-save').click()
  await expect(page).toHaveURL(/\/admin\/collections\/bookings\/\d+/, { timeout: 30_000 })
  const id = /bookings\/(\d+)/.exec(page.url())?.[1]
  const saved = await request.get(`/api/bookings/${id}?depth=0`, { headers: auth })
  expect(saved.status()).toBe(200)
  const doc = (await saved.json()) as { eventDate: string; startTime: string; customer: number; guests: { adults: number }; pricing: { totalCents: number; currency: string } }
  expect(doc).toMatchObject({ eventDate: date, startTime, customer: customerId, guests: { adults: 14 } })
  // The price the clerk saw for fourteen is the price stored.
  expect(forFourteen).toBe(formatCents(doc.pricing.totalCents, doc.pricing.currency || 'usd'))
})
