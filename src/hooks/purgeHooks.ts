/**
 * The cache-purge hooks of a collection whose every change (and delete) purges through one
 * function: they queue the purge to run after the write's transaction commits
 * (src/hooks/afterCommit.ts; dropped if it rolls back), unless the writer purges once itself
 * (`req.context.skipPurge`, e.g. the seed), and hand the document back unchanged. The purge gets
 * the saved (or deleted) document and the one before, to purge exactly what they touch.
 * Must never purge inside the transaction, nor for a writer that set `skipPurge`.
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { afterCommit } from './afterCommit'
import { shouldPurge } from './requestContext'

export interface PurgeHooks {
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
}

/** What changed: the document as saved (or as it was when deleted), and before the change. */
export interface Change<T = Record<string, unknown>> {
  doc: T
  previousDoc?: T
}

/** An afterChange and an afterDelete hook that both run `purge` after the commit. */
export function purgeHooks<T = Record<string, unknown>>(purge: (change: Change<T>) => Promise<void>): PurgeHooks {
  return {
    afterChange: async ({ doc, previousDoc, req }) => {
      if (shouldPurge(req.context)) await afterCommit(req, () => purge({ doc: doc as T, previousDoc: previousDoc as T }))
      return doc
    },
    afterDelete: async ({ doc, req }) => {
      if (shouldPurge(req.context)) await afterCommit(req, () => purge({ doc: doc as T }))
      return doc
    },
  }
}
