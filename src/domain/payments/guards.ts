// Input guards shared by the payment rules (internal: not re-exported from the domain).
// Decides only whether a number is a usable amount of cents; must never round, clamp or
// "repair" a bad amount: a wrong amount of money is refused with a ValidationError naming the field.
import { ValidationError } from '../errors'

/** Throws ValidationError(field) unless `value` is a safe integer ≥ 0 (a whole number of cents). */
export function assertCents(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw ValidationError.single(field, 'Must be a whole number of cents, 0 or more')
  }
}

/** Throws ValidationError(field) unless `value` is a safe integer > 0. */
export function assertPositiveCents(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw ValidationError.single(field, 'Must be a whole number of cents, more than 0')
  }
}

export const MS_PER_MINUTE = 60_000
export const MS_PER_DAY = 86_400_000
