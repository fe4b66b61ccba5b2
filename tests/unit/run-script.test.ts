import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs')
const SCRIPT = 'tests/helpers/stall-script.ts'
const envWith = (env: Record<string, string>) => ({ ...process.env, MYHIBACHI_SCRIPT_RERUN: '', ...env })
const run = (env: Record<string, string>) => spawnSync(process.execPath, [TSX, SCRIPT], { encoding: 'utf8', env: envWith(env), timeout: 30_000 })

// Each test starts Node processes through tsx (2–3 s each on a busy 2-core machine): never the 5 s default.
describe('runScript: a script that stalls never ends as a silent success', { timeout: 60_000 }, () => {
  it('runs an idempotent script once more and answers with that run', () => {
    const r = run({})
    expect(r.stderr).toContain('running it once more')
    expect(r.stdout).toContain('worked on the rerun')
    expect(r.status).toBe(0)
  })

  it('exits 1 when the rerun stalls too', () => {
    const r = run({ STALL_ALWAYS: '1' })
    expect(r.stderr).toContain('treating this as a failure')
    expect(r.status).toBe(1)
  })

  it('exits 1 at once for a script that may not be rerun', () => {
    const r = run({ STALL_NO_RERUN: '1' })
    expect(r.stderr).not.toContain('running it once more')
    expect(r.status).toBe(1)
  })
})

describe('loadWithin: a load that never settles while the event loop stays alive', { timeout: 60_000 }, () => {
  // Without the time limit this process would wait for ever (the spawn's 30 s timeout ends it, status null).
  it('is reported by name after its time limit and the script starts over once', () => {
    const r = run({ STALL_LIVE_LOOP: '1' })
    expect(r.stderr).toContain('stall: loading the test modules did not finish within 1 s')
    expect(r.stderr.match(/running it once more/g)).toHaveLength(1)
    expect(r.stdout).toContain('worked on the rerun')
    expect(r.status).toBe(0)
  })

  it('exits 1 when the second try stalls too, or when a rerun is not allowed', () => {
    const twice = run({ STALL_LIVE_LOOP: '1', STALL_ALWAYS: '1' })
    expect(twice.stderr).toContain('treating this as a failure')
    expect(twice.status).toBe(1)
    const once = run({ STALL_LIVE_LOOP: '1', STALL_NO_RERUN: '1' })
    expect(once.stderr).not.toContain('running it once more')
    expect(once.status).toBe(1)
  })

  it('hands SIGTERM to the second try and exits with its code', async () => {
    const child = spawn(process.execPath, [TSX, SCRIPT], { env: envWith({ STALL_LIVE_LOOP: '1', STALL_WAIT_FOR_SIGTERM: '1' }) })
    let stdout = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the rerun never got going: ${stdout}`)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('waiting for SIGTERM')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    // Only the first process is signalled, as a supervisor that knows its pid would.
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stdout).toContain('the rerun got SIGTERM')
  })
})
