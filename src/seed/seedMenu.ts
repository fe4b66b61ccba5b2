/**
 * Seeds the menu items, found by name: created when missing, updated when they differ from the
 * seed values, left alone otherwise (src/seed/upsert.ts, which writes with `skipPurge`); must never
 * touch a menu item whose name the seed does not own.
 */
import type { Payload } from 'payload'

import type { Tally } from './compare'
import { MENU_ITEMS, type SeedMenuItem } from './data'
import { upsertSeedDoc } from './upsert'

/** Seeds the menu, published, each item with its picture (`pictures`: Media id by file); returns each seed item's id by name, for the bookings. */
export async function seedMenu(payload: Payload, counts: Tally, pictures: ReadonlyMap<string, number>): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const { picture, ...item } of MENU_ITEMS as readonly SeedMenuItem[]) {
    const data = { ...item, dietaryTags: [...item.dietaryTags], active: true, _status: 'published' as const, image: (picture && pictures.get(picture)) || null }
    ids.set(item.name, await upsertSeedDoc(payload, counts, { collection: 'menu-items', where: { name: { equals: item.name } }, data }))
  }
  return ids
}
