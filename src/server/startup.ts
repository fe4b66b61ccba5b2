/**
 * Start-up failure reporting for the entry points (server, migrate, seed): a bad environment is
 * ONE line naming the variable; anything else is logged with its stack. Then exit non-zero.
 */
import { spawn } from 'node:child_process'

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

/** A second try runs with this set; a stall there is a failure. */
const RERUN_ENV = 'MYHIBACHI_SCRIPT_RERUN'

/**
 * A stalled start (see runScript) is reported on stderr in one line; with `rerun`, the process is
 * started once more from scratch (same Node flags and arguments, the tsx loader included), this
 * one forwarding SIGTERM and SIGINT to it and exiting with its code. Only before this process
 * listens on anything: the new one binds what this one would have.
 */
let stallHandled = false
function stalled(name: string, reason: string, rerun: boolean): void {
  // Both guards (runScript's and loadWithin's) may see the same empty loop: one report, one rerun.
  if (stallHandled) return
  stallHandled = true
  const again = rerun && process.env[RERUN_ENV] !== '1'
  process.stderr.write(`${name}: ${reason}${again ? '; running it once more' : '; treating this as a failure'}\n`)
  if (!again) process.exit(1)
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [RERUN_ENV]: '1' } })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal))
  child.on('error', (err) => {
    process.stderr.write(`${name}: the second try could not start: ${err.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code) => process.exit(code ?? 1))
}

const NEVER_SETTLED = 'stopped before finishing (nothing left to wait for, yet the work never completed)'

/** How long loading the Payload config may take: it took about 9 s on an idle 2-core machine (after Next), 1–2 s more with two starts at once; the rest is room for a loaded CI machine. */
const LOAD_TIMEOUT_MS = 120_000

/**
 * Loads modules (the Payload config and what it pulls in) and fails over instead of hanging when
 * the import never settles. We have seen such imports under Node 20 + tsx now and then (see
 * runScript); when something else keeps the event loop alive (a Redis client, a timer, a
 * listener), Node never notices and the process waits for ever, printing nothing: a server that
 * never gets ready, a migrate that never ends. So: past `ms`, or when the loop empties first, the
 * stall is reported naming `what`, and with `rerun` the process starts over once (`stalled`).
 * Call it before the process listens on any port.
 */
export async function loadWithin<T>(name: string, what: string, load: () => Promise<T>, opts: { rerun: boolean; ms?: number }): Promise<T> {
  const ms = opts.ms ?? LOAD_TIMEOUT_MS
  let done = false
  const onEmptyLoop = () => {
    if (done) return
    done = true
    stalled(name, `${NEVER_SETTLED} while ${what}`, opts.rerun)
  }
  process.once('beforeExit', onEmptyLoop)
  const timer = setTimeout(() => {
    if (done) return
    done = true
    stalled(name, `${what} did not finish within ${Math.round(ms / 1000)} s (an import that never settles)`, opts.rerun)
  }, ms)
  // Unref'd: an otherwise empty loop still ends, and `beforeExit` tells at once.
  timer.unref()
  try {
    const loaded = await load()
    done = true
    return loaded
  } finally {
    clearTimeout(timer)
    process.removeListener('beforeExit', onEmptyLoop)
  }
}

/**
 * Runs a script's `main` and exits with its outcome: 0 once it resolved, 1 (via failStartup) when
 * it threw. If Node's event loop empties while `main` is still pending — an await that can never
 * settle — Node would end the process with exit code 0 and no output, and a caller such as
 * `npm run dev` would go on as if the step had succeeded (a migrate that "passed" having applied
 * nothing). We have seen exactly that, now and then, while Node 20 + tsx load the Payload config
 * (an import that never settles; the module behind it is not yet known). So: it is reported, and
 * an idempotent script (`rerunOnStall`: migrate, seed and jobs:once are) is run once more in a fresh process,
 * whose exit code becomes ours; a second stall, or any other script's, is exit code 1. Scripts
 * load the config through loadPayload (src/load-payload.ts, on loadWithin), which also catches
 * the stall that a live loop hides.
 */
export function runScript(name: string, main: () => Promise<void>, opts: { rerunOnStall?: boolean } = {}): void {
  let settled = false
  process.once('beforeExit', () => {
    if (settled) return
    settled = true
    stalled(name, NEVER_SETTLED, opts.rerunOnStall === true)
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
