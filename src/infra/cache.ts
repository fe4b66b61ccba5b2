/**
 * Shared read caches with exact purges. In Redis (one hash per entity key, a field per variant)
 * when REDIS_URL is set — shared by every instance — otherwise in process memory. A Redis failure
 * is a cache miss, never an error. Hits and misses are counted per cache (src/infra/metrics.ts).
 *
 *   cached('availability', '2026-12-12', 'd120', ttl, compute)   read-through
 *   purge('availability', '2026-12-12')                            one entity, every variant
 *   purgeAll('availability')                                       every entity of a cache
 * Must never hold anything that is not safe to serve stale for CACHE_TTL_SECONDS: writers purge
 * what they change, and the TTL bounds what a missed purge can cost.
 */
import { env } from '../server/env'
import { logger } from '../server/logger'
import { processSingleton } from '../server/process-registry'
import { cacheCounts, countCacheRead } from './metrics'
import { sharedRedis, unlinkByPrefix } from './redis'

const log = logger.child({ module: 'cache' })

export type CacheName = 'availability' | 'menu' | 'settings' | 'pages' | 'dashboard'

/** Hit and miss counts of one cache in this process (`myhibachi_cache_hits_total` / `_misses_total`). */
export async function cacheStats(cache: CacheName): Promise<{ hits: number; misses: number }> {
  return cacheCounts(cache)
}

type MemoryStore = Map<string, Map<string, { value: string; expiresAt: number }>>
const memory = (): MemoryStore => processSingleton('cache-memory', () => new Map())

const keyOf = (cache: CacheName, entity: string) => `${env().REDIS_KEY_PREFIX}cache:${cache}:${entity}`

async function read(cache: CacheName, entity: string, variant: string): Promise<string | undefined> {
  const client = await sharedRedis()
  if (client) {
    try {
      return (await client.hget(keyOf(cache, entity), variant)) ?? undefined
    } catch (err) {
      log.warn({ err, cache }, 'cache read failed; computing instead')
      return undefined
    }
  }
  const hit = memory().get(keyOf(cache, entity))?.get(variant)
  return hit && hit.expiresAt > Date.now() ? hit.value : undefined
}

async function write(cache: CacheName, entity: string, variant: string, value: string, ttlSeconds: number): Promise<void> {
  const client = await sharedRedis()
  const key = keyOf(cache, entity)
  if (client) {
    try {
      await client.multi().hset(key, variant, value).expire(key, ttlSeconds).exec()
    } catch (err) {
      log.warn({ err, cache }, 'cache write failed')
    }
    return
  }
  const store = memory()
  const entry = store.get(key) ?? new Map<string, { value: string; expiresAt: number }>()
  entry.set(variant, { value, expiresAt: Date.now() + ttlSeconds * 1000 })
  store.set(key, entry)
}

export async function cached<T>(cache: CacheName, entity: string, variant: string, compute: () => Promise<T>, ttlSeconds = env().CACHE_TTL_SECONDS): Promise<T> {
  const stored = await read(cache, entity, variant)
  if (stored !== undefined) {
    countCacheRead(cache, true)
    return JSON.parse(stored) as T
  }
  countCacheRead(cache, false)
  const value = await compute()
  await write(cache, entity, variant, JSON.stringify(value), ttlSeconds)
  return value
}

/** Several entities at once: one round trip for the reads; `compute` gets only the misses. */
export async function cachedMany<T>(
  cache: CacheName,
  entities: string[],
  variant: string,
  compute: (missing: string[]) => Promise<Map<string, T>>,
  ttlSeconds = env().CACHE_TTL_SECONDS,
): Promise<Map<string, T>> {
  const out = new Map<string, T>()
  let stored: (string | null)[] = []
  const client = await sharedRedis()
  if (client) {
    try {
      const pipeline = client.pipeline()
      for (const e of entities) pipeline.hget(keyOf(cache, e), variant)
      stored = ((await pipeline.exec()) ?? []).map(([err, v]) => (err ? null : (v as string | null)))
    } catch (err) {
      log.warn({ err, cache }, 'cache read failed; computing instead')
      stored = []
    }
  } else {
    stored = await Promise.all(entities.map(async (e) => (await read(cache, e, variant)) ?? null))
  }
  const missing: string[] = []
  entities.forEach((e, i) => {
    const v = stored[i]
    if (v) {
      out.set(e, JSON.parse(v) as T)
      countCacheRead(cache, true)
    } else {
      missing.push(e)
      countCacheRead(cache, false)
    }
  })
  if (missing.length > 0) {
    const computed = await compute(missing)
    await Promise.all([...computed].map(([e, v]) => write(cache, e, variant, JSON.stringify(v), ttlSeconds)))
    for (const [e, v] of computed) out.set(e, v)
  }
  return out
}

export async function purge(cache: CacheName, entities: string[]): Promise<void> {
  if (entities.length === 0) return
  const keys = entities.map((e) => keyOf(cache, e))
  for (const k of keys) memory().delete(k)
  const client = await sharedRedis()
  if (!client) return
  // Closed on purpose (shutdown): a repeat purge that fires after it has nothing to reach, and no failure to report.
  if (client.status === 'end') {
    log.debug({ cache }, 'cache purge skipped: Redis was closed (shutting down)')
    return
  }
  await client.del(...keys).catch((err: unknown) => log.error({ err, cache, entities }, 'cache purge failed; entries expire by TTL'))
}

export async function purgeAll(cache: CacheName): Promise<void> {
  const prefix = keyOf(cache, '')
  for (const k of memory().keys()) if (k.startsWith(prefix)) memory().delete(k)
  const client = await sharedRedis()
  if (!client || client.status === 'end') return
  try {
    await unlinkByPrefix(client, prefix)
  } catch (err) {
    log.error({ err, cache }, 'cache purge-all failed; entries expire by TTL')
  }
}

const REPEAT_AFTER_MS = 750

/**
 * For purges after a write's commit (src/hooks/afterCommit.ts): purge now, and once more a moment
 * later, so a reader that read the old rows just before the commit and stored them after this
 * purge is corrected ("double delete").
 */
export async function purgeAroundCommit(cache: CacheName, entities: string[] | 'all'): Promise<void> {
  const once = () => (entities === 'all' ? purgeAll(cache) : purge(cache, entities))
  await once()
  const timer = setTimeout(() => {
    once().catch((err: unknown) => log.error({ err, cache }, 'repeat purge failed'))
  }, REPEAT_AFTER_MS)
  timer.unref()
}
