/**
 * The security headers of every response, as plain data: which class of route a path is, the
 * Content-Security-Policy of each class, and the headers every response carries. Pure (no env, no
 * I/O): src/proxy.ts applies the page and admin policies (it must: Next reads the nonce from the
 * request's CSP header and stamps it on the scripts it renders), src/server.ts the rest.
 *
 * Route classes and why:
 * - dynamic-page: storefront pages rendered per request (/booking/*, /account/*). A fresh
 *   nonce per response: `script-src 'nonce-…' 'strict-dynamic'`, no inline script without it.
 * - static-page: every other storefront page, /book's static shell included. They are prerendered and served from
 *   a cache, where a per-request nonce cannot be baked in; the same HTML goes to everyone, so the
 *   policy must be the same for everyone too. Next's App Router pages hydrate from inline scripts
 *   (`self.__next_f.push(…)`, the RSC payload) whose content changes with the CMS, so no fixed hash
 *   fits; Next's experimental SRI only adds `integrity` to the external chunks. The strictest policy
 *   that works is same-origin scripts plus `'unsafe-inline'` — every other directive as strict as
 *   on the dynamic pages. A page that must be stricter has to render per request: list it in
 *   NONCE_PAGE_PATHS.
 * - admin: Payload's admin (/admin/*), rendered per request: nonce + 'strict-dynamic' for scripts.
 *   Its styles cannot be nonced (react-select's emotion and the rich-text editor insert style
 *   elements and attributes at run time), upload previews are blob: images, the email-template
 *   preview is a sandboxed srcdoc frame, and the code editor comes from jsDelivr (MONACO_CDN).
 * - api: JSON, files and images under /api/*: nothing of theirs may run or be framed
 *   (`default-src 'none'`), which also neuters an uploaded file opened directly.
 * - graphql-playground: Payload's playground page loads its scripts from a CDN; it only exists in
 *   development (`disablePlaygroundInProduction`), so it gets no CSP rather than a broken one.
 * - static-file: /_next/* chunks, images and the HMR socket: no CSP (they are not documents).
 *
 * Framing: nothing may frame anything (`frame-ancestors 'none'`, X-Frame-Options DENY), except
 * that the admin's live preview frames storefront pages from this same origin: a static-page
 * request that is a preview (the preview entry route, or a request carrying Next's draft-mode
 * cookie) gets `frame-ancestors 'self'` and X-Frame-Options SAMEORIGIN (`mayBeFramedBySelf`). Other
 * origins can never frame it, and the public's pages stay unframeable.
 *
 * Never put a nonce into a policy that can be cached, nor 'unsafe-eval' into production.
 */

import { createHash } from 'node:crypto'

export type RouteClass = 'dynamic-page' | 'static-page' | 'admin' | 'api' | 'graphql-playground' | 'static-file'

/**
 * Storefront pages rendered per request, which get a nonce. Each one must stay dynamic: a nonce
 * policy on a prerendered page blocks its scripts (the browser test loads each with zero violations).
 */
export const NONCE_PAGE_PATHS = ['/booking', '/account'] as const

/** The live preview's entry route (src/app/(frontend)/next/preview/route.ts). */
export const PREVIEW_ENTRY_PATH = '/next/preview'
/** The cookie Next's draft mode sets (its value is checked by Next, not here). */
export const DRAFT_MODE_COOKIE = '__prerender_bypass'

/**
 * Whether this request's page may be framed by this same origin: a static storefront page asked
 * for as a live preview. Only relaxes framing from 'none' to 'self'; anyone may send the cookie,
 * which gains nothing but a same-origin frame.
 */
export function mayBeFramedBySelf(pathname: string, cookieNames: readonly string[]): boolean {
  if (routeClassOf(pathname) !== 'static-page') return false
  return pathname === PREVIEW_ENTRY_PATH || cookieNames.includes(DRAFT_MODE_COOKIE)
}

