/**
 * The storefront served from Next's cache, against the production build: a content page is
 * rendered once and then served from the cache (`x-nextjs-cache: HIT`) with a header a CDN may
 * hold and nothing that keeps it out of the back/forward cache, while per-visitor pages stay
 * `private, no-store`; a change made through Payload's REST API by staff (a menu item, a page, the
 * settings) shows on the next request; and with a second instance of the build on the same
 * database and Redis (started here: tests/e2e/second-server.ts), a menu change saved on one shows
 * on the other at once (polled for 5 s; the ms it took are noted
 * on the test), although the other had the page cached for an hour. /book is served from the cache and still reads a link's pre-fill in the browser.
 */
import { expect, test, type APIRequestContext } from '@playwright/test'

import { startSecondServer } from './second-server'
import { staffToken } from './support'

const run = Date.now().toString(36)
// A second instance needs this run's database and Redis (it is started from this process's
// environment, which the run's server shares): not there against a server of someone else's.
const canStartOther = !process.env.E2E_BASE_URL
const sharedRedis = Boolean(process.env.REDIS_URL)

async function get(request: APIRequestContext, url: string): Promise<{ cache: string | undefined; control: string | undefined; html: string }> {
  const res = await request.get(url, { maxRedirects: 0 })
  expect(res.status(), url).toBe(200)
  return { cache: res.headers()['x-nextjs-cache'], control: res.headers()['cache-control'], html: await res.text() }
}

/** Reads `url` until it answers from the cache (a render of another spec's change may come first). */
async function cachedCopy(request: APIRequestContext, url: string): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const r = await get(request, url)
    if (r.cache === 'HIT') return r.html
  }
  throw new Error(`${url} was never served from the cache`)
}

test.describe.configure({ mode: 'serial' })

