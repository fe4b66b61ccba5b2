/**
 * The shape of a seed booking (who, how many, where, what they eat, how it ends up), and the one
 * function that builds the booking lists from their table rows. Must never hold the bookings
 * themselves (sooner.ts, later.ts).
 */
import type { ChefKey } from '../chefs'
import type { MenuItemName } from '../menu'

export type SeedOutcome = 'pending' | 'confirmed' | 'cancelled-from-pending' | 'cancelled-from-confirmed'

export interface SeedBooking {
  contact: { name: string; email: string; phone: string }
  guests: { adults: number; children: number }
  address: { street: string; city: string; state: string; zip: string }
  menu: { item: MenuItemName; quantity: number }[]
  specialRequests?: string
  dietaryNotes?: string
  source: 'web' | 'phone' | 'chat'
  outcome: SeedOutcome
  /** Chefs assigned when the booking is confirmed (only if the chefs exist). */
  chefs?: ChefKey[]
  cancelReason?: string
}

/**
 * One seed booking as a table row: [name, email, phone], [adults, children], [street, zip] of a
 * Manhattan address, the menu (item: quantity, in the order listed), then the rest of the booking.
 */
export type SeedBookingRow = [
  contact: [name: string, email: string, phone: string],
  guests: [adults: number, children: number],
  address: [street: string, zip: string],
  menu: Partial<Record<MenuItemName, number>>,
  rest: Omit<SeedBooking, 'contact' | 'guests' | 'address' | 'menu'>,
]

/** The bookings the rows describe, in the same order. */
export function bookingsFromRows(rows: SeedBookingRow[]): SeedBooking[] {
  return rows.map(([[name, email, phone], [adults, children], [street, zip], menu, rest]) => ({
    contact: { name, email, phone },
    guests: { adults, children },
    address: { street, city: 'New York', state: 'NY', zip },
    menu: (Object.entries(menu) as [MenuItemName, number][]).map(([item, quantity]) => ({ item, quantity })),
    ...rest,
  }))
}
