import config from '@payload-config'
import { describe, expect, it } from 'vitest'

import { restClient } from '../helpers/rest'

const rest = restClient(config)

interface Ready {
  status: string
  checks: Record<string, { status: string; latencyMs: number; error?: string }>
}

describe('health endpoints', () => {
  it('reports the process live', async () => {
    const res = await rest<{ status: string }>('GET', '/health/live')
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('ok')
  })

  it('is ready when the database answers, migrations are applied and Redis (if configured) answers', async () => {
    const res = await rest<Ready>('GET', '/health/ready')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.body.status).toBe('ok')
    expect(res.body.checks.database?.status).toBe('up')
    expect(res.body.checks.migrations?.status).toBe('up')
    expect(res.body.checks.shutdown?.status).toBe('up')
    expect(res.body.checks.redis?.status).toBe(process.env.REDIS_URL ? 'up' : 'skipped')
    for (const check of Object.values(res.body.checks)) expect(check.latencyMs).toBeGreaterThanOrEqual(0)
  })
})
