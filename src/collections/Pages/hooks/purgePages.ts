/**
 * A page change purges that page's cached published version (under its new and its old slug) and
 * invalidates the `page:<slug>` tags of the versions that are or were published, so the
 * storefront pages showing it render again on their next request, on every instance. Runs after
 * the write's transaction commits (src/hooks/purgeHooks.ts). When the writer purges once itself
 * (`req.context.skipPurge`, e.g. the seed) the hooks do nothing, and it calls `purgeAllPages`
 * when it is done. Must never leave the old slug cached after a rename: the storefront would keep
 * serving the page under it.
 */
import { pageTag, tagsOfPageChange, type PageLike } from '../../../domain/storefront-cache'
import { purgeHooks, type Change } from '../../../hooks/purgeHooks'
import { purgeAroundCommit } from '../../../infra/cache'
import { invalidateTagsTwice } from '../../../infra/page-cache/tags'

/** Every cached page, for a caller that wrote many (or does not know which); `slugs`: their tags too. */
export async function purgeAllPages(slugs: readonly string[] = []): Promise<void> {
  await purgeAroundCommit('pages', 'all')
  await invalidateTagsTwice(slugs.map(pageTag))
}

function slugsOf(...docs: (PageLike | undefined)[]): string[] {
  return [...new Set(docs.map((d) => d?.slug).filter((s): s is string => typeof s === 'string' && s !== ''))]
}

/** The cached versions under the change's slugs, and the tags of the published ones. */
export async function purgePage(change: Change<PageLike>): Promise<void> {
  const slugs = slugsOf(change.doc, change.previousDoc)
  if (slugs.length > 0) await purgeAroundCommit('pages', slugs)
  await invalidateTagsTwice(tagsOfPageChange(change.doc, change.previousDoc))
}

export const { afterChange: purgePageAfterChange, afterDelete: purgePageAfterDelete } = purgeHooks<PageLike>(purgePage)
