/**
 * Puts the page cache in place for this process, before Next starts (src/server.ts): a
 * PageCacheHandler on Redis when REDIS_URL is set (shared by every instance), in process memory
 * otherwise, registered on globalThis where `cache-handler.mjs` (what Next loads) finds it.
 *
 * Redis keys are namespaced by the build (an entry's HTML names that build's script files) and by
 * the render variant: the settings this instance renders differently with (its public URL, chat
 * on or off, online payment on or off), so two differently configured instances never serve each
 * other's pages. Tag invalidations are not namespaced: a change invalidates every build and variant.
 * Must run before `next()` is prepared; a process without it (the build) caches nothing.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { env, siteOrigin } from '../../server/env'
import { logger } from '../../server/logger'
import { redis, sharedRedis } from '../redis'
import { paymentsEnabled } from '../stripe'
import { MemoryEntryStore, RedisEntryStore } from './entries'
import { PageCacheHandler } from './handler'

const log = logger.child({ module: 'page-cache' })

/** Where cache-handler.mjs looks for the handler (keep the two in step). */
export const HANDLER_KEY = Symbol.for('myhibachi.pageCacheHandler')

/** What a cached page depends on besides the content: differently configured instances must not share pages. */
export function renderVariant(): string {
  const facts = { origin: siteOrigin(), chat: env().CHAT_ENABLED, payments: paymentsEnabled() }
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 12)
}

function buildId(distDir: string, dev: boolean): string {
  if (dev) return 'dev'
  try {
    return readFileSync(path.join(distDir, 'BUILD_ID'), 'utf8').trim()
  } catch (err) {
    log.warn({ err }, 'no BUILD_ID: page cache entries are keyed as "unknown" (build before starting)')
    return 'unknown'
  }
}

export function registerPageCache(opts: { distDir: string; dev: boolean }): PageCacheHandler {
  const useRedis = redis() !== null
  const namespace = `${env().REDIS_KEY_PREFIX}next:${buildId(opts.distDir, opts.dev)}:${renderVariant()}:`
  const store = useRedis ? new RedisEntryStore(sharedRedis, namespace) : new MemoryEntryStore()
  const handler = new PageCacheHandler(store)
  ;(globalThis as typeof globalThis & { [HANDLER_KEY]?: PageCacheHandler })[HANDLER_KEY] = handler
  log.info({ store: store.kind, namespace: useRedis ? namespace : undefined }, 'page cache ready')
  return handler
}
