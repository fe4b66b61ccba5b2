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
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'

import { expect, test, type Page, type Request } from '@playwright/test'

import { startFakeSentry, type FakeSentry } from '../helpers/fake-sentry'

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

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

test.describe('error tracking on', () => {
  const release = `myhibachi@e2e-${Date.now().toString(36)}`
  let fake: FakeSentry
  let server: ChildProcess | undefined
  let base = ''
  let output = ''

  test.beforeAll(async () => {
    test.setTimeout(180_000)
    fake = await startFakeSentry()
    const port = await freePort()
    base = `http://localhost:${port}`
    // The build the suite made (or the one in .next when E2E_BASE_URL names a server of your own).
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        PUBLIC_SERVER_URL: base,
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        // Production asks for a mail server; this one sends nothing (no jobs run here).
        SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:9',
        JOBS_ENABLED: 'false',
        CHAT_ENABLED: 'false',
        SENTRY_DSN: fake.dsn(),
        SENTRY_RELEASE: release,
        SENTRY_ENVIRONMENT: 'e2e',
        LOG_LEVEL: 'warn',
        LOG_PRETTY: 'false',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    })
    server.stdout?.on('data', (c: Buffer) => (output += c.toString()))
    server.stderr?.on('data', (c: Buffer) => (output += c.toString()))
    const deadline = Date.now() + 150_000
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the second server exited (${server.exitCode}):\n${output}`)
      const up = await fetch(`${base}/api/health/live`).then(
        (r) => r.ok,
        () => false,
      )
      if (up) break
      if (Date.now() > deadline) throw new Error(`the second server did not start:\n${output}`)
      await new Promise((r) => setTimeout(r, 500))
    }
  })

  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve))
      process.kill(-server.pid, 'SIGTERM')
      await exited
    }
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
