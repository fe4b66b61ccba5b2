/**
 * GET /api/health/live  — the process is up and serving (no dependencies checked).
 * GET /api/health/ready — real checks: database `SELECT 1`, all migrations applied, Redis `PING`
 * (when REDIS_URL is set), and not shutting down. 200 when all pass, 503 otherwise, with each
 * check's status and latency; why a check failed goes to the log (once per change), never to the
 * caller. Every check has a timeout (HEALTH_CHECK_TIMEOUT_MS).
 * Must never cache its answer: a load balancer relies on it being current.
 */
import type { Endpoint } from 'payload'
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { migrations } from '../../migrations'
import { env } from '../server/env'
import { publicChecks, readinessChange, runChecks } from '../server/health'
import { logger } from '../server/logger'
import { isShuttingDown } from '../server/process-registry'
import { redis, whenRedisReady } from '../infra/redis'
import { chatStatus } from '../chat/status'

const noStore = { 'Cache-Control': 'no-store' }
const log = logger.child({ module: 'health' })
/** The failing checks as last logged (readinessChange): per process, like the checks. */
let lastDown = JSON.stringify({})

export const liveEndpoint: Endpoint = {
  path: '/health/live',
  method: 'get',
  handler: () => Response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }, { headers: noStore }),
}

export const readyEndpoint: Endpoint = {
  path: '/health/ready',
  method: 'get',
  handler: async (req) => {
    const db = req.payload.db as unknown as PostgresAdapter
    const client = redis()
    const result = await runChecks(
      {
        shutdown: async () => {
          if (isShuttingDown()) throw new Error('shutting down')
          return undefined
        },
        database: async () => {
          await db.pool.query('SELECT 1')
          return undefined
        },
        migrations: async () => {
          const applied = await db.pool.query<{ name: string }>('SELECT name FROM payload_migrations')
          const names = new Set(applied.rows.map((r) => r.name))
          const pending = migrations.map((m) => m.name).filter((n) => !names.has(n))
          if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`)
          return { applied: migrations.length }
        },
        chat:
          chatStatus() === 'starting' || chatStatus() === 'up'
            ? async () => {
                if (chatStatus() !== 'up') throw new Error('the chat server is starting')
                return undefined
              }
            : null,
        redis: client
          ? async () => {
              await whenRedisReady(client)
              const pong = await client.ping()
              if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`)
              return undefined
            }
          : null,
      },
      env().HEALTH_CHECK_TIMEOUT_MS,
    )
    const change = readinessChange(result.checks, lastDown)
    if (change) {
      lastDown = change.key
      if (result.ok) log.info('readiness: every check is up again')
      else log.warn({ down: change.down }, 'readiness: a check is down')
    }
    return Response.json(
      { status: result.ok ? 'ok' : 'fail', checks: publicChecks(result.checks) },
      { status: result.ok ? 200 : 503, headers: noStore },
    )
  },
}
