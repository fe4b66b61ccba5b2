/**
 * Media are embedded (populated) in the cached published pages and the cached storefront menu:
 * any upload change purges both, around the commit (src/infra/cache.ts).
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { purgeAroundCommit } from '../../infra/cache'

async function purgeContent(): Promise<void> {
  await Promise.all([purgeAroundCommit('pages', 'all'), purgeAroundCommit('menu', ['active'])])
}

export const purgeContentAfterMediaChange: CollectionAfterChangeHook = async ({ doc }) => {
  await purgeContent()
  return doc
}

export const purgeContentAfterMediaDelete: CollectionAfterDeleteHook = async ({ doc }) => {
  await purgeContent()
  return doc
}
