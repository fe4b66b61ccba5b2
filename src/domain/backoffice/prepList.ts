/**
 * The kitchen's daily prep list: what to buy and prepare for one day's events, summed from the
 * menus of that day's CONFIRMED bookings (pending ones may still expire or change, cancelled,
 * expired, completed and no-show ones need nothing). Pure over plain data: callers load the
 * bookings and their menu items; this must never read storage or the clock.
 *
 * Rules, as the kitchen says them:
 * - a menu row's quantity is what gets prepared: for a per-guest item (a protein for 6 guests)
 *   it is the number of portions, for a flat item (one sushi platter) the number of orders;
 * - the same item over several bookings is one line, with its total and how many events want it;
 * - lines come by category (proteins first, then upgrades, add-ons, sides), then by name;
 * - the day's guests (adults, children) and events are counted too: rice, vegetables and sauces
 *   come with every guest.
 */
import type { MenuItemForPricing } from '../pricing'

export const PREP_CATEGORIES = ['protein', 'upgrade', 'add-on', 'side'] as const satisfies readonly MenuItemForPricing['category'][]

export interface PrepBooking {
  id: string
  status: string
  guests: { adults: number; children: number }
  menu: { item: Pick<MenuItemForPricing, 'id' | 'name' | 'category' | 'pricing'>; quantity: number }[]
}

export interface PrepLine {
  itemId: string
  name: string
  category: MenuItemForPricing['category']
  /** portions (per-guest items) or orders (flat items) */
  unit: 'portions' | 'orders'
  quantity: number
  /** How many of the day's events ordered it. */
  events: number
}

export interface PrepList {
  events: number
  adults: number
  children: number
  lines: PrepLine[]
}

export function prepList(bookings: readonly PrepBooking[]): PrepList {
  const confirmed = bookings.filter((b) => b.status === 'confirmed')
  const byItem = new Map<string, PrepLine & { bookingIds: Set<string> }>()
  let adults = 0
  let children = 0
  for (const b of confirmed) {
    adults += b.guests.adults
    children += b.guests.children
    for (const row of b.menu) {
      if (!Number.isInteger(row.quantity) || row.quantity <= 0) continue
      const line = byItem.get(row.item.id) ?? {
        itemId: row.item.id,
        name: row.item.name,
        category: row.item.category,
        unit: row.item.pricing === 'flat' ? ('orders' as const) : ('portions' as const),
        quantity: 0,
        events: 0,
        bookingIds: new Set<string>(),
      }
      line.quantity += row.quantity
      line.bookingIds.add(b.id)
      line.events = line.bookingIds.size
      byItem.set(row.item.id, line)
    }
  }
  const rank = (c: MenuItemForPricing['category']) => PREP_CATEGORIES.indexOf(c)
  const lines = [...byItem.values()]
    .map(({ bookingIds: _ids, ...line }) => line)
    .sort((a, b) => rank(a.category) - rank(b.category) || a.name.localeCompare(b.name))
  return { events: confirmed.length, adults, children, lines }
}
