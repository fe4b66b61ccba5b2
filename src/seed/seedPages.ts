/**
 * Seeds the site pages, found by slug, published: created when missing, updated when they differ
 * from the seed values, left alone otherwise (so a second run adds no versions). Writes with
 * `skipPurge` (the run purges once at the end, src/seed/purge.ts); must never touch a page whose
 * slug the seed does not own.
 */
import type { Payload } from 'payload'

import { isSubset, type Tally } from './compare'
import { pagesData } from './data'

/** `pictures`: Media id by seed picture file, for the pages' hero images. */
export async function seedPages(payload: Payload, counts: Tally, pictures: ReadonlyMap<string, number>): Promise<void> {
  for (const page of pagesData()) {
    const heroImage = (page.heroImage && pictures.get(page.heroImage)) || null
    const data = { title: page.title, slug: page.slug, content: page.content, meta: page.meta, heroImage, _status: 'published' as const }
    const found = await payload.find({ collection: 'pages', where: { slug: { equals: page.slug } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    if (!existing) {
      await payload.create({ collection: 'pages', data, overrideAccess: true, context: { skipPurge: true } })
      counts.created++
    } else if (isSubset(data, existing)) {
      counts.unchanged++
    } else {
      await payload.update({ collection: 'pages', id: existing.id, data, overrideAccess: true, context: { skipPurge: true } })
      counts.updated++
    }
  }
}
