/**
 * After a booking changes, the cached availability of exactly the dates it touched (before and
 * after the change: a reschedule from D to E purges both) is purged after the write's transaction
 * commits (src/hooks/afterCommit.ts; nothing on a rollback). Skipped when the caller purges once
 * itself (`req.context.skipPurge`: the seed, bulk writes).
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { datesAffectedBy } from '../../../domain'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import { afterCommit } from '../../../hooks/afterCommit'
import { shouldPurge } from '../../../hooks/requestContext'
import { purgeAroundCommit } from '../../../infra/cache'

type Doc = { eventDate?: unknown; blockedFrom?: unknown; blockedUntil?: unknown } | null | undefined

async function datesOf(req: PayloadRequest, docs: Doc[]): Promise<string[]> {
  const settings = await loadSettings(req)
  const dates = new Set<string>()
  for (const doc of docs) {
    if (!doc) continue
    if (typeof doc.blockedFrom === 'string' && typeof doc.blockedUntil === 'string') {
      for (const d of datesAffectedBy(settings, new Date(doc.blockedFrom), new Date(doc.blockedUntil))) dates.add(d)
    } else if (typeof doc.eventDate === 'string') {
      dates.add(doc.eventDate)
    }
  }
  return [...dates]
}

export const purgeAvailabilityAfterChange: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (!shouldPurge(req.context)) return doc
  const dates = await datesOf(req, [doc as Doc, previousDoc as Doc])
  await afterCommit(req, () => purgeAroundCommit('availability', dates))
  return doc
}

export const purgeAvailabilityAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  if (!shouldPurge(req.context)) return doc
  const dates = await datesOf(req, [doc as Doc])
  await afterCommit(req, () => purgeAroundCommit('availability', dates))
  return doc
}
