/**
 * A page change purges that page's cached published version (under its new and its old slug).
 * Purges run around the commit (src/infra/cache.ts), so a reader never re-caches the old version.
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { purgeAroundCommit } from '../../infra/cache'

function slugsOf(...docs: unknown[]): string[] {
  const slugs = docs.map((d) => (d && typeof d === 'object' ? (d as { slug?: unknown }).slug : undefined)).filter((s): s is string => typeof s === 'string' && s !== '')
  return [...new Set(slugs)]
}

export const purgePageAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc }) => {
  const slugs = slugsOf(doc, previousDoc)
  if (slugs.length > 0) await purgeAroundCommit('pages', slugs)
  return doc
}

export const purgePageAfterDelete: CollectionAfterDeleteHook = async ({ doc }) => {
  const slugs = slugsOf(doc)
  if (slugs.length > 0) await purgeAroundCommit('pages', slugs)
  return doc
}
