/**
 * Start-up failure reporting for the entry points (server, migrate, seed): a bad environment is
 * ONE line naming the variable; anything else is logged with its stack. Then exit non-zero.
 */
import { EnvError } from './env'
import { logger } from './logger'

export function failStartup(err: unknown): never {
  if (err instanceof EnvError) {
    process.stderr.write(`${err.message}\n`)
  } else {
    logger.fatal({ err }, 'start-up failed')
  }
  process.exit(1)
}
