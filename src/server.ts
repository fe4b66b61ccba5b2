/**
 * The Node server: Next.js (storefront, Payload admin and REST) behind one http server that adds
 * request IDs, the security headers (src/http/security-headers.ts) and graceful shutdown. WebSocket upgrades are routed in ONE place, the dispatcher
 * from src/server/upgrade-router.ts: Next's dev HMR on /_next/*, the storefront chat on /ws/chat
 * (src/chat/server.ts), everything else refused. Nothing else may listen to the server's `upgrade` event.
 * Error tracking (Sentry) starts here, once per process, when SENTRY_DSN is set (src/server/error-tracking.ts).
 * With METRICS_PORT, Prometheus metrics are served on a second, private listener (src/server/metrics-server.ts).
 * `npm run dev` and `npm start` both run this file (migrations have been applied just before).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { env } from './server/env'
import { flushErrorTracking, initErrorTracking, reportServerError } from './server/error-tracking'
import { createGracefulServer } from './server/graceful-server'
import { logger } from './server/logger'
import { isShuttingDown, onShutdown, setResponseHeader } from './server/process-registry'
import { describeRateLimiting } from './infra/rate-limit'
import { exposeMetrics, observeHttpRequest, renderMetrics } from './infra/metrics'
import { refuseMalformedPath } from './http/malformed-url'
import { serverHeadersFor } from './http/security-headers'
import { rateLimitRequest } from './http/rate-limit-middleware'
import { registerPageCache } from './infra/page-cache/register'
import { connectRedis } from './infra/redis'
import { describeSms } from './infra/sms'
import { describePayments } from './infra/stripe'
import { failStartup } from './server/startup'
import { loadPayload } from './load-payload'
import { createNextUpgradeStandIn, dispatchUpgrades, isChatPath, isNextPath, type UpgradeRoute } from './server/upgrade-router'
import { createMetricsServer } from './server/metrics-server'
import type { ChatServer } from './chat/server'
import { setChatStatus } from './chat/status'

/** getPayload's cache key for this process's own Payload (see main()); Next's routes use 'default'. */
const OWN_PAYLOAD_KEY = 'myhibachi-server'

// Before Next loads (imported in main(), after this line ran): no telemetry in any mode.
process.env.NEXT_TELEMETRY_DISABLED = '1'

