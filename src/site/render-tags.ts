/**
 * Tags the storefront render in progress with the cache tags of what it read
 * (src/domain/storefront-cache.ts), so the cached page is invalidated exactly when one of them
 * is. Without Cache Components Next has no `cacheTag()`: a page collects the tags of the
 * `unstable_cache` entries it reads, so this reads a tiny one (its value is only a count) whose
 * tags are the ones given. Its entry lives in the same page cache and is invalidated with them.
 * Outside a Next render (scripts, integration tests) there is no page to tag and nothing happens.
 * Also tells whether this process is `next build` prerendering: the build has no content (its
 * database may be empty or absent), and its pages are never served (cache-handler.mjs).
 */
import { unstable_cache } from 'next/cache'

/** True while `next build` prerenders: storefront reads then return empty content without the database. */
export function isBuildPrerender(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build'
}

const OUTSIDE_NEXT = 'Invariant: incrementalCache missing'

export async function tagRender(tags: readonly string[]): Promise<void> {
  if (tags.length === 0 || isBuildPrerender()) return
  const sorted = [...new Set(tags)].sort()
  try {
    await unstable_cache(async () => sorted.length, ['storefront-tags', ...sorted], { tags: sorted })()
  } catch (err) {
    // Called outside any Next request (a script or a test reading content): no page to tag.
    if (err instanceof Error && err.message.startsWith(OUTSIDE_NEXT)) return
    throw err
  }
}
