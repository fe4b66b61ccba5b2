/**
 * A real process running the app's graceful server (src/server/graceful-server.ts, the code
 * src/server.ts uses) with a deliberately slow handler and the same SIGTERM wiring, plus a real
 * Postgres pool registered as a resource to close — so a test can send SIGTERM with requests in
 * flight and check each gets its full response and the process exits 0.
 * Prints `listening <port>` once ready and `inflight <n>` as requests arrive. `GET /ready` answers
 * at once, 200 or (once shutting down) 503, like the app's readiness. SHUTDOWN_DRAIN_MS: the drain.
 */
import pg from 'pg'

import { createGracefulServer } from '../../src/server/graceful-server'
import { logger } from '../../src/server/logger'
import { isShuttingDown, onShutdown } from '../../src/server/process-registry'
import { rawClientConfig } from './sql'

const delayMs = Number(process.env.SLOW_MS ?? 1500)
// Bounded like every raw test connection (a wait fails in seconds, with a reason).
const pool = new pg.Pool({ ...rawClientConfig(), max: 2 })
onShutdown('db-pool', () => pool.end())

let active = 0
const graceful = createGracefulServer({
  port: 0,
  host: '127.0.0.1',
  shutdownTimeoutMs: 10_000,
  drainMs: Number(process.env.SHUTDOWN_DRAIN_MS ?? 0),
  log: logger.child({ module: 'slow-server' }),
  handler: async (req, res) => {
    if (req.url === '/ready') {
      res.statusCode = isShuttingDown() ? 503 : 200
      res.end()
      return
    }
    active += 1
    process.stdout.write(`inflight ${active}\n`)
    const { rows } = await pool.query<{ n: number }>('SELECT 1 AS n')
    await new Promise((r) => setTimeout(r, delayMs))
    res.setHeader('Content-Type', 'text/plain')
    res.end(`done ${String(rows[0]?.n)} ${'x'.repeat(10_000)}`)
    active -= 1
  },
})

process.on('SIGTERM', () => {
  graceful.shutdown('SIGTERM').then(
    ({ forced }) => process.exit(forced ? 1 : 0),
    () => process.exit(1),
  )
})

await graceful.listen()
const address = graceful.server.address()
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`)
