/**
 * The seed's upsert of one document it owns, found by a unique field: created when missing,
 * updated when it differs from the seed values (src/seed/compare.ts), left alone otherwise, and
 * counted. Writes with `skipPurge` (the run purges once at the end, src/seed/purge.ts); must never
 * touch a document the `where` does not find.
 */
import type { CollectionSlug, Payload, RequiredDataFromCollectionSlug, Where } from 'payload'

import { isSubset, type Tally } from './compare'

export interface SeedDoc<S extends CollectionSlug> {
  collection: S
  /** Finds the document by the field the seed owns it by (name, email). */
  where: Where
  /** The values compared with what is stored, and written on create and update. */
  data: Partial<RequiredDataFromCollectionSlug<S>>
  /** What a new document needs besides `data` (made only when it is created). */
  createOnly?: () => Partial<RequiredDataFromCollectionSlug<S>>
}

/** Upserts one seed document; returns its id. */
export async function upsertSeedDoc<S extends CollectionSlug>(payload: Payload, counts: Tally, { collection, where, data, createOnly }: SeedDoc<S>): Promise<number> {
  const found = await payload.find({ collection, where, limit: 1, depth: 0, overrideAccess: true })
  const existing = found.docs[0]
  if (!existing) {
    const created = await payload.create({ collection, data: { ...data, ...createOnly?.() } as RequiredDataFromCollectionSlug<S>, overrideAccess: true, context: { skipPurge: true } })
    counts.created++
    return created.id as number
  }
  if (isSubset(data, existing)) counts.unchanged++
  else {
    // The same values: Payload's types cannot tell a partial document is a deep-partial one for a generic slug.
    await payload.update({ collection, id: existing.id, data: data as never, overrideAccess: true, context: { skipPurge: true } })
    counts.updated++
  }
  return existing.id as number
}