async function main(): Promise<void> {
  const config = env()
  const log = logger.child({ module: 'server' })
  const dev = config.NODE_ENV !== 'production'
  // Before Next, Payload, the chat and the jobs: one SDK client for all of them in this process
  // (Next's register() in src/instrumentation.ts finds it started). Off without SENTRY_DSN.
  if (initErrorTracking('server')) onShutdown('error-tracking', () => flushErrorTracking().then(() => undefined))
  // The Payload config of our own Payload (chat, jobs, metrics) is loaded first, before Redis,
  // Next and the listener, through loadPayload. It used to load after Next, while Next's routes
  // loaded the same packages for the first readiness polls: overlapping module graphs loading at
  // once is what left an import pending for ever in scripts/seed.ts, and the likeliest cause of
  // two CI starts that never got ready and printed nothing. A stall now starts the process over.
  // Payload itself starts after the listener opened, as before.
  const needsOwnPayload = config.JOBS_ENABLED || config.CHAT_ENABLED || config.METRICS_PORT !== undefined
  const own = needsOwnPayload ? await loadPayload('server') : undefined
  await connectRedis() // shared state from the first request (bounded wait; never fatal)
  describeRateLimiting()

  // Filled in once the app's own Payload is up, after the listener opened; readiness waits for it.
  const chat: { server?: ChatServer } = {}
  setChatStatus(config.CHAT_ENABLED ? 'starting' : 'off')
  // Filled in once Next is prepared; the listener only opens after that.
  const app: { handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {}
  const graceful = createGracefulServer({
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    drainMs: config.SHUTDOWN_DRAIN_MS,
    log,
    quietPaths: ['/api/health/', '/_next/'],
    // Every response timed by route template, method and status class (src/infra/metrics.ts).
    onRequestEnd: config.METRICS_PORT !== undefined ? observeHttpRequest : undefined,
    // A throw that escaped Next and Payload (both report their own) is a 500 of ours.
    onError: (err, requestId) => reportServerError(err, { status: 500, requestId, source: 'server' }),
    handler: async (req, res) => {
      if (!app.handle) throw new Error('request before the app was ready')
      // HSTS, nosniff, referrer, opener and permissions policies on every response (and the API's
      // CSP; pages and the admin get theirs from src/proxy.ts). Defaults: they go out with the head
      // only where nothing set the header itself — next.config.mjs headers(), an endpoint's own
      // Referrer-Policy, an uploaded file's own CSP (Next never replaces a header already on `res`).
      for (const [name, value] of serverHeadersFor((req.url ?? '/').split('?', 1)[0] ?? '/', { production: !dev })) setResponseHeader(name, value)
      if (refuseMalformedPath(req, res)) return
      if (await rateLimitRequest(req, res)) return
      await app.handle(req, res)
    },
  })

  // Next gets a stand-in server that only records its upgrade listener; the real server's one
  // `upgrade` listener is the dispatcher below. (Next's own listener on the real server would
  // answer handshakes beside ours; without any httpServer Next falls back to req.socket.server.)
  const nextUpgrade = createNextUpgradeStandIn(log)
  const upgradeRoutes: UpgradeRoute[] = [
    // Dev HMR. Production serves no WebSocket of Next's (no rewrites to proxy), so it is refused there.
    { name: 'next', matches: isNextPath, handler: () => (dev ? nextUpgrade.listener() : undefined), unavailable: dev ? 503 : 404 },
    // The storefront chat (src/chat/server.ts), once it has started (503 until then, or 404 when CHAT_ENABLED=false).
    { name: 'chat', matches: isChatPath, handler: () => chat.server?.handleUpgrade, unavailable: config.CHAT_ENABLED ? 503 : 404 },
  ]
  graceful.server.on('upgrade', dispatchUpgrades(upgradeRoutes, log, isShuttingDown))

  // Next's server cache (cache-handler.mjs) hands every call to this: Redis-backed with REDIS_URL.
  registerPageCache({ distDir: path.join(process.cwd(), '.next'), dev })
  const { default: next } = await import('next')
  const nextApp = next({ dev, hostname: 'localhost', port: config.PORT, httpServer: nextUpgrade.httpServer, ...(dev ? { turbopack: true } : {}) })
  await nextApp.prepare()
  app.handle = nextApp.getRequestHandler()
  // Next records its upgrade listener on the first HTTP request; an HMR socket reconnecting right
  // after a dev-server restart can come before any request, so ask for it now. (Next 16.4:
  // NextCustomServer.setupWebSocketHandler, node_modules/next/dist/server/next.js; it runs once.)
  ;(nextApp as unknown as { setupWebSocketHandler?: (server: unknown) => void }).setupWebSocketHandler?.(nextUpgrade.httpServer)
  if (dev && !nextUpgrade.listener()) log.warn('Next did not attach its upgrade listener at start; HMR connects after the first page request')
  onShutdown('next', () => nextApp.close())

  let signals = 0
  const stop = (signal: NodeJS.Signals) => {
    signals += 1
    if (signals > 1) {
      log.info({ signal }, 'already shutting down')
      return
    }
    // Chat sockets first, with 1001 ("going away"): the widgets reconnect to another instance
    // or to this one after the restart. Then the HTTP requests in flight drain.
    const closeChat = chat.server ? chat.server.close() : Promise.resolve()
    closeChat
      .catch((err: unknown) => log.error({ err }, 'closing the chat sockets failed'))
      .then(() => graceful.shutdown(signal))
      .then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)

  await graceful.listen()
  log.info({ url: `http://localhost:${config.PORT}`, mode: dev ? 'development' : 'production' }, 'MyHibachi is listening')
  describePayments()
  describeSms()
  // A Payload of its own for the chat, the background work and the metrics' database counts (the
  // app's lives inside Next's bundles), under a cache key of its own: getPayload caches instances
  // on globalThis, which this module copy of Payload shares with the copy bundled into Next. Under
  // the default key, whichever started first served both, so Next's routes could run on this
  // copy's instance, whose error classes are not the bundle's: every 400 then lost its
  // `data.errors` (Payload's formatErrors checks instanceof), and our chat and jobs could get the
  // bundle's instance the other way round.
  const ownPayload = own ? await own.getPayload({ config: own.config, key: OWN_PAYLOAD_KEY }) : undefined
  if (ownPayload && config.METRICS_PORT !== undefined) {
    // Prometheus on a listener of its own, never the public one (src/server/metrics-server.ts).
    exposeMetrics({ database: (ownPayload.db as unknown as PostgresAdapter).pool, chatConnections: () => chat.server?.connections() ?? 0 })
    const metrics = createMetricsServer({ port: config.METRICS_PORT, host: config.METRICS_HOST, token: config.METRICS_TOKEN, log: logger.child({ module: 'metrics' }), render: renderMetrics })
    const port = await metrics.listen()
    onShutdown('metrics', () => metrics.close())
    const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.METRICS_HOST)
    if (!config.METRICS_TOKEN && !loopback) log.warn({ host: config.METRICS_HOST }, 'the metrics listener is not on loopback and has no METRICS_TOKEN: anyone who reaches this port can scrape it')
    log.info({ url: `http://${config.METRICS_HOST}:${port}/metrics`, bearer: Boolean(config.METRICS_TOKEN) }, 'metrics listening')
  }
  if (ownPayload && config.CHAT_ENABLED) {
    const { startChat } = await import('./chat/start')
    chat.server = await startChat(ownPayload, log)
    setChatStatus('up')
  } else {
    log.info('CHAT_ENABLED=false: /ws/chat answers 404 and the storefront hides the chat')
  }
  if (ownPayload && config.JOBS_ENABLED) {
    const { startJobRunner } = await import('./jobs/runner')
    const runner = startJobRunner(ownPayload, {
      databaseUri: config.DATABASE_URI,
      pollMs: config.JOBS_POLL_MS,
      paymentEverySeconds: config.JOBS_INTERVAL_SECONDS,
      name: `app-${process.pid}`,
    })
    onShutdown('jobs', () => runner.stop())
  } else {
    log.info('JOBS_ENABLED=false: this instance runs no background jobs (a worker or another instance does)')
  }
}

main().catch((err: unknown) => failStartup(err))
