/**
 * The customer's own account on the storefront, as the business says it:
 * - a customer signs in with a one-time link we email them (it works for 15 minutes, once, and
 *   proves the inbox, so it also confirms the email address), or with a password;
 * - a booking is *upcoming* while it is pending or confirmed and has not ended; every other booking
 *   is *past*. Only an active (pending or confirmed) booking gets a new manage link;
 * - "download my data" gives the customer what we hold about them, never our secrets (password
 *   hash, sessions, one-time link hashes, manage-link hashes), staff notes or Stripe internals;
 * - "delete my account" is a request: staff complete it within 30 days by anonymising the account,
 *   which keeps the money records. It is refused while a booking is still to come (the chef would
 *   arrive at a party nobody can be reached about).
 * Pure rules and shapes only: no I/O, no framework, no clock (callers pass `now`).
 */
import { z } from 'zod'

import { ConflictError } from './errors'
import { isActiveStatus, isBookingStatus, type BookingStatus } from './lifecycle'
import { REPLY_MAX } from './messaging'
import { maskLinks } from './messaging/links'
import { recordId, unstorableTextProblem } from './schemas'

/** How long an emailed sign-in link works. */
export const LOGIN_LINK_MINUTES = 15
/** Staff complete a deletion request within this many days. */
export const DELETION_COMPLETION_DAYS = 30
/** The name an anonymised account and its bookings carry. */
export const ANONYMISED_NAME = 'Deleted customer'
/** What replaces each personal text of an anonymised account (messages, notes, the street). */
export const REMOVED_TEXT = '[removed]'
/** Messages shown on the account page (newest); older ones are in the data download. */
export const ACCOUNT_THREAD_LIMIT = 50

/** The unique, undeliverable address an anonymised account keeps (the column is unique and required). */
export function anonymisedEmail(customerId: number): string {
  return `deleted-${customerId}@invalid.example`
}

/**
 * The address an anonymised account's booking keeps. One per booking: one booking per email and
 * date is a database rule, and a customer's bookings may have been made under several addresses.
 */
export function anonymisedBookingEmail(customerId: number, bookingId: number): string {
  return `deleted-${customerId}-booking-${bookingId}@invalid.example`
}

/** The admin title of an anonymised booking (normally "date time · contact name"). */
export function anonymisedBookingTitle(eventDate: string, startTime: string): string {
  return `${eventDate} ${startTime} · ${ANONYMISED_NAME}`
}

/** The date by which staff complete a deletion asked for at `requestedAt`. */
export function deletionDueBy(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + DELETION_COMPLETION_DAYS * 24 * 60 * 60 * 1000)
}

// ---------------------------------------------------------------------------------------------
// Inputs

function storableText(label: string) {
  return z
    .string({ error: `${label} must be text` })
    .refine((s) => unstorableTextProblem(s) === undefined, { message: 'Contains a character we cannot store; please retype it', abort: true })
}

/** POST /api/customers/login-link. */
export const loginLinkRequestSchema = z
  .object({
    email: z
      .string({ error: 'Enter your email address' })
      .trim()
      .toLowerCase()
      .max(254, { message: 'Enter a valid email address' })
      .pipe(z.email({ message: 'Enter a valid email address' })),
  })
  .strict()

/** POST /api/customers/login-link/redeem: the code from the link (its syntax is checked by the lookup). */
export const loginLinkRedeemSchema = z
  .object({ token: z.string({ error: 'The sign-in link has no code' }).min(1, { message: 'The sign-in link has no code' }).max(200, { message: 'This is not a sign-in link code' }) })
  .strict()

/** POST /api/customers/me/messages: a reply from the account page, optionally about one of their bookings. */
export const accountMessageSchema = z
  .object({
    body: storableText('The message')
      .trim()
      .min(1, { message: 'Write a message' })
      .max(REPLY_MAX, { message: `Keep the message under ${REPLY_MAX} characters` }),
    bookingId: recordId.nullish(),
  })
  .strict()

/** Actions that take no input (a deletion request, a new manage link, anonymising): only `{}`. */
export const noInputSchema = z.object({}).strict()

export type LoginLinkRequest = z.infer<typeof loginLinkRequestSchema>
export type AccountMessageInput = z.infer<typeof accountMessageSchema>

// ---------------------------------------------------------------------------------------------
// Bookings on the account page

export interface BookingTiming {
  status: BookingStatus
  /** ISO instants; an unpriced legacy row may lack them. */
  startsAt?: string | null
  endsAt?: string | null
}

/** Pending or confirmed, and not over yet (a booking without times counts as not over). */
export function isUpcoming(booking: BookingTiming, now: Date): boolean {
  if (!isActiveStatus(booking.status)) return false
  const end = booking.endsAt ?? booking.startsAt
  if (!end) return true
  const at = Date.parse(end)
  return Number.isNaN(at) || at > now.getTime()
}

const startOf = (b: BookingTiming) => (b.startsAt ? Date.parse(b.startsAt) || 0 : 0)

/** Upcoming bookings soonest first; past ones most recent first. */
export function splitBookings<T extends BookingTiming>(bookings: readonly T[], now: Date): { upcoming: T[]; past: T[] } {
  const upcoming = bookings.filter((b) => isUpcoming(b, now)).sort((a, b) => startOf(a) - startOf(b))
  const past = bookings.filter((b) => !isUpcoming(b, now)).sort((a, b) => startOf(b) - startOf(a))
  return { upcoming, past }
}

