/**
 * Paying the deposit in Chromium, against the production build served with online payment on and
 * Stripe's API faked at the network boundary (tests/helpers/fake-stripe-server.ts, started by
 * playwright.config.ts): the booking form sends the customer straight to the (fake) hosted
 * checkout page; paying there makes the fake deliver a signed `checkout.session.completed` to
 * /api/stripe/webhook and send the browser back to /booking/return; that page says "confirming…"
 * and then "confirmed"; the admin shows the booking confirmed with its card payment.
 */
import { expect, test, type Page } from '@playwright/test'

import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)

/** Fills the booking form for a small party on the first free day at least 5 days out. */
async function fillBookingForm(page: Page, email: string): Promise<void> {
  await page.goto('/book')
  await expect(page.locator('button.calendar-day[data-state="available"]').first()).toBeVisible()
  const soonest = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
  let pick = ''
  for (let i = 0; i < 3 && !pick; i++) {
    const dates = await page.locator('button.calendar-day[data-state="available"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.date ?? ''))
    pick = dates.find((d) => d >= soonest) ?? ''
    if (!pick) await page.getByRole('button', { name: 'Next month ›' }).click()
  }
  await page.locator(`button.calendar-day[data-date="${pick}"]`).click()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Step 2 of 6')
  await page.locator('input[name="startTime"]').first().check()
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Party and menu')
  await page.getByLabel('Adults').fill('10')
  await expect(page.locator('.quote-status')).toContainText('Total')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Address')
  await page.getByLabel('Street address').fill('350 W 42nd St')
  await page.getByLabel('ZIP code').fill('10036')
  await expect(page.locator('.zip-status')).toContainText('We serve 10036')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Contact')
  await page.getByLabel('Your name').fill('Casey Payer')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Phone').fill('(212) 555-0199')
  await page.getByRole('button', { name: 'Continue' }).click()
  await expect(page.locator('#step-heading')).toContainText('Review')
}

test('book → the fake Stripe checkout → signed webhook → "confirmed" → the admin shows the payment', async ({ page, request }) => {
  test.setTimeout(240_000)
  const email = `e2e.payer.${run}@example.com`
  await fillBookingForm(page, email)
  // The review step says what happens next: the deposit on Stripe's page.
  await expect(page.getByText(/secure payment page \(Stripe\)/)).toBeVisible()
  await page.getByRole('button', { name: 'Request this booking' }).click()

  // Straight to the hosted checkout page (the fake's), for the stored deposit.
  await expect(page).toHaveURL(/\/c\/pay\/cs_test_/, { timeout: 30_000 })
  await expect(page).toHaveTitle(/Fake Stripe Checkout/)
  // The manage token never travels to Stripe: the page's own URL and the return links hold a code.
  const manageUrl = await page.evaluate(() => document.referrer)
  expect(manageUrl).not.toMatch(/\/booking\/[A-Za-z0-9_-]{20,}/)

  const token = await staffToken(request)
  const auth = { Authorization: `JWT ${token}` }
  const found = await request.get(`/api/bookings?where[contact.email][equals]=${encodeURIComponent(email)}&depth=0`, { headers: auth })
  const docs = ((await found.json()) as { docs: { id: number; status: string; paymentState: string; pricing: { depositCents: number } }[] }).docs
  expect(docs).toHaveLength(1)
  const booking = docs[0]
  if (!booking) throw new Error('no booking')
  expect(booking.status).toBe('pending')
  expect(booking.paymentState).toBe('deposit_unpaid')
  const deposit = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(booking.pricing.depositCents / 100)
  await expect(page.getByText(deposit).first()).toBeVisible()

  // Pay: the fake sends the signed webhook, then the browser back to our return page.
  await page.getByRole('button', { name: 'Pay' }).click()
  await expect(page).toHaveURL(/\/booking\/return/, { timeout: 30_000 })
  await expect(page.getByTestId('payment-status')).toContainText(/confirmed/i, { timeout: 30_000 })
  await expect(page.getByRole('heading', { level: 1 })).toContainText('confirmed')
  // The single-use code is gone from the address bar.
  expect(page.url()).not.toContain('code=')

  const after = await request.get(`/api/bookings/${booking.id}?depth=0`, { headers: auth })
  const stored = (await after.json()) as { status: string; paymentState: string; payment: { depositPaidCents: number } }
  expect(stored.status).toBe('confirmed')
  expect(stored.payment.depositPaidCents).toBe(booking.pricing.depositCents)
  expect(stored.paymentState).toBe('balance_due')
  const payments = await request.get(`/api/payments?where[booking][equals]=${booking.id}&depth=0`, { headers: auth })
  const rows = ((await payments.json()) as { docs: { kind: string; method: string; status: string; amountCents: number }[] }).docs
  expect(rows.map((r) => [r.kind, r.method, r.status, r.amountCents])).toEqual([['deposit', 'card', 'succeeded', booking.pricing.depositCents]])

  // The admin shows the booking confirmed, with its payment.
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })
  await page.goto(`/admin/collections/payments?where[booking][equals]=${booking.id}`)
  await expect(page.getByText(/deposit/i).first()).toBeVisible({ timeout: 30_000 })
  await expect(page.getByText(/card/i).first()).toBeVisible()
  await page.goto(`/admin/collections/bookings/${booking.id}`)
  await expect(page.getByText(/Balance due/).first()).toBeVisible({ timeout: 30_000 })
  // The payment panel is on the booking form's Money tab.
  await page.getByRole('button', { name: 'Money', exact: true }).click()
  // Times in the panel are on the business's clock (America/New_York), whatever the browser's zone.
  await expect(page.getByText(/Balance charged to the saved card on .*\b(EST|EDT)\b/)).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('admin-booking-paid.png'), fullPage: true })
})

test('leaving the checkout page unpaid comes back to "payment not completed" with the hold', async ({ page }) => {
  test.setTimeout(240_000)
  await fillBookingForm(page, `e2e.leaver.${run}@example.com`)
  await page.getByRole('button', { name: 'Request this booking' }).click()
  await expect(page).toHaveURL(/\/c\/pay\/cs_test_/, { timeout: 30_000 })
  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(page).toHaveURL(/\/booking\/return\?.*cancelled=1/, { timeout: 30_000 })
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Payment not completed')
  await expect(page.getByTestId('payment-status')).toContainText(/held until/i)
  // Back to the booking (the manage link the form kept in this tab), which offers "Pay deposit".
  await page.getByRole('link', { name: /Back to your booking/i }).click()
  await expect(page).toHaveURL(/\/booking\/[A-Za-z0-9_-]{20,}/)
  await expect(page.getByRole('button', { name: 'Pay deposit' })).toBeVisible()
})

test('no Stripe secret reaches the browser: not in the pages nor in any script they load', async ({ page, request }) => {
  const secrets = ['sk_test_fake_myhibachi', 'whsec_test_myhibachi', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']
  const scripts = new Set<string>()
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.add(res.url())
  })
  for (const path of ['/book', '/booking/return?cancelled=1', '/menu']) {
    await page.goto(path)
    await page.waitForLoadState('networkidle')
    const html = await page.content()
    for (const s of secrets) expect(html, `${s} in ${path}`).not.toContain(s)
  }
  expect(scripts.size).toBeGreaterThan(3)
  for (const url of scripts) {
    const body = await (await request.get(url)).text()
    for (const s of secrets) expect(body, `${s} in ${url}`).not.toContain(s)
  }
})
