/**
 * When each storefront cache tag was last invalidated (ms since epoch): in Redis when REDIS_URL is
 * set (one hash, shared by every instance, so a change saved on one instance is seen by all on
 * their next request), and always in this process too (so this process never needs Redis to see
 * its own purges). Cached pages and data entries older than one of their tags are rendered again
 * (./handler.ts). Anything may call `invalidateTags` — hooks inside Next, the chat and job runner
 * outside it, scripts — since it needs no Next request. Must never lower a tag's time.
 */
import { env } from '../../server/env'
import { logger } from '../../server/logger'
import { processSingleton } from '../../server/process-registry'
import { sharedRedis } from '../redis'

const log = logger.child({ module: 'page-cache' })

let lastWarned = 0
/** At most one warning per 30 s while Redis is down: every page request would otherwise log. */
function warnThrottled(err: unknown): void {
  if (Date.now() - lastWarned < 30_000) return
  lastWarned = Date.now()
  log.warn({ err }, 'tag state unreadable; rendering cached pages again until Redis answers')
}

const localTimes = (): Map<string, number> => processSingleton('page-cache-tag-times', () => new Map<string, number>())

export const tagsKey = (): string => `${env().REDIS_KEY_PREFIX}next:tags`

// Keeps the larger time: instances' clocks differ a little, and a tag must never go back.
const SET_MAX = `for i, tag in ipairs(ARGV) do
  if i > 1 then
    local old = tonumber(redis.call('HGET', KEYS[1], tag) or '0')
    if tonumber(ARGV[1]) > old then redis.call('HSET', KEYS[1], tag, ARGV[1]) end
  end
end
return 1`

/** Marks `tags` invalidated now: every entry that carries one of them and is older is rendered again. */
export async function invalidateTags(tags: readonly string[], at = Date.now()): Promise<void> {
  const unique = [...new Set(tags)].filter((t) => t !== '')
  if (unique.length === 0) return
  const local = localTimes()
  for (const tag of unique) local.set(tag, Math.max(local.get(tag) ?? 0, at))
  const client = await sharedRedis()
  if (!client) return
  try {
    await client.eval(SET_MAX, 1, tagsKey(), String(at), ...unique)
  } catch (err) {
    // Other instances keep their pages until the hourly revalidation; this one already knows.
    log.error({ err, tags: unique }, 'tag invalidation did not reach Redis')
  }
}

/**
 * The latest invalidation time among `tags` (0 when none was ever invalidated), or null when the
 * shared state cannot be read (Redis configured but failing): the caller must then treat its
 * entry as unknown, not fresh.
 */
export async function tagsInvalidatedAt(tags: readonly string[]): Promise<number | null> {
  const local = localTimes()
  let latest = 0
  for (const tag of tags) latest = Math.max(latest, local.get(tag) ?? 0)
  if (tags.length === 0) return latest
  const client = await sharedRedis()
  if (!client) return latest
  try {
    const values = await client.hmget(tagsKey(), ...tags)
    for (const v of values) if (v) latest = Math.max(latest, Number(v))
    return latest
  } catch (err) {
    warnThrottled(err)
    return null
  }
}

const REPEAT_AFTER_MS = 750

/**
 * For purges after a commit: invalidate now, and once more a moment later. A reader that read the
 * old rows just before the commit may refill a data cache (src/infra/cache.ts) after the purge;
 * that cache is purged again at the same moment, and a page rendered from it in between is then
 * rendered once more.
 */
export async function invalidateTagsTwice(tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return
  await invalidateTags(tags)
  const timer = setTimeout(() => {
    invalidateTags(tags).catch((err: unknown) => log.error({ err, tags }, 'repeat tag invalidation failed'))
  }, REPEAT_AFTER_MS)
  timer.unref()
}
