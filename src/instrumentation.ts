/**
 * Next's server instrumentation (file convention; with the `src/` folder it lives here, beside
 * `app/`). `register()` runs once when Next's server starts in this process: it starts error
 * tracking for the Node runtime (src/server/error-tracking.ts; a no-op when src/server.ts already
 * did, and off without SENTRY_DSN). `onRequestError` hands Next's server errors (rendering, route
 * handlers, server actions, the proxy) to the SDK, which sends nothing while it is not started.
 * Payload's REST and GraphQL answers are reported where errors become HTTP (src/http/errors.ts).
 */
import * as Sentry from '@sentry/nextjs'

export async function register(): Promise<void> {
  // Written out so the bundler drops the Node-only branch from an edge build.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { initErrorTracking } = await import('./server/error-tracking')
    initErrorTracking('server')
  }
}

export const onRequestError = Sentry.captureRequestError
