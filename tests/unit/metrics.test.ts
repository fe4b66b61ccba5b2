/**
 * Metric labels: requests are labelled by route TEMPLATE, never by the path as sent — an id, a
 * manage-link token or an account token must never become a label value (it would reach the
 * scraper's storage, and every new value would be a new series). Plus the status/method labels,
 * the bearer check of the metrics listener and its environment variables.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { methodLabel, metricsRegistry, observeHttpRequest, routeTemplate, statusClass } from '../../src/infra/metrics'
import { parseEnv } from '../../src/server/env'
import { hasBearerToken } from '../../src/server/metrics-server'

const TOKEN = 'Qm7xY2pL9vRt4sWz0aBcDeFgHiJkLmNo'

describe('route templates', () => {
  it.each([
    ['/', '/'],
    ['/book', '/book'],
    ['/BOOK/?step=2', '/book'],
    ['/menu#top', '/menu'],
    ['/booking/return?session=cs_test_123', '/booking/return'],
    [`/booking/${TOKEN}`, '/booking/:token'],
    [`/account/verify/${TOKEN}`, '/account/verify/:token'],
    [`/account/reset-password/${TOKEN}`, '/account/reset-password/:token'],
    [`/account/login/${TOKEN}`, '/account/login/:token'],
    ['/account', '/account'],
    ['/api-docs', '/api-docs'],
    ['/_next/static/chunks/app/page-3f2a1b4c5d6e7f89.js', '/_next/static/*'],
    ['/_next/image?url=%2Fimages%2Fhero.jpg&w=640&q=75', '/_next/image'],
    ['/_next/webpack-hmr', '/_next/webpack-hmr'],
    ['/images/hero.jpg', '/images/*'],
    ['/favicon.ico', '/favicon.ico'],
    ['/robots.txt', '/robots.txt'],
    ['/api/bookings', '/api/bookings'],
    ['/api/bookings/123', '/api/bookings/:id'],
    ['/api/bookings/%31%32%33', '/api/bookings/:id'],
    ['/api/Bookings/42/', '/api/bookings/:id'],
    ['/api/./x/../bookings/7', '/api/bookings/:id'],
    ['http://shop.example/api/bookings/9?depth=2', '/api/bookings/:id'],
    [`/api/bookings/manage/${TOKEN}`, '/api/bookings/manage/:token'],
    [`/api/bookings/manage/${TOKEN}/cancel`, '/api/bookings/manage/:token/cancel'],
    [`/api/bookings/manage/${TOKEN}/calendar.ics`, '/api/bookings/manage/:token/calendar.ics'],
    [`/api/bookings/pay/${TOKEN}`, '/api/bookings/pay/:token'],
    [`/api/bookings/manage/${TOKEN}/deposit`, '/api/bookings/manage/:token/deposit'],
    ['/api/globals/business-settings/access', '/api/globals/business-settings/access'],
    ['/api/bookings/17/balance-link', '/api/bookings/:id/balance-link'],
    ['/api/bookings/return', '/api/bookings/return'],
    ['/api/customers/login', '/api/customers/login'],
    [`/api/customers/verify/${TOKEN}`, '/api/customers/verify/:token'],
    ['/api/customers/login-link/redeem', '/api/customers/login-link/redeem'],
    ['/api/users/me', '/api/users/me'],
    ['/api/customers/me/bookings/31/manage-link', '/api/customers/me/bookings/:id/manage-link'],
    ['/api/customers/me/export', '/api/customers/me/export'],
    ['/api/openapi.json', '/api/openapi.json'],
    ['/api/threads/5/chat/takeover', '/api/threads/:id/chat/takeover'],
    ['/api/media/file/party-photo.jpg', '/api/media/file/:filename'],
    ['/api/payload-preferences/bookings-list', '/api/payload-preferences/:id'],
    ['/api/globals/business-settings', '/api/globals/business-settings'],
    ['/api/globals/secret-plans', '/api/globals/:global'],
    ['/api/health/ready', '/api/health/ready'],
    ['/api/graphql', '/api/graphql'],
    ['/api/vitals', '/api/vitals'],
    ['/admin', '/admin'],
    ['/admin/collections/bookings/42', '/admin/collections/bookings/:id'],
    ['/admin/collections/made-up-slug', '/admin/collections/:collection'],
    ['/admin/globals/business-settings', '/admin/globals/business-settings'],
    ['/admin/account', '/admin/*'],
    ['/wp-login.php', 'other'],
    ['/api/made-up', 'other'],
    ['/api/bookings/1/made-up', 'other'],
    [`/booking/${TOKEN}/extra`, 'other'],
  ])('%s → %s', (path, template) => {
    expect(routeTemplate(path)).toBe(template)
  })

  /** Every literal a template may contain; anything else in one would have come from the request. */
  const VOCABULARY = new Set([
    ...['', 'api-docs', 'book', 'menu', 'faq', 'contact', 'policies', 'account', 'booking', 'return', 'login', 'reset-password', 'verify'],
    ...['robots.txt', 'sitemap.xml', 'favicon.ico', 'site.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png', 'apple-touch-icon.png', 'og-image.png'],
    ...['_next', 'static', 'image', 'webpack-hmr', 'images', 'fonts', 'admin', 'collections', 'globals'],
    ...['api', 'health', 'live', 'ready', 'availability', 'quote', 'client-errors', 'vitals', 'stripe', 'webhook', 'twilio', 'sms', 'status', 'inbound', 'email', 'graphql', 'graphql-playground', 'access', 'openapi.json'],
    ...['users', 'customers', 'bookings', 'payments', 'threads', 'messages', 'email-templates', 'menu-items', 'pages', 'media', 'stripe-events'],
    ...['payload-kv', 'payload-jobs', 'payload-locked-documents', 'payload-preferences', 'payload-migrations', 'business-settings'],
    ...['manage', 'cancel', 'reschedule', 'calendar.ics', 'pay', 'balance-link', 'anonymise', 'reply', 'retry', 'read', 'duplicate', 'chat', 'takeover', 'release'],
    ...['export', 'deletion-request', 'manage-link', 'deposit', 'balance', 'paste-url'],
    ...['logout', 'me', 'refresh-token', 'forgot-password', 'unlock', 'first-register', 'init', 'count', 'versions', 'login-link', 'redeem', 'refund', 'preview', 'file'],
    ...[':id', ':token', ':filename', ':collection', ':global', '*'],
  ])

  const isTemplate = (t: string) => t === 'other' || (t.startsWith('/') && t.split('/').slice(1).every((segment) => VOCABULARY.has(segment)))

  /** A segment shaped like an id or a token: at least one digit, so it can never be a vocabulary word. */
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{19,60}[0-9]$/)
  const word = fc.constantFrom(...[...VOCABULARY].filter((w) => w !== '' && !w.startsWith(':') && w !== '*'))
  const segment = fc.oneof(word, secret, fc.string({ maxLength: 12 }), fc.constantFrom('.', '..', '%2e', '', 'A%2Fb'))

  it('maps any path, however spelled, to a template made only of known words and placeholders', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 7 }), fc.constantFrom('', '?q=1', '#x', '/'), (segments, tail) => {
        const template = routeTemplate(`/${segments.join('/')}${tail}`)
        expect(isTemplate(template), template).toBe(true)
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.webPath(), (raw, webPath) => {
        expect(isTemplate(routeTemplate(raw))).toBe(true)
        expect(isTemplate(routeTemplate(webPath))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('never puts an id or a token into the label, wherever it appears', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(word, secret), { minLength: 1, maxLength: 6 }), secret, fc.nat(6), (segments, token, at) => {
        const parts = [...segments]
        parts.splice(Math.min(at, parts.length), 0, token)
        const template = routeTemplate(`/${parts.join('/')}`)
        expect(template.toLowerCase()).not.toContain(token.toLowerCase())
      }),
      { numRuns: 2000 },
    )
  })

  it('labels the pages that carry tokens by their template', () => {
    fc.assert(
      fc.property(secret, (token) => {
        expect(routeTemplate(`/booking/${token}`)).toBe('/booking/:token')
        expect(routeTemplate(`/api/bookings/manage/${token}/reschedule`)).toBe('/api/bookings/manage/:token/reschedule')
        expect(routeTemplate(`/api/customers/verify/${token}`)).toBe('/api/customers/verify/:token')
      }),
    )
  })
})

