/**
 * Who sees what in the back-office views, in the production build. The views are server
 * components that check the role themselves (the collections' own access is proved by the int
 * access matrix), so each refusal is checked here as the role meets it:
 * - an editor's dashboard has the content links and no figure, no amount of money; the calendar,
 *   My schedule, the prep list and the inbox refuse them in words;
 * - a chef's dashboard has the My schedule link and no figure, no amount of money;
 * - a signed-out visitor asking for a view is sent to the staff sign-in, which comes back to it;
 * - a customer signed in on the storefront is sent to the staff sign-in from every view.
 * Creates two staff users; no bookings.
 */
import { expect, test, type APIRequestContext, type BrowserContext } from '@playwright/test'

import { staffToken } from './support'

const run = Date.now().toString(36)
const PASSWORD = 'correct horse battery staple'

/** A new staff user of `role`, signed in in `context` (the admin's own cookie). */
async function signedInAs(request: APIRequestContext, context: BrowserContext, baseURL: string, role: 'editor' | 'chef'): Promise<void> {
  const auth = { Authorization: `JWT ${await staffToken(request)}` }
  const email = `e2e.access-${role}.${run}@myhibachi.test`
  const created = await request.post('/api/users', { data: { email, password: PASSWORD, role, name: `Access ${role}` }, headers: auth })
  expect(created.status(), await created.text()).toBe(201)
  const login = await request.post('/api/users/login', { data: { email, password: PASSWORD } })
  expect(login.status()).toBe(200)
  const { token } = (await login.json()) as { token: string }
  await context.addCookies([{ name: 'payload-token', value: token, url: baseURL }])
}

test('editors and chefs get their own dashboard and no money; editors are refused the staff views; signed-out visitors and customers go to sign-in', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000)
  const origin = baseURL ?? ''

  const editorContext = await browser.newContext()
  await signedInAs(request, editorContext, origin, 'editor')
  const editor = await editorContext.newPage()
  await editor.goto('/admin')
  await expect(editor.getByRole('heading', { name: 'Site content' })).toBeVisible({ timeout: 60_000 })
  await expect(editor.locator('.hb-dash').getByRole('link', { name: 'Menu items' })).toBeVisible()
  await expect(editor.locator('[data-figure]')).toHaveCount(0)
  await expect(editor.locator('.hb-dash')).not.toContainText('$')
  const refusals: [string, RegExp][] = [
    ['/admin/calendar', /only managers and admins plan the chefs/],
    ['/admin/my-schedule', /This page is for chefs/],
    ['/admin/prep-list', /The prep list is for the kitchen/],
    ['/admin/inbox', /only managers and admins read and answer/],
  ]
  for (const [path, words] of refusals) {
    await editor.goto(path)
    await expect(editor.getByRole('alert').filter({ hasText: words }), path).toBeVisible()
    await expect(editor.locator('[data-booking-id]'), path).toHaveCount(0)
  }
  await editorContext.close()

  const chefContext = await browser.newContext()
  await signedInAs(request, chefContext, origin, 'chef')
  const chef = await chefContext.newPage()
  await chef.goto('/admin')
  await expect(chef.getByRole('heading', { name: 'Your events' })).toBeVisible({ timeout: 60_000 })
  await expect(chef.locator('.hb-dash').getByRole('link', { name: 'My schedule' })).toBeVisible()
  await expect(chef.locator('[data-figure]')).toHaveCount(0)
  await expect(chef.locator('.hb-dash')).not.toContainText('$')
  await chefContext.close()

  const visitorContext = await browser.newContext()
  const visitor = await visitorContext.newPage()
  await visitor.goto('/admin/calendar')
  await expect(visitor).toHaveURL(/\/admin\/login\?redirect=.*calendar/)
  await visitorContext.close()

  // A customer signed in on the storefront (the same cookie name as staff) is no staff member:
  // every view sends them to the staff sign-in, with nothing of the back office on the way.
  const customerEmail = `e2e.access-customer.${run}@example.com`
  const staffAuth = { Authorization: `JWT ${await staffToken(request)}` }
  const made = await request.post('/api/customers', { headers: staffAuth, data: { email: customerEmail, password: PASSWORD, name: 'Access Customer', _verified: true } })
  expect(made.status(), await made.text()).toBe(201)
  const customerLogin = await request.post('/api/customers/login', { data: { email: customerEmail, password: PASSWORD } })
  expect(customerLogin.status(), await customerLogin.text()).toBe(200)
  const customerContext = await browser.newContext()
  await customerContext.addCookies([{ name: 'payload-token', value: ((await customerLogin.json()) as { token: string }).token, url: origin }])
  const customer = await customerContext.newPage()
  for (const path of ['/admin', '/admin/calendar', '/admin/inbox', '/admin/my-schedule', '/admin/prep-list']) {
    await customer.goto(path)
    await expect(customer, path).toHaveURL(/\/admin\/(login|unauthorized)/)
    await expect(customer.locator('[data-booking-id], [data-figure], .hb-dash'), path).toHaveCount(0)
  }
  await customerContext.close()
})
