/**
 * Media are embedded (populated) in the cached published pages and the cached storefront menu:
 * any upload change purges both data caches, and invalidates the `media:<id>` tag, so exactly the
 * storefront pages that show that upload render again. Runs after the write's transaction
 * commits (src/hooks/purgeHooks.ts). When the writer purges once itself (`req.context.skipPurge`,
 * e.g. the seed) the hooks do nothing, and it calls `purgeMediaContent` when it is done. Must
 * never purge less than both data caches: either can show an image that no longer exists.
 */
import { tagsOfMediaChange } from '../../../domain/storefront-cache'
import { purgeHooks, type Change } from '../../../hooks/purgeHooks'
import { purgeAroundCommit } from '../../../infra/cache'
import { invalidateTagsTwice } from '../../../infra/page-cache/tags'

/** Everything that shows media: every cached page and the cached menu; and the renders showing the changed upload. */
export async function purgeMediaContent(change?: Change<{ id?: number | string }>): Promise<void> {
  await Promise.all([purgeAroundCommit('pages', 'all'), purgeAroundCommit('menu', ['active'])])
  if (change) await invalidateTagsTwice(tagsOfMediaChange(change.doc))
}

export const { afterChange: purgeContentAfterMediaChange, afterDelete: purgeContentAfterMediaDelete } = purgeHooks<{ id?: number | string }>(purgeMediaContent)