describe('method and status labels', () => {
  it('keeps the standard methods and folds the rest into other', () => {
    expect(methodLabel('get')).toBe('GET')
    expect(methodLabel('PATCH')).toBe('PATCH')
    expect(methodLabel('PROPFIND')).toBe('other')
    expect(methodLabel(undefined)).toBe('other')
  })

  it('labels a status by its class, and a response the client left as aborted', () => {
    expect(statusClass(204, true)).toBe('2xx')
    expect(statusClass(429, true)).toBe('4xx')
    expect(statusClass(503, true)).toBe('5xx')
    expect(statusClass(200, false)).toBe('aborted')
    expect(statusClass(999, true)).toBe('other')
  })
})

describe('the HTTP histogram', () => {
  it('records a request under its template and nothing of its path', async () => {
    const req = { url: `/booking/${TOKEN}?ref=mail`, method: 'GET' } as IncomingMessage
    const res = { statusCode: 200, writableFinished: true } as ServerResponse
    observeHttpRequest(req, res, 0.042)
    const text = await metricsRegistry().metrics()
    expect(text).toContain('myhibachi_http_request_duration_seconds_count{route="/booking/:token",method="GET",status_class="2xx"} 1')
    expect(text).not.toContain(TOKEN)
  })
})

describe('the metrics listener’s bearer check', () => {
  it('accepts exactly the token, as a Bearer credential', () => {
    expect(hasBearerToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true)
    expect(hasBearerToken(`bearer ${TOKEN}`, TOKEN)).toBe(true)
    expect(hasBearerToken(`Bearer ${TOKEN}x`, TOKEN)).toBe(false)
    expect(hasBearerToken(`Basic ${TOKEN}`, TOKEN)).toBe(false)
    expect(hasBearerToken(undefined, TOKEN)).toBe(false)
    expect(hasBearerToken('Bearer ', TOKEN)).toBe(false)
  })
})

describe('metrics settings', () => {
  const base = { NODE_ENV: 'production', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com' } as const

  it('is off by default, on loopback when a port is given', () => {
    expect(parseEnv({ ...base }).METRICS_PORT).toBeUndefined()
    const on = parseEnv({ ...base, METRICS_PORT: '9464' })
    expect(on.METRICS_PORT).toBe(9464)
    expect(on.METRICS_HOST).toBe('127.0.0.1')
    expect(on.METRICS_TOKEN).toBeUndefined()
  })

  it('refuses a bad port, the public port, and a short token, naming the variable', () => {
    expect(() => parseEnv({ ...base, METRICS_PORT: '70000' })).toThrow('Invalid environment: METRICS_PORT expected a port number from 1 to 65535')
    expect(() => parseEnv({ ...base, METRICS_PORT: '3000' })).toThrow(/METRICS_PORT must differ from PORT/)
    expect(() => parseEnv({ ...base, METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toThrow('Invalid environment: METRICS_TOKEN expected at least 16 characters')
    expect(parseEnv({ ...base, METRICS_PORT: '9464', METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN)
  })
})
