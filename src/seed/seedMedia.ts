/**
 * Uploads the seed's pictures (src/seed/images/*.webp, original illustrations rendered by
 * scripts/make-seed-images.ts from src/seed/art.ts) into Media, found by the seed's alt text and
 * file name: uploaded when missing, left alone otherwise (a second run uploads nothing). Not by
 * the exact file name: the upload folder may already hold a file of that name (another database
 * on the same machine, a test run), and Payload then stores ours as `plate-chicken-1.webp`.
 * Writes with `skipPurge` (the run purges once at the end). Must never touch an existing upload.
 */
import path from 'node:path'

import type { Payload } from 'payload'

import { SEED_PICTURES } from './art'
import type { Tally } from './compare'

const IMAGES = path.resolve(import.meta.dirname, 'images')

/** Uploads the pictures; returns each one's Media id by its file name (without .webp). */
export async function seedMedia(payload: Payload, counts: Tally): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const picture of SEED_PICTURES) {
    const filename = `${picture.file}.webp`
    const found = await payload.find({
      collection: 'media',
      where: { and: [{ alt: { equals: picture.alt } }, { filename: { like: picture.file } }] },
      sort: 'id',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const existing = found.docs[0]
    if (existing) {
      counts.unchanged++
      ids.set(picture.file, existing.id)
      continue
    }
    const created = await payload.create({ collection: 'media', data: { alt: picture.alt }, filePath: path.join(IMAGES, filename), overrideAccess: true, context: { skipPurge: true } })
    counts.created++
    ids.set(picture.file, created.id)
  }
  return ids
}
