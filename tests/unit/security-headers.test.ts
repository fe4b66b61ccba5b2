/**
 * The security-header rules (src/http/security-headers.ts): which class each path is, the CSP of
 * each class in production and development, the Sentry origin, and the headers every response
 * carries. The browser test (tests/e2e/security-headers.e2e.spec.ts) checks them on real responses.
 */
import { describe, expect, it } from 'vitest'

import {
  baseSecurityHeaders,
  contentSecurityPolicy,
  DRAFT_MODE_COOKIE,
  mayBeFramedBySelf,
  newNonce,
  PERMISSIONS_POLICY,
  routeClassOf,
  sentryOriginOf,
  serverHeadersFor,
  usesNonce,
  type PolicyOptions,
} from '../../src/http/security-headers'

const NONCE = 'q2v0Zm5vbmNlMTIzNDU2Nw=='
const prod: PolicyOptions = { dev: false, siteOrigin: 'https://myhibachi.example' }

/** A policy's directives by name. */
function parse(policy: string | undefined): Map<string, string[]> {
  expect(policy).toBeDefined()
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(' '))
      .map(([name = '', ...values]) => [name, values]),
  )
}

describe('route classes', () => {
  it.each([
    ['/book', 'static-page'],
    ['/booking/abc123', 'dynamic-page'],
    ['/booking/return', 'dynamic-page'],
    ['/account', 'dynamic-page'],
    ['/account/verify/t0ken', 'dynamic-page'],
    ['/', 'static-page'],
    ['/menu', 'static-page'],
    ['/faq', 'static-page'],
    ['/contact', 'static-page'],
    ['/policies', 'static-page'],
    ['/our-story', 'static-page'],
    ['/bookings', 'static-page'],
    ['/booker', 'static-page'],
    ['/admin', 'admin'],
    ['/admin/collections/bookings/12', 'admin'],
    ['/administrator', 'static-page'],
    ['/api/bookings', 'api'],
    ['/api/media/file/dish.webp', 'api'],
    ['/api', 'api'],
    ['/api/graphql-playground', 'graphql-playground'],
    ['/_next/static/chunks/a.js', 'static-file'],
    ['/_next/image', 'static-file'],
  ] as const)('%s is %s', (path, routeClass) => {
    expect(routeClassOf(path)).toBe(routeClass)
  })

  it('gives a nonce to the pages rendered per request and the admin only', () => {
    expect(['dynamic-page', 'admin'].every((c) => usesNonce(c as 'admin'))).toBe(true)
    expect(['static-page', 'api', 'graphql-playground', 'static-file'].some((c) => usesNonce(c as 'api'))).toBe(false)
  })
})

describe('a nonce', () => {
  it('is 128 random bits in base64, new each time', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newNonce()))
    expect(nonces.size).toBe(200)
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16)
  })
})

describe('a page rendered per request', () => {
  const csp = parse(contentSecurityPolicy('dynamic-page', { ...prod, nonce: NONCE }))

  it('runs only scripts carrying its nonce, and what they load', () => {
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"])
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${NONCE}'`])
    expect(csp.get('style-src-attr')).toEqual(["'unsafe-inline'"])
  })

  it('cannot be framed, has no plugins, no <base> and posts forms only to this site', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
  })

  it('loads images from this site and data: (image placeholders), nothing else', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:'])
  })

  it('connects to this site and to its chat socket over wss on https', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'wss://myhibachi.example'])
    expect(csp.has('upgrade-insecure-requests')).toBe(true)
  })

  it('uses ws and does not upgrade requests on a plain-http site (a local production run)', () => {
    const local = parse(contentSecurityPolicy('dynamic-page', { ...prod, nonce: NONCE, siteOrigin: 'http://localhost:3000' }))
    expect(local.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000'])
    expect(local.has('upgrade-insecure-requests')).toBe(false)
  })

  it('refuses to build without a nonce, or with one too short to be unguessable', () => {
    expect(() => contentSecurityPolicy('dynamic-page', prod)).toThrow(/needs a base64 nonce/)
    expect(() => contentSecurityPolicy('admin', { ...prod, nonce: 'abc' })).toThrow(/needs a base64 nonce/)
    expect(() => contentSecurityPolicy('dynamic-page', { ...prod, nonce: "x' 'unsafe-inline" })).toThrow(/needs a base64 nonce/)
  })
})

