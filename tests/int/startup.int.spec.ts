/** Start-up with a bad environment stops at once with one line naming the variable. */
import { spawnSync } from 'node:child_process'

import { describe, expect, it } from 'vitest'

describe('start-up configuration', () => {
  it('exits non-zero with one clear line when DATABASE_URI is not a URL', () => {
    const result = spawnSync('npx', ['tsx', 'src/server.ts'], {
      env: { ...process.env, DATABASE_URI: 'not-a-url', PORT: '3999' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toEqual(['Invalid environment: DATABASE_URI expected a postgres:// or postgresql:// URL'])
  })

  it('refuses to start in production without PAYLOAD_SECRET', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
    delete env.PAYLOAD_SECRET
    const result = spawnSync('npx', ['tsx', 'scripts/migrate.ts'], { env, encoding: 'utf8', timeout: 60_000 })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('PAYLOAD_SECRET is required in production')
  })
})
