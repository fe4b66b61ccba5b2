/**
 * `npm run jobs:once`: one tick of the background work (expire unpaid holds, charge due balances)
 * and exit, for a cron entry or by hand. Takes the same advisory lock as the app's loop, so it
 * never runs beside it.
 */
import { getPayload } from 'payload'

import config from '../payload.config'
import { runDueTasks } from '../src/jobs/runner'
import { logger } from '../src/server/logger'

const log = logger.child({ module: 'jobs:once' })

async function main(): Promise<void> {
  const payload = await getPayload({ config })
  try {
    const result = await runDueTasks(payload)
    log.info(result, result.ran ? 'jobs ran' : 'another runner holds the lock: nothing done')
  } finally {
    await payload.destroy()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log.error({ err }, 'jobs:once failed')
    process.exit(1)
  },
)
