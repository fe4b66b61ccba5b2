/**
 * A content editor's day in Chromium, against the production build: the owner makes an editor
 * account (REST) and a menu item; the editor opens the item in the admin with live preview on
 * (the storefront's /menu framed from this same origin, in Next's draft mode), changes its price
 * and saves a draft — the preview shows the new price, the public /menu (no session) still the
 * old one — then publishes, and the public /menu shows the new price (the hooks purged the page
 * cache). axe finds no serious or critical violation in the live preview of the edit view.
 * Uses its own menu item (a unique name), so no other spec sees a price change.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { staffToken } from './support'

const run = Date.now().toString(36)
const EDITOR = { email: `editor-${run}@myhibachi.test`, password: 'editor horse battery staple' }
const ITEM = `Preview Skewers ${run}`

test('an editor previews a draft price live; the public menu changes only once it is published', async ({ page, request }) => {
  const token = await staffToken(request)
  const owner = { Authorization: `JWT ${token}` }
  const editor = await request.post('/api/users', { headers: owner, data: { ...EDITOR, name: 'Eddie Editor', role: 'editor' } })
  expect(editor.status(), await editor.text()).toBe(201)
  const created = await request.post('/api/menu-items', { headers: owner, data: { name: ITEM, category: 'side', priceCents: 700, pricing: 'flat', active: true, sortOrder: 999, _status: 'published' } })
  expect(created.status(), await created.text()).toBe(201)
  const { doc } = (await created.json()) as { doc: { id: number } }

  const publicMenu = async () => (await request.get('/menu', { headers: { 'Cache-Control': 'no-cache' } })).text()
  await expect.poll(publicMenu, { message: 'the new item is on the public menu', timeout: 30_000 }).toContain(ITEM)

  // The editor signs in (the page's cookie jar) and opens the item with live preview.
  const login = await page.request.post('/api/users/login', { data: EDITOR })
  expect(login.status()).toBe(200)
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`/admin/collections/menu-items/${doc.id}`)
  await page.locator('#live-preview-toggler').click()
  const preview = page.frameLocator('#live-preview-iframe')
  const card = preview.locator('article.menu-item', { hasText: ITEM })
  await expect(card).toContainText('$7 flat')
  await expect(preview.getByRole('status')).toContainText('unpublished drafts are shown')

  // axe on the live preview in the edit view (Payload fades its overlays in first): the framed
  // storefront in preview mode, which is ours. Payload's own form controls and its iframe (no
  // title) have violations of their own upstream (README "Content editors"), not checked here.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  const axe = await new AxeBuilder({ page }).include('#live-preview-iframe').disableRules(['frame-title']).withTags(['wcag2a', 'wcag2aa']).analyze()
  const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(severe.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe on the live-preview edit view').toEqual([])

  // A draft price: the preview shows it, the public does not.
  await page.locator('#field-priceCents').fill('1234')
  await page.getByRole('button', { name: 'Save Draft' }).click()
  await expect(card).toContainText('$12.34 flat')
  const menuNow = await publicMenu()
  expect(menuNow).toContain(ITEM)
  expect(menuNow, 'the draft price never reaches the public menu').not.toContain('$12.34')
  const viaApi = await request.get(`/api/menu-items/${doc.id}?draft=true&depth=0`)
  expect(((await viaApi.json()) as { priceCents?: number }).priceCents, 'anonymous ?draft=true reads the published price').toBe(700)

  // Published: the public menu shows the new price at once (its cache was purged).
  await page.getByRole('button', { name: 'Publish changes' }).click()
  await expect(page.getByText(/published successfully|Updated successfully/i).first()).toBeVisible()
  await expect.poll(publicMenu, { message: 'the published price on the public menu', timeout: 30_000 }).toContain('$12.34')
})
