// The deposit hold: an online booking keeps its slot for a while without a deposit, and gives it
// back if the deposit is not paid in time. Decides which bookings need an online deposit, when a
// hold ends and whether it is over; must never read the clock (callers pass `now` / `from`),
// change a booking's status or talk to the payment provider.
import { ValidationError } from '../errors'
import { MS_PER_MINUTE } from './guards'

/** What decides whether a new booking must pay its deposit online before it is kept. */
export interface OnlineDepositInput {
  /** Where the booking came from: 'web' | 'phone' | 'chat' | 'admin'. */
  source: string
  depositCents: number
  /** Whether online payments are switched on for this deployment. */
  paymentsEnabled: boolean
}

/**
 * True only for a booking made on the website ('web') with a deposit above 0 while online payments
 * are on. Phone, admin and chat bookings are exempt: they stay pending until staff confirm them,
 * and so does everything when payments are off.
 */
export function needsOnlineDeposit(input: OnlineDepositInput): boolean {
  return input.source === 'web' && input.depositCents > 0 && input.paymentsEnabled
}

/**
 * When a hold that starts at `from` ends: from + settings.depositHoldMinutes.
 * Throws ValidationError('depositHoldMinutes') unless the setting is a whole number above 0.
 */
export function holdExpiresAt(settings: { depositHoldMinutes: number }, from: Date): Date {
  const minutes = settings.depositHoldMinutes
  if (!Number.isSafeInteger(minutes) || minutes <= 0) {
    throw ValidationError.single('depositHoldMinutes', 'Must be a whole number of minutes, more than 0')
  }
  return new Date(from.getTime() + minutes * MS_PER_MINUTE)
}

/** The part of a booking the hold rule reads. */
export interface HeldBooking {
  status: string
  holdExpiresAt: Date | null
  depositPaidCents: number
}

/**
 * True when the booking should give its slot back: it is still pending, it has a hold, the hold
 * ended at or before `now` (a hold ending exactly now is over), and no deposit was paid.
 * A booking without a hold (phone, admin, chat) never runs out.
 */
export function isHoldOver(b: HeldBooking, now: Date): boolean {
  return b.status === 'pending' && b.holdExpiresAt !== null && b.holdExpiresAt.getTime() <= now.getTime() && b.depositPaidCents <= 0
}

/**
 * The hold after a Checkout Session expiring at `sessionExpiresAt` was opened: the later of the
 * two, so a session created near the end of a hold keeps the slot until the session itself
 * expires (the customer may still pay in it). A booking with no hold gets the session's end.
 * Always returns a new Date.
 */
export function extendHoldTo(current: Date | null, sessionExpiresAt: Date): Date {
  const later = current !== null && current.getTime() > sessionExpiresAt.getTime() ? current : sessionExpiresAt
  return new Date(later.getTime())
}
