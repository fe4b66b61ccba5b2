/**
 * The customer-safe view of a booking that the manage endpoints and the manage page show, and how
 * the manage link reads a booking to build it.
 * Must never return the token's hash, the customer id, chefs' data or other internal fields, and
 * must never decide a business rule itself (those are in src/domain).
 */
import {
  canCancel,
  canReschedule,
  paymentSummary,
  localToInstant,
  refundForCancellation,
  tiersByDaysDesc,
  type BookingAddress,
  type BookingStatus,
  type BusinessSettings,
  type CancellationTier,
  type GuestCount,
  type PaymentState,
  type Quote,
  type RefundDecision,
  centsOrZero,
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
  joins: false,
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
  payment: {
    depositPaidCents: number
    balancePaidCents: number
    refundedCents: number
    /** Still to pay before the booking is confirmed (0 once the deposit is paid). */
    depositDueCents: number
    /** Still to pay after the deposit. */
    balanceDueCents: number
    state: PaymentState
    /** Whether the customer can pay online (Stripe is set up). */
    online: boolean
    /** An unpaid online booking gives its slot back at this instant (ISO); null when nothing is held. */
    holdExpiresAt: string | null
    /** When the saved card is charged the balance (ISO); null when nothing is due. */
    balanceDueAt: string | null
  }
  /** The customer may pay the deposit now (online payment on, booking pending, deposit unpaid). */
  canPayDeposit: boolean
  /** The customer may pay the balance now (online payment on, deposit paid, balance unpaid, before the event). */
  canPayBalance: boolean
  /** Set once the booking is cancelled; null otherwise. */
  cancellation: { cancelledAt: string; refundPercent: number; refundCents: number } | null
  canReschedule: boolean
  canCancel: boolean
  /** What cancelling now would refund; null when the booking can no longer be cancelled. */
  refundIfCancelledNow: RefundDecision | null
  /** The policy, largest minDaysBefore first. */
  cancellationTiers: CancellationTier[]
}

const cents = centsOrZero

function menuName(item: number | { name?: string | null } | null | undefined): string {
  return item && typeof item === 'object' && typeof item.name === 'string' ? item.name : 'Menu item'
}

/** The customer-safe view of a booking at `now` (decisions come from src/domain). */
export function manageView(booking: ManagedBooking, settings: BusinessSettings, now: Date, opts: { paymentsOnline: boolean }): ManageView {
  const status: BookingStatus = booking.status
  const durationMinutes = booking.durationMinutes ?? settings.defaultDurationMinutes
  const startsAt = booking.startsAt ? new Date(booking.startsAt) : localToInstant(booking.eventDate, booking.startTime, settings.timezone)
  const endsAt = booking.endsAt ? new Date(booking.endsAt) : new Date(startsAt.getTime() + durationMinutes * 60_000)
  const pricing = booking.pricing ?? {}
  const depositPaidCents = cents(booking.payment?.depositPaidCents)
  const balancePaidCents = cents(booking.payment?.balancePaidCents)
  const refundedCents = cents(booking.payment?.refundedCents)
  const money = paymentSummary({
    totalCents: cents(pricing.totalCents),
    depositCents: cents(pricing.depositCents),
    depositPaidCents,
    balancePaidCents,
    refundedCents,
  })
  // Once the event has started the link changes nothing (src/domain/bookingTerms.ts).
  const before = startsAt.getTime() > now.getTime()
  const cancellable = before && canCancel(status)
  const live = status === 'pending' || status === 'confirmed'
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
    payment: {
      depositPaidCents,
      balancePaidCents,
      refundedCents,
      // A booking that is over owes nothing, whatever was left unpaid.
      depositDueCents: live ? money.depositDueCents : 0,
      balanceDueCents: live ? money.balanceDueCents : 0,
      state: booking.paymentState ?? 'none',
      online: opts.paymentsOnline,
      holdExpiresAt: status === 'pending' ? (booking.payment?.holdExpiresAt ?? null) : null,
      balanceDueAt: live && money.balanceDueCents > 0 ? (booking.payment?.balanceDueAt ?? null) : null,
    },
    canPayDeposit: opts.paymentsOnline && before && status === 'pending' && money.depositDueCents > 0,
    canPayBalance: opts.paymentsOnline && before && status === 'confirmed' && money.depositDueCents === 0 && money.balanceDueCents > 0,
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
    refundIfCancelledNow: cancellable ? refundForCancellation(settings, { eventStartsAt: refundFrom, paidCents: depositPaidCents + balancePaidCents, now }) : null,
    cancellationTiers: tiersByDaysDesc(settings),
  }
}
