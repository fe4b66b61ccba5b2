/**
 * The customer-safe view of a booking that the manage endpoints and the manage page show, and how
 * the manage link reads a booking to build it.
 * Must never return the token's hash, the customer id, chefs' data or other internal fields, and
 * must never decide a business rule itself (those are in src/domain).
 */
import {
  canCancel,
  canReschedule,
  localToInstant,
  refundForCancellation,
  tiersByDaysDesc,
  type BookingAddress,
  type BookingStatus,
  type BusinessSettings,
  type CancellationTier,
  type GuestCount,
  type Quote,
  type RefundDecision,
} from '../../domain'
import type { Booking } from '../../payload-types'

/** A booking as the manage link reads it: without the customer, chefs and the token hash. */
export type ManagedBooking = Omit<Booking, 'customer' | 'assignedChefs' | 'manageTokenHash'>

/**
 * How the manage link reads a booking (also what a change through it returns): menu item names
 * only (depth 1), and never the customer account, the chefs' data or the token hash — never
 * loaded, so never leaked.
 */
export const MANAGE_READ = {
  depth: 1,
  populate: { 'menu-items': { name: true } },
  select: { customer: false, assignedChefs: false, manageTokenHash: false },
} as const

export interface ManageView {
  id: number
  status: BookingStatus
  /** YYYY-MM-DD and HH:MM in the business time zone (`timezone`). */
  eventDate: string
  startTime: string
  durationMinutes: number
  /** ISO instants (UTC). */
  startsAt: string
  endsAt: string
  timezone: string
  guests: GuestCount
  address: BookingAddress
  contact: { name: string; email: string; phone: string }
  menu: { name: string; quantity: number }[]
  specialRequests: string | null
  dietaryNotes: string | null
  pricing: Quote
  payment: { depositPaidCents: number; refundedCents: number }
  /** Set once the booking is cancelled; null otherwise. */
  cancellation: { cancelledAt: string; refundPercent: number; refundCents: number } | null
  canReschedule: boolean
  canCancel: boolean
  /** What cancelling now would refund; null when the booking can no longer be cancelled. */
  refundIfCancelledNow: RefundDecision | null
  /** The policy, largest minDaysBefore first. */
  cancellationTiers: CancellationTier[]
}

const cents = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

function menuName(item: number | { name?: string | null } | null | undefined): string {
  return item && typeof item === 'object' && typeof item.name === 'string' ? item.name : 'Menu item'
}

/** The customer-safe view of a booking at `now` (decisions come from src/domain). */
export function manageView(booking: ManagedBooking, settings: BusinessSettings, now: Date): ManageView {
  const status: BookingStatus = booking.status
  const durationMinutes = booking.durationMinutes ?? settings.defaultDurationMinutes
  const startsAt = booking.startsAt ? new Date(booking.startsAt) : localToInstant(booking.eventDate, booking.startTime, settings.timezone)
  const endsAt = booking.endsAt ? new Date(booking.endsAt) : new Date(startsAt.getTime() + durationMinutes * 60_000)
  const pricing = booking.pricing ?? {}
  const depositPaidCents = cents(booking.payment?.depositPaidCents)
  // Once the event has started the link changes nothing (src/domain/bookingTerms.ts).
  const before = startsAt.getTime() > now.getTime()
  const cancellable = before && canCancel(status)
  const refundFrom = booking.refundBasisStartsAt ? new Date(booking.refundBasisStartsAt) : startsAt
  return {
    id: booking.id,
    status,
    eventDate: booking.eventDate,
    startTime: booking.startTime,
    durationMinutes,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    timezone: settings.timezone,
    guests: { adults: booking.guests.adults, children: booking.guests.children ?? 0 },
    address: { street: booking.address.street, city: booking.address.city, state: booking.address.state, zip: booking.address.zip },
    contact: { name: booking.contact.name, email: booking.contact.email, phone: booking.contact.phone },
    menu: (booking.menu ?? []).map((row) => ({ name: menuName(row.item), quantity: row.quantity })),
    specialRequests: booking.specialRequests ?? null,
    dietaryNotes: booking.dietaryNotes ?? null,
    pricing: {
      lineItems: (pricing.lineItems ?? []).map((l) => ({ label: l.label, amountCents: l.amountCents })),
      subtotalCents: cents(pricing.subtotalCents),
      travelFeeCents: cents(pricing.travelFeeCents),
      taxCents: cents(pricing.taxCents),
      depositCents: cents(pricing.depositCents),
      totalCents: cents(pricing.totalCents),
      currency: pricing.currency ?? settings.currency,
    },
    payment: { depositPaidCents, refundedCents: cents(booking.payment?.refundedCents) },
    cancellation:
      status === 'cancelled'
        ? {
            // The booking hook always records cancelledAt; the last change is the best stand-in otherwise.
            cancelledAt: booking.cancellation?.cancelledAt ?? booking.updatedAt,
            refundPercent: booking.cancellation?.refundPercent ?? 0,
            refundCents: cents(booking.cancellation?.refundCents),
          }
        : null,
    canReschedule: before && canReschedule(status),
    canCancel: cancellable,
    refundIfCancelledNow: cancellable ? refundForCancellation(settings, { eventStartsAt: refundFrom, paidCents: depositPaidCents, now }) : null,
    cancellationTiers: tiersByDaysDesc(settings),
  }
}
