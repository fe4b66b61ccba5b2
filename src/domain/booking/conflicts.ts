/**
 * The booking conflicts whose words never change, in one table: the booking rules throw them and
 * the database's own refusals (capacity trigger, chef-overlap trigger, one-booking-per-email index)
 * are answered with the same reason and message. Framework-free.
 */
import { ConflictError, type ConflictReason } from '../errors'

export const CONFLICT_MESSAGES = {
  slot_full: 'That time is fully booked. Please choose another time.',
  chef_unavailable: 'That chef already has a booking at an overlapping time.',
  duplicate_booking: 'There is already a booking for this email on that date.',
} as const satisfies Partial<Record<ConflictReason, string>>

export type FixedConflictReason = keyof typeof CONFLICT_MESSAGES

/** The ConflictError for a reason of the table, with its one message. */
export function bookingConflict(reason: FixedConflictReason): ConflictError {
  return new ConflictError(CONFLICT_MESSAGES[reason], reason)
}
