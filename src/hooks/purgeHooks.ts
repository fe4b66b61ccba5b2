/**
 * The cache-purge hooks of a collection whose every change (and delete) purges the same caches:
 * they run its purge unless the writer purges once itself (`req.context.skipPurge`, e.g. the seed),
 * and hand the document back unchanged. Must never purge for a writer that set `skipPurge`.
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { shouldPurge } from './requestContext'

export interface PurgeHooks {
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
}

/** An afterChange and an afterDelete hook that both run `purge`. */
export function purgeHooks(purge: () => Promise<void>): PurgeHooks {
  const hook = async <T>({ doc, req }: { doc: T; req: PayloadRequest }): Promise<T> => {
    if (shouldPurge(req.context)) await purge()
    return doc
  }
  return { afterChange: hook, afterDelete: hook }
}
