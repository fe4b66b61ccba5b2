/**
 * Media are embedded (populated) in the cached published pages and the cached storefront menu:
 * any upload change purges both, around the commit (src/infra/cache.ts). When the writer purges
 * once itself (`req.context.skipPurge`, e.g. the seed) the hooks do nothing, and it calls
 * `purgeMediaContent` when it is done. Must never purge less than both caches: either can show
 * an image that no longer exists.
 */
import { purgeHooks } from '../../../hooks/purgeHooks'
import { purgeAroundCommit } from '../../../infra/cache'

/** Everything that shows media: every cached page and the cached menu. */
export async function purgeMediaContent(): Promise<void> {
  await Promise.all([purgeAroundCommit('pages', 'all'), purgeAroundCommit('menu', ['active'])])
}

export const { afterChange: purgeContentAfterMediaChange, afterDelete: purgeContentAfterMediaDelete } = purgeHooks(purgeMediaContent)
