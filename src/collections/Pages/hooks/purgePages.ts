/**
 * A page change purges that page's cached published version (under its new and its old slug).
 * Purges run around the commit (src/infra/cache.ts), so a reader never re-caches the old version.
 * When the writer purges once itself (`req.context.skipPurge`, e.g. the seed) the hooks do
 * nothing, and it calls `purgeAllPages` when it is done. Must never leave the old slug cached
 * after a rename: the storefront would keep serving the page under it.
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { shouldPurge } from '../../../hooks/requestContext'
import { purgeAroundCommit } from '../../../infra/cache'

/** Every cached page, for a caller that wrote many (or does not know which). */
export async function purgeAllPages(): Promise<void> {
  await purgeAroundCommit('pages', 'all')
}

function slugsOf(...docs: unknown[]): string[] {
  const slugs = docs.map((d) => (d && typeof d === 'object' ? (d as { slug?: unknown }).slug : undefined)).filter((s): s is string => typeof s === 'string' && s !== '')
  return [...new Set(slugs)]
}

export const purgePageAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!shouldPurge(req.context)) return doc
  const slugs = slugsOf(doc, previousDoc)
  if (slugs.length > 0) await purgeAroundCommit('pages', slugs)
  return doc
}

export const purgePageAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (!shouldPurge(req.context)) return doc
  const slugs = slugsOf(doc)
  if (slugs.length > 0) await purgeAroundCommit('pages', slugs)
  return doc
}
