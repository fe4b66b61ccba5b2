/**
 * The shape of a seed booking (who, how many, where, what they eat, how it ends up), and the
 * address helper both booking lists use. Must never hold the bookings themselves (sooner.ts, later.ts).
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

/** A Manhattan address. */
export const nyc = (street: string, zip: string) => ({ street, city: 'New York', state: 'NY', zip })