/** A new manage link is made only for a booking that can still be managed. */
export function assertManageLinkAllowed(status: BookingStatus): void {
  if (!isActiveStatus(status)) {
    throw new ConflictError(`This booking is ${status.replace('_', ' ')}: there is nothing left to manage, so no new link is made.`, 'booking_not_active')
  }
}

/** Anonymising waits until no booking of the account is still to come. */
export function assertCanAnonymise(bookings: readonly BookingTiming[], now: Date): void {
  const upcoming = bookings.filter((b) => isUpcoming(b, now)).length
  if (upcoming > 0) {
    throw new ConflictError(
      `This customer has ${upcoming === 1 ? 'an upcoming booking' : `${upcoming} upcoming bookings`}. Cancel or complete ${upcoming === 1 ? 'it' : 'them'} first: the account is anonymised only when nothing is still to come.`,
      'has_upcoming_booking',
    )
  }
}

// ---------------------------------------------------------------------------------------------
// "Download my data"

type Rec = Record<string, unknown>

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const rec = (v: unknown): Rec => (isRec(v) ? v : {})
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const idOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : isRec(v) && typeof v.id === 'number' ? v.id : null)

export interface AccountExportInput {
  /** The account row as read (hidden fields may be there: they are left out here). */
  account: Rec
  bookings: readonly Rec[]
  payments: readonly Rec[]
  messages: readonly Rec[]
}

/**
 * Everything we hold about the customer that is theirs to take away, field by field (a whitelist:
 * a field added to a collection later stays out until it is named here). Private links in messages
 * stay masked; staff notes are left out even if a caller passed one.
 */
export function accountExport(input: AccountExportInput, now: Date) {
  const a = input.account
  return {
    exportedAt: now.toISOString(),
    account: {
      id: num(a.id),
      email: text(a.email),
      name: text(a.name),
      phone: text(a.phone),
      emailConfirmed: a._verified === true,
      marketingConsent: a.marketingConsent === true,
      addresses: list(a.addresses).map((raw) => {
        const x = rec(raw)
        return { label: text(x.label), street: text(x.street), city: text(x.city), state: text(x.state), zip: text(x.zip) }
      }),
      createdAt: text(a.createdAt),
      updatedAt: text(a.updatedAt),
      deletionRequestedAt: text(a.deletionRequestedAt),
    },
    bookings: input.bookings.map((b) => {
      const contact = rec(b.contact)
      const address = rec(b.address)
      const guests = rec(b.guests)
      const pricing = rec(b.pricing)
      const payment = rec(b.payment)
      const cancellation = rec(b.cancellation)
      return {
        id: num(b.id),
        status: isBookingStatus(b.status) ? b.status : null,
        eventDate: text(b.eventDate),
        startTime: text(b.startTime),
        durationMinutes: num(b.durationMinutes),
        startsAt: text(b.startsAt),
        endsAt: text(b.endsAt),
        contact: { name: text(contact.name), email: text(contact.email), phone: text(contact.phone) },
        guests: { adults: num(guests.adults), children: num(guests.children) },
        address: { street: text(address.street), city: text(address.city), state: text(address.state), zip: text(address.zip) },
        menu: list(b.menu).map((raw) => {
          const row = rec(raw)
          const item = rec(row.item)
          return { item: text(item.name) ?? idOrNull(row.item), quantity: num(row.quantity) }
        }),
        specialRequests: text(b.specialRequests),
        dietaryNotes: text(b.dietaryNotes),
        pricing: {
          lineItems: list(pricing.lineItems).map((raw) => {
            const line = rec(raw)
            return { label: text(line.label), amountCents: num(line.amountCents) }
          }),
          subtotalCents: num(pricing.subtotalCents),
          travelFeeCents: num(pricing.travelFeeCents),
          taxCents: num(pricing.taxCents),
          depositCents: num(pricing.depositCents),
          totalCents: num(pricing.totalCents),
          currency: text(pricing.currency),
        },
        paid: {
          depositPaidCents: num(payment.depositPaidCents),
          balancePaidCents: num(payment.balancePaidCents),
          refundedCents: num(payment.refundedCents),
          paidAt: text(payment.paidAt),
        },
        cancellation: b.status === 'cancelled' ? { cancelledAt: text(cancellation.cancelledAt), reason: text(cancellation.reason), refundPercent: num(cancellation.refundPercent), refundCents: num(cancellation.refundCents) } : null,
        createdAt: text(b.createdAt),
        updatedAt: text(b.updatedAt),
      }
    }),
    payments: input.payments.map((p) => ({
      id: num(p.id),
      booking: idOrNull(p.booking),
      kind: text(p.kind),
      method: text(p.method),
      amountCents: num(p.amountCents),
      currency: text(p.currency),
      status: text(p.status),
      occurredAt: text(p.occurredAt) ?? text(p.createdAt),
    })),
    messages: input.messages
      .filter((m) => m.channel !== 'note')
      .map((m) => ({
        id: num(m.id),
        at: text(m.createdAt),
        channel: text(m.channel),
        direction: text(m.direction),
        status: text(m.status),
        booking: idOrNull(m.booking),
        subject: m.subject === null || m.subject === undefined ? null : maskLinks(String(m.subject)),
        body: maskLinks(String(m.body ?? '')),
      })),
  }
}

export type AccountExport = ReturnType<typeof accountExport>

/** The download's file name: the business's and the day's, nothing personal. */
export function accountExportFileName(now: Date): string {
  return `myhibachi-account-${now.toISOString().slice(0, 10)}.json`
}
