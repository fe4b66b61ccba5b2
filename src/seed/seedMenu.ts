/**
 * Seeds the menu items, found by name: created when missing, updated when they differ from the
 * seed values, left alone otherwise. Writes with `skipPurge` (the run purges once at the end,
 * src/seed/purge.ts); must never touch a menu item whose name the seed does not own.
 */
import type { Payload } from 'payload'

import { isSubset, type Tally } from './compare'
import { MENU_ITEMS } from './data'

/** Seeds the menu; returns each seed item's id by name, for the bookings. */
export async function seedMenu(payload: Payload, counts: Tally): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const item of MENU_ITEMS) {
    const data = { ...item, dietaryTags: [...item.dietaryTags], active: true }
    const found = await payload.find({ collection: 'menu-items', where: { name: { equals: item.name } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    if (!existing) {
      const created = await payload.create({ collection: 'menu-items', data, overrideAccess: true, context: { skipPurge: true } })
      ids.set(item.name, created.id)
      counts.created++
    } else {
      if (isSubset(data, existing)) counts.unchanged++
      else {
        await payload.update({ collection: 'menu-items', id: existing.id, data, overrideAccess: true, context: { skipPurge: true } })
        counts.updated++
      }
      ids.set(item.name, existing.id)
    }
  }
  return ids
}
