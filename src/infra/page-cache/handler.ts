/**
 * Next's server cache (`cacheHandler` in next.config.mjs: rendered storefront pages, route
 * handler output, and `unstable_cache` entries) on an EntryStore (./entries.ts) with tag
 * invalidation times from ./tags.ts. Next loads `cache-handler.mjs` (plain JavaScript: the build
 * loads it too), which hands every call to the instance `registerPageCache` put on globalThis.
 *
 * An entry is served while none of its tags was invalidated after `lastModified`, where
 * `lastModified` is when the render that produced it STARTED (the time of the miss that asked
 * for it), not when it was stored: a render that read the old content just before a commit and
 * finished after the purge is therefore stale at once, not cached for an hour. A stale local copy
 * is swapped for the shared one when another instance has rendered it since; otherwise the
 * answer is a miss, and Next renders the page while this request waits. When the tag state
 * cannot be read (Redis down) every read is a miss: pages render per request, never stale.
 * Must never serve an entry older than one of its tags' invalidations.
 */
import { logger } from '../../server/logger'
import type { EntryStore, StoredEntry } from './entries'
import { invalidateTags, tagsInvalidatedAt } from './tags'

const log = logger.child({ module: 'page-cache' })

/** The header Next stores a rendered response's tags in (NEXT_CACHE_TAGS_HEADER). */
const TAGS_HEADER = 'x-next-cache-tags'

interface GetContext {
  kind?: string
  tags?: string[]
  softTags?: string[]
}
interface SetContext {
  tags?: string[]
  fetchCache?: boolean
  cacheControl?: { revalidate: number | false; expire?: number }
}

/** What Next's IncrementalCache expects back from `get`. */
export interface HandlerEntry {
  value: unknown
  lastModified: number
  cacheControl?: StoredEntry['cacheControl']
}

function tagsOfValue(value: unknown, ctx: SetContext): string[] {
  const fromCtx = ctx.fetchCache ? (ctx.tags ?? []) : []
  const headers = value && typeof value === 'object' ? (value as { headers?: Record<string, unknown> }).headers : undefined
  const header = headers?.[TAGS_HEADER]
  const fromHeader = typeof header === 'string' && header !== '' ? header.split(',') : []
  return [...new Set([...fromCtx, ...fromHeader])]
}

export class PageCacheHandler {
  /** Per key: when the last miss (or stale hit) that starts a render was answered. */
  private readonly renderStarts = new Map<string, number>()

  constructor(
    readonly store: EntryStore,
    private readonly now: () => number = Date.now,
  ) {}

  private fresh(entry: StoredEntry, invalidatedAt: number | null): boolean {
    return invalidatedAt !== null && invalidatedAt < entry.lastModified
  }

  async get(key: string, ctx: GetContext = {}): Promise<HandlerEntry | null> {
    const soft = ctx.softTags ?? []
    let entry = await this.store.get(key)
    if (entry && !this.fresh(entry, await tagsInvalidatedAt([...entry.tags, ...soft]))) {
      this.store.dropLocal(key)
      // Another instance may have rendered it since: take its copy when that one is fresh.
      entry = this.store.kind === 'redis' ? await this.store.get(key, { shared: true }) : undefined
      if (entry && !this.fresh(entry, await tagsInvalidatedAt([...entry.tags, ...soft]))) {
        this.store.dropLocal(key)
        entry = undefined
      }
    }
    if (!entry) {
      this.renderStarts.set(key, this.now())
      return null
    }
    // A hit past its revalidate time makes Next render in the background: that render starts now.
    this.renderStarts.set(key, this.now())
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl }
  }

  async set(key: string, value: unknown, ctx: SetContext = {}): Promise<void> {
    const started = this.renderStarts.get(key)
    this.renderStarts.delete(key)
    if (value === null || value === undefined) return
    const entry: StoredEntry = {
      value,
      lastModified: started ?? this.now(),
      cacheControl: ctx.fetchCache ? undefined : ctx.cacheControl,
      tags: tagsOfValue(value, ctx),
    }
    await this.store.set(key, entry)
  }

  /** `revalidateTag()` / `revalidatePath()` inside a Next request end here, like our own purges. */
  async revalidateTag(tags: string | string[]): Promise<void> {
    const list = typeof tags === 'string' ? [tags] : tags
    log.debug({ tags: list }, 'revalidateTag')
    await invalidateTags(list)
  }

  resetRequestCache(): void {}
}
