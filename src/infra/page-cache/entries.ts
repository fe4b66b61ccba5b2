/**
 * Where the storefront's page cache keeps Next's entries (rendered pages and the small data
 * entries of `unstable_cache`), behind one interface so the store can be swapped:
 * - `MemoryEntryStore`: this process only, a bounded LRU (one instance, or no REDIS_URL);
 * - `RedisEntryStore`: shared by every instance (REDIS_URL), one string key per entry with a TTL,
 *   fronted by a small in-process copy so a hit does not move the page's bytes out of Redis again.
 * Freshness is not decided here: the handler compares an entry's `lastModified` with its tags'
 * invalidation times (./tags.ts). A Redis failure is a miss, never an error.
 */
import type { Redis } from 'ioredis'

import { logger } from '../../server/logger'
import { deserialize, serialize } from './serialize'

const log = logger.child({ module: 'page-cache' })

export interface StoredEntry {
  /** Next's IncrementalCacheValue (APP_PAGE, APP_ROUTE, FETCH, …), stored as given. */
  value: unknown
  /** When the render that produced it started (ms since epoch). */
  lastModified: number
  cacheControl?: { revalidate: number | false; expire?: number }
  /** Tags the entry carries (explicit and Next's implicit `_N_T_…` path tags). */
  tags: string[]
}

export interface EntryStore {
  readonly kind: 'memory' | 'redis'
  /** `shared: true` skips any in-process copy and reads what the other instances wrote. */
  get(key: string, opts?: { shared?: boolean }): Promise<StoredEntry | undefined>
  set(key: string, entry: StoredEntry): Promise<void>
  /** Forgets this process's copy (after it went stale). */
  dropLocal(key: string): void
}

/** A Map used as an LRU: a read moves the key to the end, the oldest key goes first. */
class Lru {
  private readonly map = new Map<string, StoredEntry>()
  constructor(private readonly max: number) {}
  get(key: string): StoredEntry | undefined {
    const hit = this.map.get(key)
    if (hit) {
      this.map.delete(key)
      this.map.set(key, hit)
    }
    return hit
  }
  set(key: string, entry: StoredEntry): void {
    this.map.delete(key)
    this.map.set(key, entry)
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next().value
      if (oldest === undefined) break
      this.map.delete(oldest)
    }
  }
  delete(key: string): void {
    this.map.delete(key)
  }
}

export class MemoryEntryStore implements EntryStore {
  readonly kind = 'memory' as const
  private readonly lru: Lru
  constructor(maxEntries = 1000) {
    this.lru = new Lru(maxEntries)
  }
  get(key: string): Promise<StoredEntry | undefined> {
    return Promise.resolve(this.lru.get(key))
  }
  set(key: string, entry: StoredEntry): Promise<void> {
    this.lru.set(key, entry)
    return Promise.resolve()
  }
  dropLocal(key: string): void {
    this.lru.delete(key)
  }
}

export class RedisEntryStore implements EntryStore {
  readonly kind = 'redis' as const
  private readonly local: Lru

  /**
   * @param namespace keys start with it: the key prefix, the build and the render variant, so
   *   another build (other script URLs) or differently configured instances never share entries.
   */
  constructor(
    private readonly client: () => Promise<Redis | null>,
    private readonly namespace: string,
    private readonly ttlSeconds = 86_400,
    localEntries = 200,
  ) {
    this.local = new Lru(localEntries)
  }

  async get(key: string, opts?: { shared?: boolean }): Promise<StoredEntry | undefined> {
    if (!opts?.shared) {
      const hit = this.local.get(key)
      if (hit) return hit
    }
    const client = await this.client()
    if (!client) return undefined
    try {
      const text = await client.get(this.namespace + key)
      if (!text) return undefined
      const entry = deserialize(text) as StoredEntry
      this.local.set(key, entry)
      return entry
    } catch (err) {
      log.warn({ err }, 'page cache read failed; rendering instead')
      return undefined
    }
  }

  async set(key: string, entry: StoredEntry): Promise<void> {
    this.local.set(key, entry)
    const client = await this.client()
    if (!client) return
    try {
      await client.set(this.namespace + key, serialize(entry), 'EX', this.ttlSeconds)
    } catch (err) {
      log.warn({ err }, 'page cache write failed; other instances render it themselves')
    }
  }

  dropLocal(key: string): void {
    this.local.delete(key)
  }
}
