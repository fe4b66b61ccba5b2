/**
 * `npm run jobs:once`: one pass of the background work (send due messages, expire unpaid holds,
 * charge due balances) and exit, for a cron entry or by hand. Takes the same advisory lock as the
 * runners, so it never runs beside one (it does nothing while one holds the lock).
 * The Payload config is loaded inside main() through loadPayload, never by a static import: the
 * Node 20 + tsx import stall (README, "Scripts never end successfully by accident") met during a
 * static import ends the process with exit code 13 before any of our code can act (seen once in
 * CI for this script); met here it is named and the pass starts over once. A pass may be run again:
 * the lock and the queue give each job to one runner, once.
 */
import { env } from '../src/server/env'
import { flushErrorTracking, initErrorTracking } from '../src/server/error-tracking'
import { logger } from '../src/server/logger'
import { loadPayload } from '../src/load-payload'
import { runScript } from '../src/server/startup'

const log = logger.child({ module: 'jobs:once' })

async function main(): Promise<void> {
  initErrorTracking('worker')
  const { config, getPayload, runOnce } = await loadPayload('jobs:once', () => import('../src/jobs/runner'))
  const payload = await getPayload({ config })
  try {
    const result = await runOnce(payload, env().DATABASE_URI)
    log.info(result, result.ran ? 'jobs ran' : 'another runner holds the lock: nothing done')
  } finally {
    await payload.destroy()
    await flushErrorTracking()
  }
}

runScript('jobs:once', main, { rerunOnStall: true })
