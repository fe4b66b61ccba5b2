// Refunds: how much of a booking's payments can still be refunded, which payment each cent of a
// refund comes from, what a staff member's manual refund may be, and what a cancellation still
// has to send back. Decides only amounts; must never send a refund, read the clock, or let a
// refund exceed what a payment has left.
import { ValidationError } from '../errors'
import { assertCents, assertPositiveCents } from './guards'

/** One payment (a Stripe PaymentIntent) made for a booking and how much of it was refunded already. */
export interface Charge {
  paymentIntentId: string
  amountCents: number
  refundedCents: number
}

/** One refund to send: `amountCents` back from the payment `paymentIntentId`. */
export interface RefundPart {
  paymentIntentId: string
  amountCents: number
}

function assertCharges(charges: readonly Charge[]): void {
  charges.forEach((c, i) => {
    assertCents(`charges.${i}.amountCents`, c.amountCents)
    assertCents(`charges.${i}.refundedCents`, c.refundedCents)
    if (c.refundedCents > c.amountCents) {
      throw ValidationError.single(`charges.${i}.refundedCents`, 'Refunded amount cannot exceed the payment')
    }
  })
}

/**
 * What can still be refunded: the sum over the charges of amount − already refunded.
 * Throws ValidationError (`charges.<i>.amountCents` / `charges.<i>.refundedCents`) for a charge
 * that is not whole cents or that was refunded more than it was.
 */
export function refundableCents(charges: readonly Charge[]): number {
  assertCharges(charges)
  return charges.reduce((sum, c) => sum + (c.amountCents - c.refundedCents), 0)
}

/**
 * Splits a refund over the charges (given oldest first), taking from the most recent charge first
 * and never more than a charge has left; charges with nothing left are skipped. The parts come
 * most recent first and add up to exactly `amountCents`.
 * Throws ValidationError('amountCents') unless the amount is a whole number of cents above 0 and
 * no more than refundableCents(charges).
 */
export function allocateRefund(charges: readonly Charge[], amountCents: number): RefundPart[] {
  assertPositiveCents('amountCents', amountCents)
  const refundable = refundableCents(charges)
  if (amountCents > refundable) {
    throw ValidationError.single('amountCents', `Cannot refund more than the ${refundable} cents left to refund`)
  }
  const parts: RefundPart[] = []
  let left = amountCents
  for (let i = charges.length - 1; i >= 0 && left > 0; i--) {
    const c = charges[i]
    if (c === undefined) continue
    const take = Math.min(left, c.amountCents - c.refundedCents)
    if (take <= 0) continue
    parts.push({ paymentIntentId: c.paymentIntentId, amountCents: take })
    left -= take
  }
  return parts
}

export const MANUAL_REFUND_REASON_MIN = 3
export const MANUAL_REFUND_REASON_MAX = 500

/** A staff member's refund request as it arrives (from a form or an API body). */
export interface ManualRefundInput {
  amountCents: unknown
  reason: unknown
  /** refundableCents(...) of the booking's charges. */
  refundableCents: number
}

/**
 * Checks a manual refund. `amountCents` must be a number that is a whole number of cents above 0
 * and at most `refundableCents` (the message states the maximum in cents); `reason` must be a
 * string of 3–500 characters once trimmed. Returns the amount and the trimmed reason.
 * Throws ValidationError naming `amountCents` or `reason` (the amount is checked first).
 */
export function assertManualRefund(input: ManualRefundInput): { amountCents: number; reason: string } {
  const { amountCents, reason, refundableCents: max } = input
  if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents) || amountCents <= 0) {
    throw ValidationError.single('amountCents', 'Refund amount must be a whole number of cents, more than 0')
  }
  if (amountCents > max) {
    throw ValidationError.single('amountCents', `Refund amount cannot exceed ${Math.max(0, max)} cents`)
  }
  const trimmed = typeof reason === 'string' ? reason.trim() : ''
  if (trimmed.length === 0) {
    throw ValidationError.single('reason', 'A reason is required')
  }
  if (trimmed.length < MANUAL_REFUND_REASON_MIN || trimmed.length > MANUAL_REFUND_REASON_MAX) {
    throw ValidationError.single('reason', `Reason must be ${MANUAL_REFUND_REASON_MIN}–${MANUAL_REFUND_REASON_MAX} characters`)
  }
  return { amountCents, reason: trimmed }
}

/**
 * What a cancellation still has to send back: the cancellation tier decides the TOTAL refund
 * (refundForCancellation's refundCents), and refunds already made (e.g. manual ones) count toward
 * it. max(0, refundCents − alreadyRefundedCents).
 * Throws ValidationError (`refundCents` / `alreadyRefundedCents`) unless both are whole cents ≥ 0.
 */
export function cancellationRefundCents(refundCents: number, alreadyRefundedCents: number): number {
  assertCents('refundCents', refundCents)
  assertCents('alreadyRefundedCents', alreadyRefundedCents)
  return Math.max(0, refundCents - alreadyRefundedCents)
}
