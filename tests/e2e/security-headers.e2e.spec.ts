/**
 * Security headers on real responses of the production build (src/http/security-headers.ts, applied
 * by src/proxy.ts and src/server.ts): each header on a storefront content page, the booking form,
 * a manage page, the admin and an API route; the nonce new per response and on every script Next
 * emitted; a client cannot pick the nonce; and in Chromium zero `securitypolicyviolation` events
 * on /, /menu, /faq, the other content pages, /account, /book (through its first steps), a
 * client-side navigation each way, the chat socket, and the admin (log in, open a booking, edit a
 * rich-text field, preview an email).
 */
import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test'

import { OWNER, staffToken } from './support'

const run = Date.now().toString(36)

type Headers = Record<string, string>

/** The directives of a CSP header value, by name. */
function directives(policy: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name, values)
  }
  return map
}

/** The headers every response carries in production. */
function expectBaseHeaders(headers: Headers, what: string, referrerPolicy = 'strict-origin-when-cross-origin'): void {
  expect(headers['strict-transport-security'], `HSTS on ${what}`).toBe('max-age=63072000; includeSubDomains')
  expect(headers['x-content-type-options'], `nosniff on ${what}`).toBe('nosniff')
  expect(headers['referrer-policy'], `Referrer-Policy on ${what}`).toBe(referrerPolicy)
  expect(headers['cross-origin-opener-policy'], `COOP on ${what}`).toBe('same-origin')
  expect(headers['x-frame-options'], `X-Frame-Options on ${what}`).toBe('DENY')
  const permissions = headers['permissions-policy'] ?? ''
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions, `Permissions-Policy on ${what}`).toContain(`${feature}=()`)
}

/** The nonce of a page's CSP, after checking the policy a page rendered per request must have. */
function expectNoncePolicy(headers: Headers, what: string): string {
  const csp = directives(headers['content-security-policy'])
  const scripts = csp.get('script-src') ?? []
  const nonce = /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(scripts.find((s) => s.startsWith("'nonce-")) ?? '')?.[1]
  expect(nonce, `a nonce in script-src on ${what}`).toBeTruthy()
  expect(scripts, `script-src on ${what}`).toContain("'strict-dynamic'")
  expect(scripts, `no inline or eval scripts on ${what}`).not.toContain("'unsafe-inline'")
  expect(scripts).not.toContain("'unsafe-eval'")
  expect(csp.get('frame-ancestors'), `frame-ancestors on ${what}`).toEqual(["'none'"])
  expect(csp.get('object-src')).toEqual(["'none'"])
  expect(csp.get('base-uri')).toEqual(["'none'"])
  expect(csp.get('connect-src'), 'the chat socket on this origin').toEqual(expect.arrayContaining(["'self'", expect.stringMatching(/^ws:\/\/localhost:\d+$/)]))
  return nonce ?? ''
}

