/**
 * A real app process for the multi-instance rate-limit tests: the app's graceful server with the
 * app's rate-limit middleware (src/infra/rate-limit-middleware.ts, exactly what src/server.ts runs
 * before Next) in front of a trivial handler — so four of these on one Redis behave like four
 * app instances behind a load balancer, without building Next four times.
 * Prints `listening <port>` when ready.
 */
import { createGracefulServer } from '../../src/server/graceful-server'
import { logger } from '../../src/server/logger'
import { rateLimitRequest } from '../../src/http/rate-limit-middleware'
import { connectRedis } from '../../src/infra/redis'

const graceful = createGracefulServer({
  port: 0,
  host: '127.0.0.1',
  shutdownTimeoutMs: 5_000,
  log: logger.child({ module: 'ratelimit-server' }),
  handler: async (req, res) => {
    if (await rateLimitRequest(req, res)) return
    res.setHeader('Content-Type', 'application/json')
    res.end('{"ok":true}')
  },
})

process.on('SIGTERM', () => {
  graceful.shutdown('SIGTERM').then(
    () => process.exit(0),
    () => process.exit(1),
  )
})

await connectRedis()
await graceful.listen()
const address = graceful.server.address()
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
