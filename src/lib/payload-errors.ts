/**
 * The ONE place typed errors become HTTP answers.
 * - Domain ValidationError → Payload's ValidationError (400, `data.errors[]` names each field).
 * - Domain ConflictError, and the database's own refusals (capacity trigger, chef overlap,
 *   duplicate-booking index), → 409 with a reason code and a plain message. Never a 500.
 * - NotFound → 404, Forbidden → 403.
 * Used by hooks/endpoints (`toPayloadError`) and by the root `afterError` hook, which sees errors
 * thrown from the database layer.
 */
import { APIError, ValidationError as PayloadValidationError, type AfterErrorHook } from 'payload'

import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ConflictReason } from '../domain'

/** SQLSTATEs raised by our migrations' triggers (see migrations/*_booking_core.ts). */
export const SQLSTATE_SLOT_FULL = 'MH409'
export const SQLSTATE_CHEF_BUSY = 'MH410'
/** Unique index: one non-cancelled booking per customer email and date. */
export const DUPLICATE_BOOKING_INDEX = 'bookings_one_per_email_per_date'

export class HttpConflictError extends APIError {
  constructor(message: string, reason: ConflictReason | string) {
    super(message, 409, { reason }, true)
    this.name = 'ConflictError'
  }
}

interface PgLikeError {
  code?: string
  constraint?: string
  message?: string
  cause?: unknown
}

/** Finds a Postgres error inside whatever wrapped it (drizzle wraps pg's errors in `cause`). */
export function pgErrorOf(err: unknown): PgLikeError | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as PgLikeError
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e
    current = e.cause
  }
  return undefined
}

/**
 * Payload's postgres adapter turns a unique violation into its own ValidationError ("Value must
 * be unique") before we see it. On `bookings` the only unique rule besides the id is
 * `bookings_one_per_email_per_date`, so that error there means a duplicate booking.
 */
function isBookingUniqueViolation(err: unknown): boolean {
  if (!(err instanceof PayloadValidationError)) return false
  const data = err.data as { collection?: string; errors?: { tableName?: string; message?: string }[] } | undefined
  return data?.collection === 'bookings' && Boolean(data.errors?.some((e) => e.tableName === 'bookings' && /unique/i.test(e.message ?? '')))
}

export function conflictFromDatabase(err: unknown): HttpConflictError | undefined {
  if (isBookingUniqueViolation(err)) return new HttpConflictError('There is already a booking for this email on that date.', 'duplicate_booking')
  const pg = pgErrorOf(err)
  if (!pg) return undefined
  if (pg.code === SQLSTATE_SLOT_FULL) return new HttpConflictError('That time is fully booked. Please choose another time.', 'slot_full')
  if (pg.code === SQLSTATE_CHEF_BUSY) return new HttpConflictError('That chef already has a booking at an overlapping time.', 'chef_unavailable')
  if (pg.code === '23505' && pg.constraint === DUPLICATE_BOOKING_INDEX) {
    return new HttpConflictError('There is already a booking for this email on that date.', 'duplicate_booking')
  }
  return undefined
}

export function toPayloadError(err: unknown): unknown {
  if (err instanceof ValidationError) {
    return new PayloadValidationError({ errors: err.issues.map((i) => ({ path: i.path, message: i.message })) })
  }
  if (err instanceof ConflictError) return new HttpConflictError(err.message, err.reason ?? 'conflict')
  if (err instanceof NotFoundError) return new APIError(err.message, 404, undefined, true)
  if (err instanceof ForbiddenError) return new APIError(err.message, 403, undefined, true)
  return conflictFromDatabase(err) ?? err
}

/** Root afterError hook: database refusals that escaped a hook still answer 409, not 500. */
export const mapDatabaseErrors: AfterErrorHook = ({ error }) => {
  const conflict = conflictFromDatabase(error)
  if (!conflict) return
  return {
    status: 409,
    response: { errors: [{ name: 'ConflictError', message: conflict.message, data: conflict.data as Record<string, unknown> }] },
  }
}
