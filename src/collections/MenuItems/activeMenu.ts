/**
 * The active menu for pricing quotes and the storefront, cached (purged by hooks/purgeMenu.ts on
 * change). Must never hold inactive or unpublished items: a quote would price something that
 * cannot be booked. The published document only (`draft: false`): an editor's draft price is not a price.
 */
import type { Payload } from 'payload'

import type { MenuItemForPricing } from '../../domain'
import { cached } from '../../infra/cache'
import type { MenuItem } from '../../payload-types'

/** A menu-items document as the pricing rules see it. A draft that was never published is not on the menu: it prices as an inactive item. */
export function pricingItem(d: Pick<MenuItem, 'id' | 'name' | 'category' | 'priceCents' | 'pricing' | 'active' | '_status'>): MenuItemForPricing {
  return {
    id: String(d.id),
    name: d.name,
    category: d.category,
    priceCents: d.priceCents,
    pricing: d.pricing === 'flat' ? 'flat' : 'per_guest',
    active: d.active !== false && d._status !== 'draft',
  }
}

export function activeMenu(payload: Payload): Promise<MenuItemForPricing[]> {
  return cached('menu', 'active', 'pricing', async () => {
    const result = await payload.find({ collection: 'menu-items', where: { active: { equals: true }, _status: { equals: 'published' } }, draft: false, overrideAccess: true, depth: 0, limit: 0, pagination: false, sort: 'sortOrder' })
    return result.docs.map(pricingItem)
  })
}