/** Whether `pathname` is `prefix` itself or below it (`/booking/x`, not `/bookings`). */
function isAt(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`)
}

/** The class of route a request path belongs to (the path only, no query). */
export function routeClassOf(pathname: string): RouteClass {
  if (isAt(pathname, '/_next')) return 'static-file'
  if (isAt(pathname, '/api/graphql-playground')) return 'graphql-playground'
  if (isAt(pathname, '/api')) return 'api'
  if (isAt(pathname, '/admin')) return 'admin'
  if (NONCE_PAGE_PATHS.some((p) => isAt(pathname, p))) return 'dynamic-page'
  return 'static-page'
}

/** Whether pages of this class get a fresh nonce per response. */
export function usesNonce(routeClass: RouteClass): boolean {
  return routeClass === 'dynamic-page' || routeClass === 'admin'
}

/** The CSP source that allows an inline style element whose text is exactly `css`: 'sha256-…'. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`
}

/** 128 random bits, base64: a nonce for one response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The origin events go to for a Sentry DSN (`https://key@o1.ingest.sentry.io/42` →
 * `https://o1.ingest.sentry.io`), or undefined when unset or not an http(s) URL.
 */
export function sentryOriginOf(dsn: string | undefined): string | undefined {
  if (!dsn) return undefined
  try {
    const url = new URL(dsn)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined
  } catch (err) {
    // URL throws TypeError for a malformed string: no origin to allow (the SDK cannot send either).
    if (err instanceof TypeError) return undefined
    throw err
  }
}

export interface PolicyOptions {
  /** Required for dynamic-page and admin; never given for the others. */
  nonce?: string
  /** `next dev`: React needs eval for its debugging, Turbopack injects style elements. */
  dev: boolean
  /** The site's public origin (PUBLIC_SERVER_URL): its WebSocket origin is allowed explicitly. */
  siteOrigin: string
  /** Where the browser may send error reports (sentryOriginOf(SENTRY_DSN)). */
  sentryOrigin?: string
  /** A live preview (mayBeFramedBySelf): this origin may frame the page. Static pages only. */
  framedBySelf?: boolean
  /**
   * CSP hash sources (`'sha256-…'`) of the storefront's inlined stylesheets
   * (src/site/inline-styles.ts): allowed as style elements on storefront pages in production.
   */
  inlineStyleHashes?: readonly string[]
}

/**
 * Payload's JSON and code fields (a message's chat links) show Monaco, which @monaco-editor/loader
 * fetches from jsDelivr: its scripts are trusted through 'strict-dynamic' (a nonced script adds
 * them), its stylesheet and icon font need the origin. Nothing else in the admin is third-party.
 */
const MONACO_CDN = 'https://cdn.jsdelivr.net'

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/