describe('a page that may be served from a cache', () => {
  const policy = contentSecurityPolicy('static-page', prod)
  const csp = parse(policy)

  it('carries no nonce (it would be the same for everyone) and refuses to be given one', () => {
    expect(policy).not.toContain('nonce-')
    expect(() => contentSecurityPolicy('static-page', { ...prod, nonce: NONCE })).toThrow(/must not carry a nonce/)
  })

  it("runs this site's scripts and Next's inline RSC payload, never eval or another origin's script", () => {
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
  })

  it('is otherwise as strict as a page rendered per request', () => {
    const dynamic = parse(contentSecurityPolicy('dynamic-page', { ...prod, nonce: NONCE }))
    for (const name of ['default-src', 'img-src', 'font-src', 'connect-src', 'worker-src', 'frame-src', 'object-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(csp.get(name), name).toEqual(dynamic.get(name))
    }
  })

  it('is the same for every request', () => {
    expect(contentSecurityPolicy('static-page', prod)).toBe(policy)
  })
})

describe("the storefront's inlined stylesheets", () => {
  const hashes = ["'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='"]

  it('are allowed by their hashes on every storefront page, beside a nonce where there is one', () => {
    expect(parse(contentSecurityPolicy('static-page', { ...prod, inlineStyleHashes: hashes })).get('style-src')).toEqual(["'self'", ...hashes])
    expect(parse(contentSecurityPolicy('dynamic-page', { ...prod, nonce: NONCE, inlineStyleHashes: hashes })).get('style-src')).toEqual(["'self'", `'nonce-${NONCE}'`, ...hashes])
  })

  it("are not listed where 'unsafe-inline' styles are allowed (a hash would switch it off): the admin and development", () => {
    expect(parse(contentSecurityPolicy('admin', { ...prod, nonce: NONCE, inlineStyleHashes: hashes })).get('style-src')).toEqual(["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'])
    expect(parse(contentSecurityPolicy('static-page', { ...prod, dev: true, inlineStyleHashes: hashes })).get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
  })
})

describe('the admin', () => {
  const csp = parse(contentSecurityPolicy('admin', { ...prod, nonce: NONCE }))

  it("runs its scripts by nonce, and allows the styles, blob images and fonts Payload's UI makes at run time", () => {
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"])
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'", 'https://cdn.jsdelivr.net'])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp.get('font-src')).toEqual(["'self'", 'data:', 'https://cdn.jsdelivr.net'])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
  })
})

describe('API answers', () => {
  it('may run, load or frame nothing', () => {
    const csp = parse(contentSecurityPolicy('api', prod))
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.has('script-src')).toBe(false)
  })

  it('leave Next files and the development-only GraphQL playground without a policy', () => {
    expect(contentSecurityPolicy('static-file', prod)).toBeUndefined()
    expect(contentSecurityPolicy('graphql-playground', { ...prod, dev: true })).toBeUndefined()
  })
})

describe('development', () => {
  it("adds 'unsafe-eval' (React's debugging) and unnonced styles (Turbopack), never in production", () => {
    for (const [routeClass, nonce] of [['dynamic-page', NONCE], ['static-page', undefined], ['admin', NONCE]] as const) {
      const dev = parse(contentSecurityPolicy(routeClass, { ...prod, dev: true, siteOrigin: 'http://localhost:3000', nonce }))
      expect(dev.get('script-src'), routeClass).toContain("'unsafe-eval'")
      expect(dev.get('style-src'), routeClass).toContain("'unsafe-inline'")
      expect(dev.get('connect-src'), `${routeClass}: the HMR socket`).toEqual(["'self'", 'ws://localhost:3000'])
      expect(contentSecurityPolicy(routeClass, { ...prod, nonce }), routeClass).not.toContain('unsafe-eval')
    }
  })
})

describe('error reporting (SENTRY_DSN)', () => {
  it('lets pages send to the DSN origin when one is set', () => {
    const sentryOrigin = sentryOriginOf('https://0123abcd@o42.ingest.us.sentry.io/4500')
    expect(sentryOrigin).toBe('https://o42.ingest.us.sentry.io')
    for (const routeClass of ['dynamic-page', 'admin'] as const) {
      expect(parse(contentSecurityPolicy(routeClass, { ...prod, nonce: NONCE, sentryOrigin })).get('connect-src')).toEqual(["'self'", 'wss://myhibachi.example', 'https://o42.ingest.us.sentry.io'])
    }
    expect(parse(contentSecurityPolicy('static-page', { ...prod, sentryOrigin })).get('connect-src')).toContain('https://o42.ingest.us.sentry.io')
  })

  it('keeps a port, and allows nothing for an unset, malformed or non-http DSN', () => {
    expect(sentryOriginOf('http://key@127.0.0.1:9999/1')).toBe('http://127.0.0.1:9999')
    expect(sentryOriginOf(undefined)).toBeUndefined()
    expect(sentryOriginOf('')).toBeUndefined()
    expect(sentryOriginOf('not a url')).toBeUndefined()
    expect(sentryOriginOf('javascript:alert(1)')).toBeUndefined()
  })
})

describe('the headers on every response', () => {
  const asMap = (headers: [string, string][]) => new Map(headers)

  it('pin https for two years, subdomains included, in production only', () => {
    expect(asMap(baseSecurityHeaders({ production: true })).get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains')
    expect(asMap(baseSecurityHeaders({ production: false })).has('Strict-Transport-Security')).toBe(false)
  })

  it('forbid sniffing, framing and popup openers, and send only the origin to other sites', () => {
    const headers = asMap(baseSecurityHeaders({ production: true }))
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
    expect(headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
    expect(headers.get('X-Frame-Options')).toBe('DENY')
  })

  it('deny camera, microphone, location, payment, USB and the like to every page and frame', () => {
    const features = new Map(PERMISSIONS_POLICY.split(', ').map((f) => f.split('=') as [string, string]))
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'display-capture', 'browsing-topics']) {
      expect(features.get(feature), feature).toBe('()')
    }
    expect([...features.values()].every((v) => v === '()')).toBe(true)
    expect(asMap(baseSecurityHeaders({ production: false })).get('Permissions-Policy')).toBe(PERMISSIONS_POLICY)
  })

  it("add the API's policy under /api only: the proxy sets the pages' and the admin's", () => {
    const api = asMap(serverHeadersFor('/api/bookings', { production: true }))
    expect(api.get('Content-Security-Policy')).toBe(contentSecurityPolicy('api', prod))
    expect(api.get('Strict-Transport-Security')).toBeDefined()
    for (const path of ['/book', '/menu', '/admin', '/_next/static/a.js', '/api/graphql-playground']) {
      expect(asMap(serverHeadersFor(path, { production: true })).has('Content-Security-Policy'), path).toBe(false)
    }
  })
})

describe("the admin's live preview", () => {
  it('may frame a storefront page from this origin only, and only when the request is a preview', () => {
    expect(mayBeFramedBySelf('/menu', [DRAFT_MODE_COOKIE])).toBe(true)
    expect(mayBeFramedBySelf('/next/preview', [])).toBe(true)
    expect(mayBeFramedBySelf('/menu', ['payload-token'])).toBe(false)
    // Pages per visitor, the admin and the API never.
    for (const path of ['/account', '/booking/abc', '/admin', '/api/pages']) expect(mayBeFramedBySelf(path, [DRAFT_MODE_COOKIE]), path).toBe(false)
    const csp = parse(contentSecurityPolicy('static-page', { ...prod, framedBySelf: true }))
    expect(csp.get('frame-ancestors')).toEqual(["'self'"])
    expect(parse(contentSecurityPolicy('static-page', prod)).get('frame-ancestors')).toEqual(["'none'"])
  })

  it('is never a reason to frame the admin, the API or a per-visitor page', () => {
    expect(() => contentSecurityPolicy('admin', { ...prod, nonce: NONCE, framedBySelf: true })).toThrow(/never allows framing/)
    expect(() => contentSecurityPolicy('api', { ...prod, framedBySelf: true })).toThrow(/never allows framing/)
    expect(() => contentSecurityPolicy('dynamic-page', { ...prod, nonce: NONCE, framedBySelf: true })).toThrow(/never allows framing/)
  })
})
