// What a payment record is and what it does to a booking's money: the kinds, methods and statuses,
// the checks on an offline payment staff enter, and how an amount received is split between the
// deposit and the balance. Decides only; it must never store anything or read the clock.
import { ValidationError } from './errors'

export const PAYMENT_KINDS = ['deposit', 'balance', 'refund'] as const
export type PaymentKind = (typeof PAYMENT_KINDS)[number]

export const PAYMENT_METHODS = ['card', 'cash', 'check', 'transfer'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** What staff may record by hand: money that did not go through Stripe. */
export const OFFLINE_PAYMENT_METHODS = ['cash', 'check', 'transfer'] as const satisfies readonly PaymentMethod[]

export const PAYMENT_RECORD_STATUSES = ['succeeded', 'failed'] as const
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number]

export interface BookingMoney {
  totalCents: number
  depositCents: number
  depositPaidCents: number
  balancePaidCents: number
}

const isCents = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)

/**
 * An offline entry staff make: money received (deposit or balance) or money given back by hand
 * (refund, which needs a note saying why), by an offline method, a positive whole amount: no more
 * than is still due for money received, no more than was paid and not yet refunded for a refund.
 * Throws ValidationError naming the field.
 */
export function assertOfflinePayment(
  input: { kind: unknown; method: unknown; amountCents: unknown; note?: unknown },
  money: BookingMoney & { refundedCents: number },
): { kind: PaymentKind; amountCents: number } {
  if (input.kind !== 'deposit' && input.kind !== 'balance' && input.kind !== 'refund') {
    throw ValidationError.single('kind', 'Choose deposit, balance or refund')
  }
  if (!(OFFLINE_PAYMENT_METHODS as readonly unknown[]).includes(input.method)) {
    throw ValidationError.single('method', `Record cash, check or transfer here; card payments come from Stripe`)
  }
  if (!isCents(input.amountCents) || input.amountCents < 1) {
    throw ValidationError.single('amountCents', 'The amount must be a whole number of cents, 1 or more')
  }
  const paid = money.depositPaidCents + money.balancePaidCents
  if (input.kind === 'refund') {
    if (typeof input.note !== 'string' || input.note.trim().length < 3) throw ValidationError.single('note', 'Say why the money was given back')
    const refundable = Math.max(0, paid - money.refundedCents)
    if (input.amountCents > refundable) throw ValidationError.single('amountCents', `Only ${refundable} cents were paid and not yet refunded`)
    return { kind: 'refund', amountCents: input.amountCents }
  }
  const due = Math.max(0, money.totalCents - paid)
  if (input.amountCents > due) {
    throw ValidationError.single('amountCents', `Only ${due} cents are still due on this booking`)
  }
  return { kind: input.kind, amountCents: input.amountCents }
}

/**
 * The booking's paid amounts after receiving `amountCents`: what is missing from the deposit is
 * filled first (whatever the payment was called), the rest counts toward the balance.
 */
export function receivePayment(money: BookingMoney, amountCents: number): { depositPaidCents: number; balancePaidCents: number } {
  if (!isCents(amountCents) || amountCents < 0) throw ValidationError.single('amountCents', 'The amount must be a whole number of cents, 0 or more')
  const toDeposit = Math.min(amountCents, Math.max(0, money.depositCents - money.depositPaidCents))
  return { depositPaidCents: money.depositPaidCents + toDeposit, balancePaidCents: money.balancePaidCents + (amountCents - toDeposit) }
}

/** Whether the deposit is covered: a pending booking may then be confirmed. */
export function depositCovered(money: Pick<BookingMoney, 'depositCents' | 'depositPaidCents'>): boolean {
  return money.depositPaidCents >= money.depositCents
}
