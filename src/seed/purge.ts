/**
 * The seed's one cache purge, after all its writes (each write passed `skipPurge`, so no hook
 * purged per document): the cached settings and all availability (which the seeded bookings and
 * settings shape), the menu, and every page, with their storefront tags (every page shows the
 * settings, so every cached page renders again). Uses the purge functions the collections' own
 * hooks use, so a cache added to one of them is purged here too. The seed's pictures are only ever
 * new uploads (./seedMedia.ts never changes one), which no cached render showed yet; the menu and
 * page purges cover the pages that now show them. If the seed ever changes an existing upload,
 * add `purgeMediaContent` (src/collections/Media/hooks/purgeContent.ts). Must
 * never be skipped after a write, not even a failed run's: the caches would serve the old content.
 */
import { purgeMenu } from '../collections/MenuItems/hooks/purgeMenu'
import { purgeAllPages } from '../collections/Pages/hooks/purgePages'
import { purgeSettings } from '../globals/BusinessSettings/hooks/purgeSettings'
import { purgeDashboard } from '../hooks/purgeDashboard'
import { pagesData } from './data'

export async function purgeSeeded(): Promise<void> {
  await Promise.all([purgeSettings(), purgeMenu(), purgeAllPages(pagesData().map((p) => p.slug)), purgeDashboard()])
}
