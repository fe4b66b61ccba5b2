/**
 * `npm run jobs`: a background-jobs worker on its own (no web server): the same runner the app
 * instances start, for deployments that keep jobs off the web machines (set JOBS_ENABLED=false
 * there). Several workers may run: one holds the lock and works, the others stand by. Stops on
 * SIGTERM/SIGINT after the running batch, releasing the lock. Job failures go to error tracking
 * (SENTRY_DSN) from here as from the app.
 * The Payload config is loaded inside main() through loadPayload, as by jobs:once and the server,
 * never by a static import: the Node 20 + tsx import stall met during a static import ends the
 * process with exit code 13 before any of our code runs; met in loadPayload it is named and the
 * worker starts over once (README, "Scripts never end successfully by accident").
 */
import { describeSms } from '../src/infra/sms'
import { loadPayload } from '../src/load-payload'
import { env } from '../src/server/env'
import { flushErrorTracking, initErrorTracking, reportError } from '../src/server/error-tracking'
import { logger } from '../src/server/logger'

const log = logger.child({ module: 'jobs:worker' })

async function main(): Promise<void> {
  const e = env()
  // Failed jobs are reported from this process too (off without SENTRY_DSN); once, before the work.
  initErrorTracking('worker')
  const { config, getPayload, startJobRunner } = await loadPayload('jobs', () => import('../src/jobs/runner'))
  const payload = await getPayload({ config })
  describeSms()
  const runner = startJobRunner(payload, { databaseUri: e.DATABASE_URI, pollMs: e.JOBS_POLL_MS, paymentEverySeconds: e.JOBS_INTERVAL_SECONDS, name: `worker-${process.pid}` })
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'stopping the jobs worker')
    runner
      .stop()
      .then(() => payload.destroy())
      .then(() => flushErrorTracking())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'the jobs worker did not stop cleanly')
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err: unknown) => {
  log.error({ err }, 'the jobs worker failed to start')
  reportError(err, { source: 'jobs-worker' })
  void flushErrorTracking().finally(() => process.exit(1))
})
