/**
 * Error tracking (Sentry) in the production build, in Chromium:
 * - Off: the suite's server has no SENTRY_DSN. `/` and `/admin` render, the browser asks
 *   GET /api/error-tracking (`dsn: null`), never loads the SDK, and no request leaves the site.
 * - On: a second server from the same build, started here with SENTRY_DSN pointing at a fake
 *   ingest this spec runs (tests/helpers/fake-sentry.ts, the envelope protocol over HTTP). An
 *   uncaught error in the page reaches the fake from the browser, with the release and
 *   environment, and without the page's e-mail address, phone number, link token or query string.
 *   That server runs no jobs and no chat (JOBS_ENABLED, CHAT_ENABLED false), so it touches nothing
 *   the other specs use; it creates no user.
 */
import { expect, test, type Page, type Request } from '@playwright/test'

import { startFakeSentry, type FakeSentry } from '../helpers/fake-sentry'
import { startSecondServer, type SecondServer } from './second-server'

/** Every request the page makes, by URL. */
function recordRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (r: Request) => urls.push(r.url()))
  return urls
}

test.describe('error tracking off (no SENTRY_DSN)', () => {
  test('the storefront and the admin render, load no SDK and send nothing anywhere else', async ({ page, baseURL }) => {
    const urls = recordRequests(page)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    const config = page.waitForResponse((r) => r.url().endsWith('/api/error-tracking'))
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await (await config).json()).toEqual({ dsn: null })
    await page.goto('/admin')
    // The create-first-user form or the login form, whichever this run's database calls for: not blank.
    await expect(page.getByLabel('Email')).toBeVisible({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    expect(await page.evaluate(() => '__SENTRY__' in window)).toBe(false)
    const origin = new URL(baseURL ?? '').origin
    expect(urls.filter((u) => new URL(u).origin !== origin)).toEqual([])
    expect(urls.filter((u) => /envelope|sentry/i.test(u))).toEqual([])
    expect(errors).toEqual([])
  })
})

test.describe('error tracking on', () => {
  const release = `myhibachi@e2e-${Date.now().toString(36)}`
  let fake: FakeSentry
  let server: SecondServer | undefined
  let base = ''

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    fake = await startFakeSentry()
    // The build the suite made (or the one in .next when E2E_BASE_URL names a server of your own).
    server = await startSecondServer({ env: { SENTRY_DSN: fake.dsn(), SENTRY_RELEASE: release, SENTRY_ENVIRONMENT: 'e2e' }, readyWhen: 'live' })
    base = server.base
  })

  test.afterAll(async () => {
    await server?.stop()
    await fake?.close()
  })

  test('an uncaught browser error reaches Sentry, tagged and scrubbed', async ({ page }) => {
    const config = page.waitForResponse((r) => r.url().endsWith('/api/error-tracking'))
    await page.goto(`${base}/booking/E2eSecretToken123?email=guest%40example.com`)
    expect(await (await config).json()).toEqual({ dsn: fake.dsn(), release, environment: 'e2e', tracesSampleRate: 0 })
    await expect.poll(() => page.evaluate(() => '__SENTRY__' in window), { timeout: 30_000 }).toBe(true)
    // Loading the page sends nothing (no session, no client report): only errors are sent.
    expect(fake.envelopes).toEqual([])
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('e2e browser failure for ann@example.com, call 212-555-0199')
      }, 0)
    })
    await fake.waitFor((envelopes) => envelopes.length > 0, 20_000)
    const [event] = fake.events()
    expect(event?.platform).toBe('javascript')
    expect(event?.release).toBe(release)
    expect(event?.environment).toBe('e2e')
    expect(JSON.stringify(event?.exception)).toContain('e2e browser failure for [email], call [phone]')
    expect((event?.request as { url?: string } | undefined)?.url).toBe(`${base}/booking/[token]`)
    expect(event?.user).toBeUndefined()
    const raw = fake.envelopes.map((e) => e.raw).join('\n')
    for (const secret of ['ann@example.com', '212-555-0199', 'E2eSecretToken123', 'guest%40example.com', 'guest@example.com']) expect(raw, secret).not.toContain(secret)
    expect(fake.envelopes.flatMap((e) => e.items.map((i) => i.header.type))).toEqual(['event'])
  })
})
