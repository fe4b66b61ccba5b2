// Booking status lifecycle, customer self-service rules (cancel/reschedule) and the
// cancellation refund policy. Decides WHETHER something may happen; must never
// perform it (no storage, no payments, no emails) or read the clock (callers pass `now`).
import { ConflictError, ValidationError } from './errors'
import { percentOfCents } from './money'
import type { BusinessSettings, CancellationTier } from './settings'

export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'cancelled', 'no_show', 'expired'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]

/** Statuses that hold capacity and that a customer may still change. */
export const ACTIVE_STATUSES = ['pending', 'confirmed'] as const satisfies readonly BookingStatus[]
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number]

const ALLOWED: Record<BookingStatus, readonly BookingStatus[]> = {
  // expired: an online booking whose deposit was not paid before its hold ended (src/domain/payments/hold.ts).
  pending: ['confirmed', 'cancelled', 'expired'],
  confirmed: ['completed', 'cancelled', 'no_show'],
  completed: [],
  cancelled: [],
  no_show: [],
  expired: [],
}

const LABEL: Record<BookingStatus, string> = {
  pending: 'pending',
  confirmed: 'confirmed',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'a no-show',
  expired: 'expired',
}

export function isBookingStatus(value: unknown): value is BookingStatus {
  return typeof value === 'string' && (BOOKING_STATUSES as readonly string[]).includes(value)
}

export function isActiveStatus(status: BookingStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly BookingStatus[]).includes(status)
}

/**
 * Allowed moves: pending → confirmed | cancelled | expired; confirmed → completed | cancelled | no_show.
 * Staying in the same status is always allowed (a no-op). Everything else is refused;
 * completed, cancelled, no_show and expired are final.
 */
export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return from === to || ALLOWED[from].includes(to)
}

/** Throws ConflictError(reason 'invalid_transition') naming both states when the move is not allowed. */
export function assertTransition(from: BookingStatus, to: BookingStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`A booking that is ${LABEL[from]} cannot become ${LABEL[to]}`, 'invalid_transition')
  }
}

/** Customers may reschedule only pending or confirmed bookings. */
export function canReschedule(status: BookingStatus): boolean {
  return isActiveStatus(status)
}

/** Customers may cancel only pending or confirmed bookings. */
export function canCancel(status: BookingStatus): boolean {
  return isActiveStatus(status)
}

export function assertCanReschedule(status: BookingStatus): void {
  if (!canReschedule(status)) {
    throw new ConflictError(`A booking that is ${LABEL[status]} cannot be rescheduled`, 'not_reschedulable')
  }
}

export function assertCanCancel(status: BookingStatus): void {
  if (!canCancel(status)) {
    throw new ConflictError(`A booking that is ${LABEL[status]} cannot be cancelled`, 'invalid_transition')
  }
}

export interface RefundDecision {
  refundPercent: number
  refundCents: number
  /** Whole days from `now` to the event start (floor of hours / 24); negative once the event has started. */
  daysBefore: number
}

const MS_PER_DAY = 86_400_000

/** The refund tiers from the largest minDaysBefore down: the order they are tried in. */
export function tiersByDaysDesc(settings: Pick<BusinessSettings, 'cancellationTiers'>): CancellationTier[] {
  return [...settings.cancellationTiers].sort((a, b) => b.minDaysBefore - a.minDaysBefore)
}

/**
 * Refund for a cancellation: daysBefore = floor((eventStartsAt − now) / 24h). Tiers are tried
 * from the largest minDaysBefore down and the first with minDaysBefore ≤ daysBefore wins;
 * no matching tier (e.g. the event already started) → 0%. refundCents = round_half_up(paid × % / 100).
 */
export function refundForCancellation(
  settings: Pick<BusinessSettings, 'cancellationTiers'>,
  input: { eventStartsAt: Date; paidCents: number; now: Date },
): RefundDecision {
  if (!Number.isSafeInteger(input.paidCents) || input.paidCents < 0) {
    throw ValidationError.single('paidCents', 'Paid amount must be a whole number of cents, 0 or more')
  }
  const daysBefore = Math.floor((input.eventStartsAt.getTime() - input.now.getTime()) / MS_PER_DAY)
  const tier = tiersByDaysDesc(settings).find((t) => t.minDaysBefore <= daysBefore)
  const refundPercent = tier?.refundPercent ?? 0
  return { refundPercent, refundCents: percentOfCents(input.paidCents, refundPercent), daysBefore }
}

/** What a chef may record about an event they cooked (or came to cook): nothing else. */
export const CHEF_OUTCOMES = ['completed', 'no_show'] as const satisfies readonly BookingStatus[]
export type ChefOutcome = (typeof CHEF_OUTCOMES)[number]

/**
 * A chef marks their event completed or a no-show:
 * - only once the event has started (startsAt ≤ now): nobody is a no-show before the time;
 * - only from confirmed (a pending, cancelled or expired booking was never an event to cook;
 *   completed and no_show are final, so a second mark is refused, not repeated);
 * - the same mark twice is refused too (it would say nothing new, and the first one stands).
 * Throws ConflictError: 'event_not_started' before the start, 'invalid_transition' otherwise.
 */
export function assertChefOutcome(input: { status: BookingStatus; startsAt: Date; now: Date; outcome: ChefOutcome }): void {
  const refusal = chefOutcomeRefusal(input)
  if (refusal) throw refusal
}

/** The refusal assertChefOutcome would throw, or undefined when the chef may mark it (for buttons). */
export function chefOutcomeRefusal(input: { status: BookingStatus; startsAt: Date; now: Date; outcome: ChefOutcome }): ConflictError | undefined {
  if (input.status !== 'confirmed' || !canTransition(input.status, input.outcome)) {
    return new ConflictError(`A booking that is ${LABEL[input.status]} cannot be marked ${LABEL[input.outcome]} by its chef`, 'invalid_transition')
  }
  if (input.startsAt.getTime() > input.now.getTime()) {
    return new ConflictError(`This event has not started yet, so it cannot be marked ${LABEL[input.outcome]}`, 'event_not_started')
  }
  return undefined
}