test('content pages are rendered once, then served from the cache with a header a CDN may hold', async ({ request }) => {
  for (const path of ['/', '/menu', '/faq', '/contact', '/policies', '/book']) {
    await get(request, path)
    const again = await get(request, path)
    expect(again.cache, path).toBe('HIT')
    expect(again.control, path).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
    expect(again.html).not.toMatch(/onunload|addEventListener\(['"]unload/)
  }
  for (const path of ['/account', `/booking/not-a-real-token-${run}`]) {
    const res = await request.get(path)
    expect(res.headers()['cache-control'], path).toContain('no-store')
    expect(res.headers()['x-nextjs-cache'], path).toBeUndefined()
  }
})

test('a menu item, a page and the settings changed through the API show on the next request', async ({ request }) => {
  const auth = { Authorization: `JWT ${await staffToken(request)}` }

  const items = (await (await request.get('/api/menu-items?limit=1&sort=sortOrder&where[active][equals]=true&depth=0')).json()) as { docs: { id: number; name: string }[] }
  const item = items.docs[0]
  if (!item) throw new Error('the seed has no active menu item')
  await cachedCopy(request, '/menu')
  const renamed = `${item.name} ${run}`
  expect((await request.patch(`/api/menu-items/${item.id}`, { data: { name: renamed }, headers: auth })).status()).toBe(200)
  expect((await get(request, '/menu')).html).toContain(renamed)
  expect((await request.patch(`/api/menu-items/${item.id}`, { data: { name: item.name }, headers: auth })).status()).toBe(200)
  expect((await get(request, '/menu')).html).not.toContain(renamed)

  const pages = (await (await request.get('/api/pages?where[slug][equals]=faq&depth=0', { headers: auth })).json()) as { docs: { id: number; title: string }[] }
  const faq = pages.docs[0]
  if (!faq) throw new Error('the seed has no faq page')
  await cachedCopy(request, '/faq')
  const title = `Questions ${run}`
  expect((await request.patch(`/api/pages/${faq.id}`, { data: { title, _status: 'published' }, headers: auth })).status()).toBe(200)
  expect((await get(request, '/faq')).html).toContain(title)
  expect((await request.patch(`/api/pages/${faq.id}`, { data: { title: faq.title, _status: 'published' }, headers: auth })).status()).toBe(200)

  const settings = (await (await request.get('/api/globals/business-settings?depth=0', { headers: auth })).json()) as { phone?: string | null }
  await cachedCopy(request, '/contact')
  const phone = '(555) 010-4242'
  expect((await request.post('/api/globals/business-settings', { data: { phone }, headers: auth })).status()).toBe(200)
  expect((await get(request, '/contact')).html).toContain(phone)
  expect((await request.post('/api/globals/business-settings', { data: { phone: settings.phone ?? null }, headers: auth })).status()).toBe(200)
  expect((await get(request, '/contact')).html).not.toContain(phone)
})

test('a menu change saved on one instance shows on the other without waiting for the page to expire', async ({ request, playwright }) => {
  test.skip(!canStartOther || !sharedRedis, 'needs a second instance on this run\'s database and REDIS_URL (the instances share tag invalidations through Redis)')
  test.setTimeout(240_000)
  // The same build on the same database and Redis key prefix: a second app instance behind a load balancer.
  const instance = await startSecondServer({ env: {}, readyWhen: 'live' })
  const other = await playwright.request.newContext({ baseURL: instance.base })
  try {
    const auth = { Authorization: `JWT ${await staffToken(request)}` }
    const items = (await (await request.get('/api/menu-items?limit=1&sort=sortOrder&where[active][equals]=true&depth=0')).json()) as { docs: { id: number; name: string }[] }
    const item = items.docs[0]
    if (!item) throw new Error('the seed has no active menu item')
    // The other instance holds /menu in its cache before the change.
    expect(await cachedCopy(other, '/menu')).toContain(item.name)

    const renamed = `${item.name} from A ${run}`
    expect((await request.patch(`/api/menu-items/${item.id}`, { data: { name: renamed }, headers: auth })).status()).toBe(200)
    const saved = Date.now()
    let seenAfter = -1
    while (Date.now() - saved < 5_000) {
      if ((await get(other, '/menu')).html.includes(renamed)) {
        seenAfter = Date.now() - saved
        break
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    // Shown within the 5 s polled (without the shared invalidation the other instance would serve
    // its copy for the page's hour). How soon is a figure, not a pass mark: the other instance
    // renders the page again first, and a loaded CI machine takes its time — it is reported here
    // and measured in the benchmark, never asserted against a clock.
    expect(seenAfter, 'ms until the other instance showed the change (polled 5 s)').toBeGreaterThanOrEqual(0)
    test.info().annotations.push({ type: 'ms until the other instance showed the change', description: String(seenAfter) })
    // And from there on from its cache again.
    expect(await cachedCopy(other, '/menu')).toContain(renamed)
    expect((await request.patch(`/api/menu-items/${item.id}`, { data: { name: item.name }, headers: auth })).status()).toBe(200)
  } finally {
    await other.dispose()
    await instance.stop()
  }
})

test('/book comes from the cache and still takes a link’s pre-fill in the browser', async ({ page, request }) => {
  // A write just before (the previous test restores a menu item) is purged twice: at once and
  // 750 ms later (src/infra/page-cache/tags.ts invalidateTagsTwice), so the copy cached between
  // the two is dropped once more and the browser's visit may be the render after it (one CI run
  // failed so). A page that a link's query string kept out of the cache would miss every time.
  const seen: (string | undefined)[] = []
  for (let attempt = 0; attempt < 3 && seen.at(-1) !== 'HIT'; attempt++) {
    await cachedCopy(request, '/book')
    const response = await page.goto('/book?adults=7&children=1&zip=bad')
    seen.push(response?.headers()['x-nextjs-cache'])
  }
  expect(seen.at(-1), `x-nextjs-cache of each visit: ${seen.join(', ')}`).toBe('HIT')
  // Applied, then taken out of the address bar (the draft holds the answers from there on).
  await expect(page).toHaveURL(/\/book$/)
  const stored = await page.evaluate(() => window.sessionStorage.getItem('myhibachi.booking-draft.v1'))
  expect(JSON.parse(stored ?? '{}')).toMatchObject({ adults: 7, children: 1 })
})