/** Every <script> in the HTML except JSON-LD data blocks (which never run), with its nonce attribute. */
function scriptsOf(html: string): { tag: string; nonce: string | undefined }[] {
  return [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => !/type="application\/ld\+json"/.test(tag))
    .map((tag) => ({ tag, nonce: /\bnonce="([^"]*)"/.exec(tag)?.[1] }))
}

/** Checks every script Next emitted carries this response's nonce; returns how many were inline. */
async function expectScriptsNonced(res: APIResponse, nonce: string, what: string): Promise<number> {
  const scripts = scriptsOf(await res.text())
  expect(scripts.length, `scripts on ${what}`).toBeGreaterThan(0)
  expect(scripts.filter((s) => s.nonce !== nonce).map((s) => s.tag), `scripts without this response's nonce on ${what}`).toEqual([])
  return scripts.filter((s) => !s.tag.includes(' src=')).length
}

/** A fresh manage link: a booking made through the public API on the first free evening. */
async function manageLink(request: APIRequestContext): Promise<string> {
  const from = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
  const to = new Date(Date.now() + 50 * 86_400_000).toISOString().slice(0, 10)
  const res = await request.get(`/api/availability?from=${from}&to=${to}&guests=8`)
  expect(res.status()).toBe(200)
  const { days } = (await res.json()) as { days: { date: string; slots: { time: string; available: boolean }[] }[] }
  for (const day of days) {
    for (const slot of day.slots.filter((s) => s.available)) {
      const created = await request.post('/api/bookings', {
        data: {
          eventDate: day.date,
          startTime: slot.time,
          guests: { adults: 8, children: 0 },
          address: { street: '1 Header Way', city: 'New York', state: 'NY', zip: '10001' },
          contact: { name: `Header Hale ${run}`, email: `e2e.headers.${run}@example.com`, phone: '(212) 555-0188' },
        },
      })
      if (created.status() === 201) return `/booking/${((await created.json()) as { doc: { manageToken: string } }).doc.manageToken}`
    }
  }
  throw new Error(`no free slot between ${from} and ${to}`)
}

test.describe.configure({ mode: 'serial' })

test('a content page and the booking form’s static shell have every header and the nonce-less policy a cached page can carry', async ({ request }) => {
  for (const path of ['/', '/menu', '/book']) {
    const res = await request.get(path)
    expect(res.status()).toBe(200)
    const headers = res.headers()
    expectBaseHeaders(headers, path)
    const csp = directives(headers['content-security-policy'])
    expect(csp.get('script-src'), `script-src on ${path}`).toEqual(["'self'", "'unsafe-inline'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors'), `frame-ancestors on ${path}`).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(headers['content-security-policy'], 'no nonce and no eval in a policy that may be cached').not.toMatch(/nonce-|unsafe-eval/)
    // The same policy for everyone, so a shared cache may keep it with the page.
    expect((await request.get(path)).headers()['content-security-policy']).toBe(headers['content-security-policy'])
    expect(scriptsOf(await res.text()).filter((s) => s.nonce !== undefined), `no nonce attributes on ${path}`).toEqual([])
  }
})

test('a page rendered per request (the account page) gets a new nonce per response, on every script Next emitted', async ({ request }) => {
  const first = await request.get('/account')
  const second = await request.get('/account')
  expect(first.status()).toBe(200)
  expectBaseHeaders(first.headers(), '/account', 'no-referrer')
  const nonce1 = expectNoncePolicy(first.headers(), '/account')
  const nonce2 = expectNoncePolicy(second.headers(), '/account')
  expect(nonce1).not.toBe(nonce2)
  expect(Buffer.from(nonce1, 'base64').length, '128-bit nonce').toBeGreaterThanOrEqual(16)
  expect(await expectScriptsNonced(first, nonce1, '/account'), 'inline scripts (the RSC payload) on /account').toBeGreaterThan(0)
  await expectScriptsNonced(second, nonce2, '/account (again)')
})

test('a client cannot choose the nonce a page is rendered with', async ({ request }) => {
  const chosen = 'Y2hvc2VuYnl0aGVjbGllbnQ='
  const spoof = { 'Content-Security-Policy': `script-src 'nonce-${chosen}'` }
  const account = await request.get('/account', { headers: spoof })
  expect(expectNoncePolicy(account.headers(), '/account')).not.toBe(chosen)
  const menu = await request.get('/menu', { headers: spoof })
  expect(await menu.text()).not.toContain(chosen)
  expect(menu.headers()['content-security-policy']).not.toContain(chosen)
})

test('a manage page has the nonce policy and sends no referrer', async ({ request }) => {
  const path = await manageLink(request)
  const res = await request.get(path)
  expect(res.status()).toBe(200)
  expectBaseHeaders(res.headers(), 'the manage page', 'no-referrer')
  expect(res.headers()['cache-control']).toBe('private, no-store')
  await expectScriptsNonced(res, expectNoncePolicy(res.headers(), 'the manage page'), 'the manage page')
  // The manage API sets its own Referrer-Policy: the server's default must not replace it.
  const api = await request.get(`/api/bookings/manage/${path.split('/').pop() ?? ''}`)
  expect(api.status()).toBe(200)
  expectBaseHeaders(api.headers(), 'the manage API', 'no-referrer')
})

test('the admin has a nonce policy with the styles and images Payload needs', async ({ request }) => {
  const res = await request.get('/admin/login')
  expect(res.status()).toBe(200)
  const headers = res.headers()
  expectBaseHeaders(headers, '/admin/login')
  const nonce = expectNoncePolicy(headers, '/admin/login')
  await expectScriptsNonced(res, nonce, '/admin/login')
  const csp = directives(headers['content-security-policy'])
  // Payload's run-time styles, and Monaco's stylesheet from jsDelivr (its JSON/code fields).
  expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'])
  expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
})

test('API answers cannot run anything or be framed', async ({ request }) => {
  for (const path of [`/api/availability?from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`, '/api/pages?limit=1', '/api/no-such-route']) {
    const res = await request.get(path)
    const headers = res.headers()
    expectBaseHeaders(headers, path)
    expect(headers['content-type']).toContain('application/json')
    const csp = directives(headers['content-security-policy'])
    expect(csp.get('default-src'), `default-src on ${path}`).toEqual(["'none'"])
    expect(csp.get('frame-ancestors'), `frame-ancestors on ${path}`).toEqual(["'none'"])
    expect(csp.has('script-src')).toBe(false)
  }
})

test("an uploaded file keeps its own policy (sandboxed, images only) beside the server's headers", async ({ request }) => {
  const token = await staffToken(request)
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
  const upload = await request.post('/api/media', {
    headers: { Authorization: `JWT ${token}` },
    multipart: { file: { name: `headers-${run}.png`, mimeType: 'image/png', buffer: png }, _payload: JSON.stringify({ alt: 'A dot' }) },
  })
  expect(upload.status(), await upload.text()).toBe(201)
  const { doc } = (await upload.json()) as { doc: { url: string } }
  const file = await request.get(new URL(doc.url).pathname)
  expect(file.status()).toBe(200)
  expectBaseHeaders(file.headers(), 'an uploaded file')
  const csp = directives(file.headers()['content-security-policy'])
  expect(csp.get('default-src')).toEqual(["'none'"])
  expect(csp.has('sandbox')).toBe(true)
  expect(csp.get('frame-ancestors')).toEqual(["'none'"])
})

/** Collects every CSP violation in every frame of the page, and console lines about CSP. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = []
  await page.exposeBinding('__reportCspViolation', (source, v: { directive: string; blocked: string; source: string; sample: string }) => {
    seen.push(`${source.frame.url()}: ${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source} ${v.sample}`)
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (v: unknown) => Promise<void> }).__reportCspViolation
      void report?.({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample })
    })
  })
  page.on('console', (m) => {
    if (/Content Security Policy|Permissions-Policy|Refused to/i.test(m.text())) seen.push(`console ${m.type()}: ${m.text()}`)
  })
  return seen
}

test('the storefront runs in Chromium with zero CSP violations: pages, booking steps, navigation, chat', async ({ page }) => {
  test.setTimeout(180_000)
  const violations = await watchViolations(page)

  // Home, with the chat: its WebSocket to /ws/chat on this origin opens and the server greets it.
  const greeted = { value: false }
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).pathname === '/ws/chat') ws.on('framereceived', () => (greeted.value = true))
  })
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Chat with us' }).click()
  await expect.poll(() => greeted.value, { message: 'the chat socket received a frame', timeout: 30_000 }).toBe(true)

  for (const path of ['/menu', '/faq', '/contact', '/policies', '/api-docs', '/account']) {
    await page.goto(path)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await page.waitForLoadState('networkidle')
  }

  // The booking form's first steps: availability, a time, the live quote.
  await page.goto('/book')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book your hibachi party')
  const soonest = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10)
  let pick = ''
  for (let i = 0; i < 3 && !pick; i++) {
    await expect(page.locator('button.calendar-day[data-state="available"]').first()).toBeVisible()
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
  await page.getByLabel('Adults').fill('8')
  await expect(page.locator('.quote-status')).toContainText('Total')

  // A client-side navigation from the nonce page to a content page, and back to the home page.
  await page.getByRole('link', { name: 'Menu and prices' }).click()
  await expect(page).toHaveURL(/\/menu$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Book', exact: true }).click()
  await expect(page).toHaveURL(/\/book$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Book your hibachi party')
  await page.waitForLoadState('networkidle')

  expect(violations).toEqual([])
})

test('the admin runs in Chromium with zero CSP violations: log in, a booking, rich text, an email preview', async ({ page, request }) => {
  test.setTimeout(180_000)
  await staffToken(request) // the owner exists
  const violations = await watchViolations(page)
  page.on('dialog', (d) => void d.accept())

  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(OWNER.email)
  await page.getByLabel('Password').fill(OWNER.password)
  await page.getByRole('button', { name: /login/i }).click()
  await expect(page).toHaveURL(/\/admin\/?$/, { timeout: 60_000 })

  // A booking: the list, then one booking's edit view.
  await page.goto('/admin/collections/bookings')
  const firstBooking = page.locator('.table a[href*="/admin/collections/bookings/"]').first()
  await expect(firstBooking).toBeVisible({ timeout: 60_000 })
  await firstBooking.click()
  await expect(page).toHaveURL(/\/admin\/collections\/bookings\/\d+/)
  await expect(page.locator('.document-fields, .collection-edit').first()).toBeVisible({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')

  // A rich-text field (Lexical), edited but not saved; then "Preview email" (a sandboxed srcdoc frame).
  await page.goto('/admin/collections/email-templates/create')
  // The event first (react-select: its menu is one more run-time style), so the preview can render.
  // A click before React has hydrated the form lands on inert markup and opens nothing (a CI run
  // waited three minutes for the menu): open it until the options show.
  const firstOption = page.locator('.rs__option').first()
  await expect(async () => {
    await page.locator('.field-type.select').first().click()
    await expect(firstOption).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await firstOption.click()
  const editor = page.locator('[data-lexical-editor="true"]').first()
  await expect(editor).toBeVisible({ timeout: 60_000 })
  await editor.click()
  await page.keyboard.type(`Hello {{customerName}}, see you soon (${run}).`)
  await expect(editor).toContainText(`see you soon (${run})`)
  await page.getByRole('button', { name: 'Preview email' }).click()
  await expect(page.locator('iframe[title="HTML part of the email"]')).toBeVisible({ timeout: 30_000 })
  await page.waitForTimeout(1_000)

  expect(violations).toEqual([])
})
