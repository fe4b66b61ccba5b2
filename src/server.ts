/**
 * The Node server: Next.js (storefront, Payload admin and REST) behind one http server that adds
 * request IDs and graceful shutdown; the WebSocket chat will attach to its `upgrade` event.
 * `npm run dev` and `npm start` both run this file (migrations have been applied just before).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import next from 'next'

import { env } from './lib/env'
import { createGracefulServer } from './lib/graceful-server'
import { logger } from './lib/logger'
import { onShutdown } from './lib/process-registry'
import { describeRateLimiting } from './lib/rate-limit'
import { rateLimitRequest } from './lib/rate-limit-middleware'
import { connectRedis } from './lib/redis'
import { failStartup } from './lib/startup'

async function main(): Promise<void> {
  const config = env()
  const log = logger.child({ module: 'server' })
  const dev = config.NODE_ENV !== 'production'
  await connectRedis() // shared state from the first request (bounded wait; never fatal)
  describeRateLimiting()

  // Filled in once Next is prepared; the listener only opens after that.
  const app: { handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {}
  const graceful = createGracefulServer({
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    log,
    quietPaths: ['/api/health/', '/_next/'],
    handler: async (req, res) => {
      if (!app.handle) throw new Error('request before the app was ready')
      if (await rateLimitRequest(req, res)) return
      await app.handle(req, res)
    },
  })

  const nextApp = next({ dev, hostname: 'localhost', port: config.PORT, httpServer: graceful.server, ...(dev ? { turbopack: true } : {}) })
  await nextApp.prepare()
  app.handle = nextApp.getRequestHandler()
  if (dev) {
    const upgrade = nextApp.getUpgradeHandler()
    graceful.server.on('upgrade', (req, socket, head) => {
      upgrade(req, socket, head).catch((err: unknown) => log.warn({ err }, 'upgrade failed'))
    })
  }
  onShutdown('next', () => nextApp.close())

  let signals = 0
  const stop = (signal: NodeJS.Signals) => {
    signals += 1
    if (signals > 1) {
      log.info({ signal }, 'already shutting down')
      return
    }
    graceful.shutdown(signal).then(
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
}

main().catch((err: unknown) => failStartup(err))
