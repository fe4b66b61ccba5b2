/**
 * Which booking emails a booking's change sends, and when the scheduled ones go, as the business
 * says it:
 * - a new booking that waits for its deposit or for staff gets "received" (with its manage link);
 *   one staff book as confirmed straight away gets "confirmed";
 * - a booking that becomes confirmed gets "confirmed" (with a calendar invite), a reminder 48 hours
 *   before it starts and a thank-you the day after;
 * - a booking that moves gets "rescheduled" (unless the same change confirmed it: "confirmed" then
 *   says the new time), and its reminder and thank-you move with it;
 * - a cancelled booking gets "cancelled" (with its refund); its reminder and thank-you are dropped,
 *   as they are when it expires or the party does not show;
 * - a scheduled email checks when it is due that the booking still wants it: a reminder only for a
 *   booking still confirmed at the same start, a thank-you only for one confirmed or completed;
 * - each email goes at most once per booking event: "rescheduled" and the reminder once per start.
 * Pure: no I/O and no clock (callers pass `now`).
 */
import type { BookingStatus } from '../lifecycle'
import { instantToLocal, localToInstant, addDaysToDate } from '../time'
import type { BookingEmailEvent } from './index'

export const REMINDER_HOURS_BEFORE = 48
/** The thank-you goes this long after the event ends, moved out of the night (see thankYouAt). */
export const THANK_YOU_HOURS_AFTER = 3
/** No thank-you between these local hours: it waits for THANK_YOU_MORNING. */
export const QUIET_HOURS = { from: '21:00', until: '09:00' } as const
export const THANK_YOU_MORNING = '10:00'

const HOUR_MS = 3_600_000

/** What the email rules read of a booking. */
export interface BookingEmailState {
  status: BookingStatus
  /** ISO instant; null only for a booking that has none yet. */
  startsAt: string | null
}

export interface BookingEmailToSend {
  event: BookingEmailEvent
  /** Told apart per start: "rescheduled" once per new start. */
  variant?: string
}

export interface BookingEmailPlan {
  send: BookingEmailToSend[]
  /** Drop the booking's scheduled emails (reminder, thank-you) that have not gone yet. */
  unschedule: boolean
  /** Schedule the reminder and the thank-you for the booking's current start. */
  schedule: boolean
}

const NOTHING: BookingEmailPlan = { send: [], unschedule: false, schedule: false }

/** The same instant, whatever its spelling (`…Z` or `…+00:00`, with or without milliseconds). */
export function sameInstant(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return a === b
  return new Date(a).getTime() === new Date(b).getTime()
}

/** The canonical spelling of an instant, for keys and job inputs. */
export function instantKey(iso: string): string {
  return new Date(iso).toISOString()
}

/** What a booking's create or update sends and (re)schedules. */
export function planBookingEmails(change: { operation: 'create' | 'update'; before?: BookingEmailState | null; after: BookingEmailState }): BookingEmailPlan {
  const { after } = change
  if (change.operation === 'create' || !change.before) {
    if (after.status === 'pending') return { ...NOTHING, send: [{ event: 'received' }] }
    if (after.status === 'confirmed') return { send: [{ event: 'confirmed' }], unschedule: false, schedule: true }
    return NOTHING
  }
  const before = change.before
  const statusChanged = before.status !== after.status
  if (statusChanged && after.status === 'cancelled') return { send: [{ event: 'cancelled' }], unschedule: true, schedule: false }
  if (statusChanged && (after.status === 'expired' || after.status === 'no_show')) return { ...NOTHING, unschedule: true }
  if (statusChanged && after.status === 'confirmed') return { send: [{ event: 'confirmed' }], unschedule: true, schedule: true }
  const moved = !sameInstant(before.startsAt, after.startsAt) && after.startsAt !== null
  if (moved && (after.status === 'pending' || after.status === 'confirmed')) {
    const confirmed = after.status === 'confirmed'
    return { send: [{ event: 'rescheduled', variant: instantKey(after.startsAt ?? '') }], unschedule: confirmed, schedule: confirmed }
  }
  return NOTHING
}

/** When the reminder goes: 48 hours before the start. */
export function reminderAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - REMINDER_HOURS_BEFORE * HOUR_MS)
}

/** Whether a reminder is still worth scheduling at `now` (not when the booking is already that close). */
export function reminderDue(startsAt: Date, now: Date): boolean {
  return reminderAt(startsAt).getTime() > now.getTime()
}

/**
 * When the thank-you goes: three hours after the event ends, unless that falls in the night (21:00
 * to 09:00 in the business time zone): then at 10:00 the next morning.
 */
export function thankYouAt(endsAt: Date, timezone: string): Date {
  const candidate = new Date(endsAt.getTime() + THANK_YOU_HOURS_AFTER * HOUR_MS)
  const local = instantToLocal(candidate, timezone)
  if (local.time >= QUIET_HOURS.from) return localToInstant(addDaysToDate(local.date, 1), THANK_YOU_MORNING, timezone)
  if (local.time < QUIET_HOURS.until) return localToInstant(local.date, THANK_YOU_MORNING, timezone)
  return candidate
}

/**
 * Whether a scheduled email (queued for the start `scheduledFor`) is still wanted when its time
 * comes: the booking has not moved, and a reminder's booking is still confirmed and ahead; a
 * thank-you's booking was confirmed or completed (never cancelled, expired or a no-show).
 */
export function scheduledEmailWanted(event: BookingEmailEvent, booking: BookingEmailState, scheduledFor: string, now: Date): boolean {
  if (!sameInstant(booking.startsAt, scheduledFor)) return false
  if (event === 'reminder') return booking.status === 'confirmed' && new Date(scheduledFor).getTime() > now.getTime()
  if (event === 'thank_you') return booking.status === 'confirmed' || booking.status === 'completed'
  return false
}
