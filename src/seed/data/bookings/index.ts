/**
 * The twenty seed bookings, in date order once planned (src/seed/data/slots.ts): the first is the
 * soonest. Each contact email appears once, so the seed finds what it already wrote by email and
 * must never be given two bookings with one email.
 */
import { LATER_BOOKINGS } from './later'
import { SOONER_BOOKINGS } from './sooner'
import type { SeedBooking } from './types'

export type { SeedBooking, SeedOutcome } from './types'

export const BOOKINGS: SeedBooking[] = [...SOONER_BOOKINGS, ...LATER_BOOKINGS]

export const SEED_BOOKING_EMAILS: readonly string[] = BOOKINGS.map((b) => b.contact.email)
