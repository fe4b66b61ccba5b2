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

/**
 * Runs a script's `main` and exits with its outcome: 0 once it resolved, 1 (via failStartup) when
 * it threw. If Node's event loop empties while `main` is still pending — an await on something
 * that can never settle — Node would end the process with exit code 0 and no output, and a caller
 * such as `npm run dev` would go on as if the step had succeeded (a migrate that "passed" having
 * applied nothing). That case is turned into exit code 1 with a line saying so.
 */
export function runScript(name: string, main: () => Promise<void>): void {
  let settled = false
  process.once('beforeExit', () => {
    if (settled) return
    process.stderr.write(`${name}: stopped before finishing (nothing left to wait for, yet the work never completed); treating this as a failure\n`)
    process.exit(1)
  })
  main().then(
    () => {
      settled = true
      process.exit(0)
    },
    (err: unknown) => {
      settled = true
      failStartup(err)
    },
  )
}
