/**
 * The database's own refusals of a booking write, as the booking conflicts they mean
 * (src/domain/booking/conflicts.ts): the capacity and chef-overlap triggers raise our SQLSTATEs,
 * the unique index allows one live booking per customer email and date, and payment records keep
 * their booking from being deleted. Passed to the
 * HTTP error mapping (src/http/errors.ts) by the bookings endpoints and payload.config.ts, so
 * the HTTP layer never learns a booking index name.
 */
import { ValidationError as PayloadValidationError } from 'payload'

import { bookingConflict, ConflictError } from '../../domain'
import { pgErrorOf } from '../../http/errors'

/** SQLSTATEs raised by our migrations' triggers (see migrations/*_booking_core.ts). */
export const SQLSTATE_SLOT_FULL = 'MH409'
export const SQLSTATE_CHEF_BUSY = 'MH410'
/** Unique index: one non-cancelled booking per customer email and date. */
export const DUPLICATE_BOOKING_INDEX = 'bookings_one_per_email_per_date'

/** Payment records keep their booking (migrations/*_payments.ts: ON DELETE RESTRICT). */
export const PAYMENTS_BOOKING_FK = 'payments_booking_id_bookings_id_fk'

/**
 * Payload's postgres adapter turns a unique violation into its own ValidationError ("Value must
 * be unique") before we see it. On `bookings` the only unique rule besides the id is
 * `bookings_one_per_email_per_date`, so that error there means a duplicate booking.
 */
function isBookingUniqueViolation(err: unknown): boolean {
  if (!(err instanceof PayloadValidationError)) return false
  const data = err.data as
    | {
        collection?: string
        errors?: { tableName?: string; message?: string }[]
      }
    | undefined
  return data?.collection === 'bookings' && Boolean(data.errors?.some((e) => e.tableName === 'bookings' && /unique/i.test(e.message ?? '')))
}

/** The booking conflict a database error means, or undefined when it is not one of ours. */
export function bookingConflictFromDatabase(err: unknown): ConflictError | undefined {
  if (isBookingUniqueViolation(err)) return bookingConflict('duplicate_booking')
  const pg = pgErrorOf(err)
  if (!pg) return undefined
  if (pg.code === SQLSTATE_SLOT_FULL) return bookingConflict('slot_full')
  if (pg.code === SQLSTATE_CHEF_BUSY) return bookingConflict('chef_unavailable')
  if (pg.code === '23505' && pg.constraint === DUPLICATE_BOOKING_INDEX) return bookingConflict('duplicate_booking')
  // 23503 foreign_key_violation; PostgreSQL 18 reports an ON DELETE RESTRICT as 23001 restrict_violation.
  if ((pg.code === '23503' || pg.code === '23001') && pg.constraint === PAYMENTS_BOOKING_FK) {
    return new ConflictError('This booking has payment records, which are kept: cancel the booking instead of deleting it', 'has_payments')
  }
  return undefined
}
