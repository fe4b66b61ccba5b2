// Readiness: every check real and bounded, and what a caller may read of a failed one (its status,
// never its error text), with one log line per change rather than per poll.
import { describe, expect, it } from 'vitest'

import { publicChecks, readinessChange, runChecks } from '../../src/server/health'

describe('readiness checks', () => {
  it('runs each check, marks a failing or slow one down with its reason, and skips the absent', async () => {
    const result = await runChecks(
      {
        database: async () => undefined,
        migrations: async () => ({ applied: 3 }),
        redis: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.7:6379')
        },
        slow: () => new Promise(() => undefined),
        chat: null,
      },
      50,
    )
    expect(result.ok).toBe(false)
    expect(result.checks.database?.status).toBe('up')
    expect(result.checks.migrations).toMatchObject({ status: 'up', details: { applied: 3 } })
    expect(result.checks.redis).toMatchObject({ status: 'down', error: 'connect ECONNREFUSED 10.0.0.7:6379' })
    expect(result.checks.slow?.status).toBe('down')
    expect(result.checks.chat).toEqual({ status: 'skipped', latencyMs: 0 })
  })

  it('answers callers without the error text, which can name hosts, users or migrations', async () => {
    const { checks } = await runChecks({ database: () => Promise.reject(new Error('password authentication failed for user "app"')), migrations: async () => ({ applied: 3 }) }, 50)
    const shown = publicChecks(checks)
    expect(shown.database).toEqual({ status: 'down', latencyMs: expect.any(Number) as number })
    expect(shown.migrations).toMatchObject({ status: 'up', details: { applied: 3 } })
    expect(JSON.stringify(shown)).not.toContain('password')
  })

  it('reports a change of the failing checks once, not on every poll', async () => {
    const down = await runChecks({ database: () => Promise.reject(new Error('db gone')), redis: async () => undefined }, 50)
    const first = readinessChange(down.checks, JSON.stringify({}))
    expect(first?.down).toEqual({ database: 'db gone' })
    expect(readinessChange(down.checks, first?.key ?? '')).toBeNull()
    const up = await runChecks({ database: async () => undefined, redis: async () => undefined }, 50)
    const back = readinessChange(up.checks, first?.key ?? '')
    expect(back?.down).toEqual({})
    expect(readinessChange(up.checks, back?.key ?? '')).toBeNull()
  })
})
