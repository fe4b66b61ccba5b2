// Integer-cent money arithmetic with explicit rounding.
// Rounding rule used everywhere: round half UP (toward +infinity for the non-negative
// amounts we handle), the same as Math.round. This module must never produce a
// fractional cent or use floating-point money values.

function assertInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`)
}

/**
 * numerator / denominator rounded half up, computed on integers so that exact
 * halves (e.g. 50 cents of tax in 0.5) are never lost to floating point.
 * Requires integer inputs, denominator > 0.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  assertInt(numerator, 'numerator')
  assertInt(denominator, 'denominator')
  if (denominator <= 0) throw new RangeError('denominator must be positive')
  let q = Math.floor(numerator / denominator)
  let r = numerator - q * denominator
  // Correct any off-by-one from the float division.
  while (r < 0) {
    q -= 1
    r += denominator
  }
  while (r >= denominator) {
    q += 1
    r -= denominator
  }
  return 2 * r >= denominator ? q + 1 : q
}

/** `percent`% of `amountCents`, rounded half up to a whole cent. */
export function percentOfCents(amountCents: number, percent: number): number {
  return divRoundHalfUp(amountCents * percent, 100)
}

/** `amountCents` × rate given in parts per million, rounded half up to a whole cent. */
export function applyRateMicros(amountCents: number, rateMicros: number): number {
  return divRoundHalfUp(amountCents * rateMicros, 1_000_000)
}

/** A stored amount of cents, or 0 when there is none (a field never set, a null from the database). */
export function centsOrZero(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}