/** `ws://host` for an http site, `wss://host` for https: the chat socket (and dev HMR) endpoint. */
function socketOrigin(siteOrigin: string): string {
  const url = new URL(siteOrigin)
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`
}

function serialize(directives: [string, ...string[]][]): string {
  return directives.map((d) => d.join(' ')).join('; ')
}

/**
 * The Content-Security-Policy for a route class, or undefined for classes that get none.
 * Throws when a nonce class has no nonce (or a malformed one), or another class is given one.
 */
export function contentSecurityPolicy(routeClass: RouteClass, options: PolicyOptions): string | undefined {
  const { nonce, dev } = options
  if (usesNonce(routeClass)) {
    if (!nonce || !NONCE.test(nonce)) throw new Error(`a ${routeClass} policy needs a base64 nonce of at least 16 characters`)
  } else if (nonce !== undefined) {
    throw new Error(`a ${routeClass} policy must not carry a nonce (it may be cached)`)
  }
  if (options.framedBySelf && routeClass !== 'static-page') throw new Error(`a ${routeClass} policy never allows framing`)
  if (routeClass === 'static-file' || routeClass === 'graphql-playground') return undefined
  if (routeClass === 'api') {
    return serialize([
      ['default-src', "'none'"],
      ['frame-ancestors', "'none'"],
      ['base-uri', "'none'"],
      ['form-action', "'none'"],
    ])
  }

  const https = new URL(options.siteOrigin).protocol === 'https:'
  const evalInDev = dev ? ["'unsafe-eval'"] : []
  // 'self' stays beside the nonce as the fallback of browsers without 'strict-dynamic' (CSP 2);
  // browsers that know 'strict-dynamic' ignore it and trust only the nonce and what it loads.
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...evalInDev] : ["'self'", "'unsafe-inline'", ...evalInDev]
  // Style elements: the storefront has its own inlined stylesheets, each allowed by its hash, and
  // stylesheet links (and Next's own elements, nonced where there is a nonce); development and the
  // admin insert unnonced ones at run time (and a hash beside 'unsafe-inline' would switch it off).
  // Style attributes (the brand colours on <html>, Next's image and route announcer) are allowed
  // everywhere: CSS cannot run script. Browsers without style-src-attr (CSP 2) fall back to
  // style-src for them.
  const admin = routeClass === 'admin'
  const styleHashes = options.inlineStyleHashes ?? []
  const styleElements = admin || dev ? ["'self'", "'unsafe-inline'"] : ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...styleHashes]
  const connect = ["'self'", socketOrigin(options.siteOrigin), ...(options.sentryOrigin ? [options.sentryOrigin] : [])]
  return serialize([
    ['default-src', "'self'"],
    ['script-src', ...scripts],
    ['style-src', ...styleElements, ...(admin ? [MONACO_CDN] : [])],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', ...(admin ? ['blob:'] : [])],
    ['font-src', "'self'", ...(admin ? ['data:', MONACO_CDN] : [])],
    ['connect-src', ...connect],
    ['worker-src', "'self'", ...(admin ? ['blob:'] : [])],
    ['frame-src', ...(admin ? ["'self'"] : ["'none'"])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', options.framedBySelf ? "'self'" : "'none'"],
    ...(https ? [['upgrade-insecure-requests'] as [string]] : []),
  ])
}

/**
 * Features no page of ours uses, denied to the page and every frame in it. Stripe Checkout is a
 * navigation to Stripe's own origin, so `payment` is not needed here. Only names Chromium knows:
 * an unknown one is a console warning on every page (Chromium 156 does not know `bluetooth`).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

/** Two years, this host and every subdomain; `preload` is the owner's decision (hstspreload.org). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains'

/**
 * The headers every response carries, whatever its route. HSTS only in production: a developer's
 * http://localhost must not be pinned to https. Referrer-Policy is the default; next.config.mjs
 * narrows it to `no-referrer` on the manage and account links (their tokens are in the path).
 */
export function baseSecurityHeaders(options: { production: boolean }): [name: string, value: string][] {
  return [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    // Older browsers that ignore CSP frame-ancestors.
    ['X-Frame-Options', 'DENY'],
    ...(options.production ? [['Strict-Transport-Security', STRICT_TRANSPORT_SECURITY] as [string, string]] : []),
  ]
}

/**
 * What src/server.ts sets on a response before Next sees the request: the base headers, plus the
 * API's policy under /api (the proxy does not run there: it would buffer every upload). Pages and
 * the admin get theirs from src/proxy.ts.
 */
export function serverHeadersFor(pathname: string, options: { production: boolean }): [name: string, value: string][] {
  const headers = baseSecurityHeaders(options)
  if (routeClassOf(pathname) !== 'api') return headers
  // The API policy depends on no option; siteOrigin is unused for it.
  const policy = contentSecurityPolicy('api', { dev: !options.production, siteOrigin: 'http://localhost' })
  return policy ? [...headers, ['Content-Security-Policy', policy]] : headers
}
