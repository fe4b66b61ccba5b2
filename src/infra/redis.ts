/**
 * The shared ioredis client, one per process, or none when REDIS_URL is unset (features that use
 * Redis then fall back to in-process equivalents and say so in the log, once).
 * Commands fail fast instead of queueing forever while Redis is down (no offline queue, one retry),
 * so a Redis outage degrades features rather than hanging requests.
 */
import { Redis } from 'ioredis'

import { env } from '../server/env'
import { logger } from '../server/logger'
import { onShutdown } from '../server/process-registry'
import { withTimeout } from '../server/timeout'

const log = logger.child({ module: 'redis' })
const KEY = Symbol.for('myhibachi.redis')

type Holder = { client: Redis | null; firstConnect?: Promise<void> }

export function redis(): Redis | null {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder }
  if (g[KEY]) return g[KEY].client
  const url = env().REDIS_URL
  if (!url) {
    log.warn('REDIS_URL is unset: rate limits, idempotency keys and caches use in-process memory (fine for one instance, wrong for several)')
    g[KEY] = { client: null }
    return null
  }
  const client = new Redis(url, {
    connectTimeout: env().REDIS_CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  })
  let lastError = ''
  client.on('error', (err: Error) => {
    // ioredis reconnects by itself; log each distinct error once rather than every retry.
    if (err.message !== lastError) log.error({ err }, 'redis error')
    lastError = err.message
  })
  client.on('ready', () => {
    if (lastError) log.info('redis connection restored')
    lastError = ''
  })
  g[KEY] = { client }
  onShutdown('redis', async () => {
    await client.quit().catch((err: unknown) => {
      log.warn({ err }, 'redis quit failed; disconnecting')
      client.disconnect()
    })
  })
  return client
}

/**
 * Resolves once the client is connected (at once when it already is), rejects if it ends first.
 * Callers bound it with a timeout: with the offline queue off, commands sent before `ready` fail.
 */
export function whenRedisReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise<void>((resolve, reject) => {
    const onReady = () => {
      client.off('end', onEnd)
      resolve()
    }
    const onEnd = () => {
      client.off('ready', onReady)
      reject(new Error('redis connection ended'))
    }
    client.once('ready', onReady)
    client.once('end', onEnd)
  })
}

async function firstAttempt(client: Redis): Promise<void> {
  if (client.status === 'ready') return
  const timeoutMs = env().REDIS_CONNECT_TIMEOUT_MS
  try {
    await withTimeout(whenRedisReady(client), timeoutMs, 'redis connect')
  } catch (err) {
    // Not fatal by design: the app serves with in-memory fallbacks and readiness reports Redis down.
    log.warn({ err, timeoutMs }, 'redis not reachable at start-up: serving with in-memory fallbacks until it is')
  }
}

/**
 * The first connection attempt of this process (bounded by REDIS_CONNECT_TIMEOUT_MS), made once:
 * the server awaits it at start-up so the first requests already use shared state; later callers
 * get the settled attempt and never wait again. Never fails start-up.
 */
export async function connectRedis(): Promise<void> {
  const client = redis()
  if (!client) return
  const holder = (globalThis as typeof globalThis & { [KEY]?: Holder })[KEY] as Holder
  holder.firstConnect ??= firstAttempt(client)
  await holder.firstConnect
}

/** Deletes every key under `prefix`, a SCAN page at a time (UNLINK: freed in the background); the count deleted. */
export async function unlinkByPrefix(client: Redis, prefix: string): Promise<number> {
  let deleted = 0
  let cursor = '0'
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length > 0) deleted += await client.unlink(...keys)
    cursor = next
  } while (cursor !== '0')
  return deleted
}

/**
 * The client for a command, after the first connection attempt has settled (while Redis is down
 * later commands fail fast and callers fall back).
 */
export async function sharedRedis(): Promise<Redis | null> {
  await connectRedis()
  return redis()
}
