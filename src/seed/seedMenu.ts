/**
 * Seeds the menu items, found by name: created when missing, updated when they differ from the
 * seed values, left alone otherwise (src/seed/upsert.ts, which writes with `skipPurge`); must never
 * touch a menu item whose name the seed does not own.
 */
import type { Payload } from 'payload'

import type { Tally } from './compare'
import { MENU_ITEMS } from './data'
import { upsertSeedDoc } from './upsert'

/** Seeds the menu; returns each seed item's id by name, for the bookings. */
export async function seedMenu(payload: Payload, counts: Tally): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const item of MENU_ITEMS) {
    const data = { ...item, dietaryTags: [...item.dietaryTags], active: true }
    ids.set(item.name, await upsertSeedDoc(payload, counts, { collection: 'menu-items', where: { name: { equals: item.name } }, data }))
  }
  return ids
}
