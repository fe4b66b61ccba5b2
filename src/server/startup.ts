/**
 * Start-up failure reporting for the entry points (server, migrate, seed): a bad environment is
 * ONE line naming the variable; anything else is logged with its stack. Then exit non-zero.
 */
import { spawnSync } from 'node:child_process'

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
 * it threw. If Node's event loop empties while `main` is still pending — an await that can never
 * settle — Node would end the process with exit code 0 and no output, and a caller such as
 * `npm run dev` would go on as if the step had succeeded (a migrate that "passed" having applied
 * nothing). We have seen exactly that, now and then, while Node 20 + tsx load the Payload config
 * (an import that never settles; the module behind it is not yet known). So: it is reported, and
 * an idempotent script (`rerunOnStall`: migrate and seed are) is run once more in a fresh process,
 * whose exit code becomes ours; a second stall, or any other script's, is exit code 1.
 */
export function runScript(name: string, main: () => Promise<void>, opts: { rerunOnStall?: boolean } = {}): void {
  let settled = false
  process.once('beforeExit', () => {
    if (settled) return
    const again = opts.rerunOnStall && process.env.MYHIBACHI_SCRIPT_RERUN !== '1'
    process.stderr.write(`${name}: stopped before finishing (nothing left to wait for, yet the work never completed)${again ? '; running it once more' : '; treating this as a failure'}\n`)
    if (!again) process.exit(1)
    const rerun = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, MYHIBACHI_SCRIPT_RERUN: '1' } })
    process.exit(rerun.status ?? 1)
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
