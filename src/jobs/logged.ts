/**
 * The runner runs Payload's queue with its error logs off (they dump the whole job at ERROR for
 * every expected retry). Each task's handler is wrapped here instead: an expected retry
 * (RetryLater, already logged by the delivery code) passes through quietly; anything else is
 * logged once, with the task and job id only (inputs hold no personal data, errors may: the logger's
 * `err` serializer keeps a failed query's parameters out), reported to error tracking (task and job id), and rethrown for Payload's
 * retry/backoff.
 */
import { RetryLater } from '../collections/Messages/delivery'
import { reportJobFailure } from '../server/error-tracking'
import { logger } from '../server/logger'

const log = logger.child({ module: 'jobs' })

export async function logFailures<T>(task: string, jobId: number | string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (!(err instanceof RetryLater)) {
      log.error({ task, jobId, err }, 'a job failed; it is retried with backoff')
      reportJobFailure(err, { task, jobId })
    }
    throw err
  }
}
