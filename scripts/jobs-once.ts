/**
 * `npm run jobs:once`: one pass of the background work (send due messages, expire unpaid holds,
 * charge due balances) and exit, for a cron entry or by hand. Takes the same advisory lock as the
 * runners, so it never runs beside one (it does nothing while one holds the lock).
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { runOnce } from '../src/jobs/runner'
import { env } from '../src/server/env'
import { flushErrorTracking, initErrorTracking } from '../src/server/error-tracking'
import { logger } from '../src/server/logger'

const log = logger.child({ module: 'jobs:once' })

async function main(): Promise<void> {
  initErrorTracking('worker')
  const payload = await getPayload({ config })
  try {
    const result = await runOnce(payload, env().DATABASE_URI)
    log.info(result, result.ran ? 'jobs ran' : 'another runner holds the lock: nothing done')
  } finally {
    await payload.destroy()
    await flushErrorTracking()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'jobs:once failed')
    process.exit(1)
  },
)
