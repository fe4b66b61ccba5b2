/**
 * The customer's manage link (/booking/<token>): the token's hash, finding a booking by its token,
 * locking it for a change, and the customer-safe view of it that the manage endpoints and the
 * manage page show. The token is the credential: whoever holds the link may see and change that
 * one booking.
 * Must never return or log the token or its hash, the customer id, chefs' data or other internal
 * fields, and must never decide a business rule itself (those are in src/domain).
 */
import { createHash } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import {
  canCancel,
  canReschedule,
  isBookingStatus,
  localToInstant,
  refundForCancellation,
  tiersByDaysDesc,
  type BookingStatus,
  type BusinessSettings,
  type CancellationTier,
  type Quote,
  type RefundDecision,
} from '../../domain'
import { sql, transactionDb } from '../../infra/db'
import type { Booking } from '../../payload-types'

/** Tokens are made by prepareBooking as 24 random bytes in base64url (32 characters). */
const TOKEN_SYNTAX = /^[A-Za-z0-9_-]{20,100}$/

/** Only this hash of a manage token is stored (bookings.manageTokenHash): sha256, hex. */
export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

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

/** The customer's manage link for a token, on the public site. */
export function manageUrl(siteOrigin: string, token: string): string {
  return `${siteOrigin}/booking/${encodeURIComponent(token)}`
}

/**
 * The booking a manage token belongs to, with menu item names (depth 1, names only); null for an
 * unknown or malformed token (malformed ones are refused without a query). Usable with a plain
 * Payload (server components) or inside a request (`req`).
 */
export async function bookingByManageToken(payload: Payload, token: string, req?: PayloadRequest): Promise<ManagedBooking | null> {
  if (typeof token !== 'string' || !TOKEN_SYNTAX.test(token)) return null
  const found = await payload.find({
    collection: 'bookings',
    where: { manageTokenHash: { equals: hashManageToken(token) } },
    // The system acts for the token holder: the link is their credential, checked by the hash match.
    overrideAccess: true,
    ...MANAGE_READ,
    limit: 1,
    pagination: false,
    ...(req ? { req } : {}),
  })
  return (found.docs[0] as ManagedBooking | undefined) ?? null
}

/**
 * Inside the caller's transaction (`req.transactionID`): locks the booking row until commit, so
 * changes through manage links are decided one at a time on fresh data, and returns what the
 * decision needs. undefined when the booking is gone.
 */
export async function lockBookingForChange(
  req: PayloadRequest,
  id: number,
): Promise<{ status: BookingStatus; eventDate: string; startTime: string; startsAt: Date } | undefined> {
  const db = await transactionDb(req)
  const result = await db.execute<{ status: string; event_date: string; start_time: string; starts_at: string | Date }>(
    sql`SELECT status, event_date, start_time, starts_at FROM bookings WHERE id = ${id} FOR UPDATE`,
  )
  const row = result.rows[0]
  if (!row) return undefined
  if (!isBookingStatus(row.status)) throw new Error(`booking ${id} has an unknown status`)
  return { status: row.status, eventDate: row.event_date, startTime: row.start_time, startsAt: new Date(row.starts_at) }
}

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
  guests: { adults: number; children: number }
  address: { street: string; city: string; state: string; zip: string }
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
