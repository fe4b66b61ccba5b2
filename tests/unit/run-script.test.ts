import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const TSX = path.resolve('node_modules/tsx/dist/cli.mjs')
const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, [TSX, 'tests/helpers/stall-script.ts'], { encoding: 'utf8', env: { ...process.env, MYHIBACHI_SCRIPT_RERUN: '', ...env }, timeout: 30_000 })

describe('runScript: a script that stalls never ends as a silent success', () => {
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
