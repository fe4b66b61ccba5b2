/**
 * `npm test`: every check the project has, in the least wall time on a 2-core machine.
 *
 *   1. two lanes at once: lint then the unit tests; typecheck then the production build (the
 *      build does not check types a second time; it waits for the typecheck because it writes
 *      next-env.d.ts and .next/types, which tsc reads). The build is the one the browser tests
 *      serve, made on a throw-away database as the e2e run would;
 *   2. integration tests (real Postgres, and Redis when REDIS_URL is set);
 *   3. browser tests against the build from step 1 (E2E_PREBUILT=1: not built a second time).
 *
 * Each step of (1) prints its output when it ends, under its name and time, so two tools never
 * interleave their lines. The first failure stops the run: what still runs is stopped and this
 * exits non-zero. Any step can be run alone with its own script (`npm run lint`, `test:e2e`, …).
 */
import { spawn, type ChildProcess } from 'node:child_process'

import { logger } from '../src/server/logger'

const log = logger.child({ module: 'test' })

interface Step {
  name: string
  args: string[]
  env?: Record<string, string>
}

const running = new Set<ChildProcess>()

function stopAll(): void {
  for (const child of running) {
    if (child.pid === undefined || child.exitCode !== null) continue
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch (err) {
      log.warn({ err, step: child.spawnargs.join(' ') }, 'could not stop a step that was still running')
    }
  }
}

/** Runs `npm run <args>` in a process group of its own; `buffered` holds its output until it ends. */
function run(step: Step, buffered: boolean): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...step.args], {
      env: { ...process.env, ...step.env },
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: true,
    })
    running.add(child)
    const chunks: Buffer[] = []
    child.stdout?.on('data', (c: Buffer) => chunks.push(c))
    child.stderr?.on('data', (c: Buffer) => chunks.push(c))
    child.on('error', (err) => {
      running.delete(child)
      reject(err)
    })
    child.on('close', (code, signal) => {
      running.delete(child)
      const seconds = Math.round((Date.now() - started) / 1000)
      if (buffered) {
        process.stdout.write(`\n── ${step.name} (${seconds} s) ──\n`)
        process.stdout.write(Buffer.concat(chunks))
      }
      if (code === 0) {
        process.stdout.write(`── ${step.name}: passed in ${seconds} s ──\n`)
        resolve()
      } else reject(new Error(`${step.name} failed (${signal ?? `exit ${String(code)}`}) after ${seconds} s`))
    })
  })
}

async function main(): Promise<void> {
  const started = Date.now()
  // Stopping the run stops its steps (each is in a process group of its own).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopAll()
      process.exit(130)
    })
  }
  try {
    await Promise.all([
      run({ name: 'lint', args: ['lint'] }, true).then(() => run({ name: 'unit tests', args: ['test:unit'] }, true)),
      run({ name: 'typecheck', args: ['typecheck'] }, true).then(() => run({ name: 'build', args: ['test:build'], env: { BUILD_SKIP_TYPECHECK: '1' } }, true)),
    ])
    await run({ name: 'integration tests', args: ['test:int'] }, false)
    await run({ name: 'browser tests', args: ['test:e2e'], env: { E2E_PREBUILT: '1' } }, false)
  } catch (err) {
    stopAll()
    process.stdout.write(`\n${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
    return
  }
  process.stdout.write(`\nAll checks passed in ${Math.round((Date.now() - started) / 1000)} s.\n`)
}

void main()
