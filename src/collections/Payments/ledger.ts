/**
 * The booking's money, changed in one way: lock the booking row (inside the caller's
 * transaction), read it fresh, decide with src/domain, and write through the Local API with `req`,
 * so the booking hook (status, payment state) and the version history see every change. Every
 * payment record is written here too. The payment system acts for itself (`paymentSystem`), never
 * as the request's user. No business decisions in this file.
 */
import type { PayloadRequest } from 'payload'

import { depositCovered, receivePayment, type BookingStatus, type PaymentKind, type PaymentMethod, type PaymentRecordStatus, centsOrZero } from '../../domain'
import { sql, transactionDb } from '../../infra/db'
import type { Booking, Payment } from '../../payload-types'

/** A booking as the money code reads it, row-locked until the transaction ends. */
export interface LockedBooking {
  id: number
  status: BookingStatus
  source: string
  customerId: number | null
  startsAt: Date
  eventDate: string
  startTime: string
  guestsTotal: number
  totalCents: number
  depositCents: number
  currency: string
  depositPaidCents: number
  balancePaidCents: number
  refundedCents: number
  holdExpiresAt: Date | null
  depositSessionId: string | null
  depositAttempt: number
  stripePaymentMethodId: string | null
  balanceAttemptAt: Date | null
  contact: { name: string; email: string }
  payment: NonNullable<Booking['payment']>
}

const cents = centsOrZero
const date = (v: unknown): Date | null => (typeof v === 'string' && v ? new Date(v) : null)

/** Locks the booking row for this transaction and reads it; undefined when it does not exist. */
export async function lockBooking(req: PayloadRequest, id: number): Promise<LockedBooking | undefined> {
  const db = await transactionDb(req)
  const locked = await db.execute(sql`SELECT id FROM bookings WHERE id = ${id} FOR UPDATE`)
  if (locked.rows.length === 0) return undefined
  const b = (await req.payload.findByID({ collection: 'bookings', id, req, overrideAccess: true, depth: 0, joins: false, showHiddenFields: true, disableErrors: true })) as Booking | null
  if (!b) return undefined
  const payment = b.payment ?? {}
  return {
    id: b.id,
    status: b.status,
    source: b.source ?? 'web',
    customerId: typeof b.customer === 'number' ? b.customer : (b.customer?.id ?? null),
    startsAt: new Date(String(b.startsAt)),
    eventDate: b.eventDate,
    startTime: b.startTime,
    guestsTotal: cents(b.guestsTotal),
    totalCents: cents(b.pricing?.totalCents),
    depositCents: cents(b.pricing?.depositCents),
    currency: b.pricing?.currency ?? 'usd',
    depositPaidCents: cents(payment.depositPaidCents),
    balancePaidCents: cents(payment.balancePaidCents),
    refundedCents: cents(payment.refundedCents),
    holdExpiresAt: date(payment.holdExpiresAt),
    depositSessionId: payment.depositSessionId ?? null,
    depositAttempt: cents(payment.depositAttempt),
    stripePaymentMethodId: payment.stripePaymentMethodId ?? null,
    balanceAttemptAt: date(payment.balanceAttemptAt),
    contact: { name: b.contact.name, email: b.contact.email },
    payment,
  }
}

/** Runs `work` as the payment system (`req.context.paymentSystem`), restoring the flag after. */
async function asPaymentSystem<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const previous = req.context.paymentSystem
  req.context.paymentSystem = true
  try {
    return await work()
  } finally {
    req.context.paymentSystem = previous
  }
}

/**
 * Writes booking fields as the payment system. Only the payment fields given are sent: the booking
 * hook lays them over the stored group (prepareBooking's stampPayment) and re-derives the payment
 * state, so a snapshot read earlier in the transaction can never write stale amounts back.
 */
export async function updateBookingAsSystem(req: PayloadRequest, booking: Pick<LockedBooking, 'id'>, data: { status?: BookingStatus; payment?: Partial<LockedBooking['payment']> }): Promise<void> {
  await asPaymentSystem(req, () =>
    req.payload.update({
      collection: 'bookings',
      id: booking.id,
      data: { ...(data.status ? { status: data.status } : {}), ...(data.payment ? { payment: data.payment } : {}) },
      req,
      overrideAccess: true,
      depth: 0,
    }),
  )
}

/**
 * Money received for a booking: the deposit is filled first, then the balance; a pending booking
 * whose deposit is now covered is confirmed (its hold ends). Returns the new paid amounts.
 */
export async function creditBooking(
  req: PayloadRequest,
  booking: LockedBooking,
  amountCents: number,
  opts: { at: Date; paymentMethodId?: string | null; payment?: Partial<LockedBooking['payment']> },
): Promise<{ depositPaidCents: number; balancePaidCents: number; confirmed: boolean }> {
  const paid = receivePayment(booking, amountCents)
  const confirm = booking.status === 'pending' && depositCovered({ depositCents: booking.depositCents, depositPaidCents: paid.depositPaidCents })
  await updateBookingAsSystem(req, booking, {
    ...(confirm ? { status: 'confirmed' as const } : {}),
    payment: {
      ...paid,
      ...(booking.depositPaidCents === 0 && paid.depositPaidCents > 0 ? { paidAt: opts.at.toISOString() } : {}),
      ...(opts.paymentMethodId ? { stripePaymentMethodId: opts.paymentMethodId } : {}),
      lastPaymentError: null,
      ...opts.payment,
    },
  })
  return { ...paid, confirmed: confirm }
}

export interface PaymentRecord {
  booking: LockedBooking
  kind: PaymentKind
  method: PaymentMethod
  status: PaymentRecordStatus
  amountCents: number
  occurredAt: Date
  note?: string | null
  recordedBy?: number | null
  refundOf?: number | null
  stripePaymentIntentId?: string | null
  stripeCheckoutSessionId?: string | null
  stripeRefundId?: string | null
}

/** Appends a payment record written by the system (card payments, refunds, failed attempts). */
export async function recordPayment(req: PayloadRequest, r: PaymentRecord): Promise<Payment> {
  return asPaymentSystem(req, () =>
    req.payload.create({
      collection: 'payments',
      data: {
        booking: r.booking.id,
        customer: r.booking.customerId,
        kind: r.kind,
        method: r.method,
        status: r.status,
        amountCents: r.amountCents,
        currency: r.booking.currency,
        occurredAt: r.occurredAt.toISOString(),
        note: r.note ?? null,
        recordedBy: r.recordedBy ?? null,
        refundOf: r.refundOf ?? null,
        stripePaymentIntentId: r.stripePaymentIntentId ?? null,
        stripeCheckoutSessionId: r.stripeCheckoutSessionId ?? null,
        stripeRefundId: r.stripeRefundId ?? null,
      },
      req,
      overrideAccess: true,
      depth: 0,
    }),
  )
}

/** Card charges of a booking that succeeded, oldest first, with what was already refunded of each. */
export async function cardCharges(req: PayloadRequest, bookingId: number): Promise<{ id: number; paymentIntentId: string; amountCents: number; refundedCents: number }[]> {
  const rows = await req.payload.find({
    collection: 'payments',
    where: { and: [{ booking: { equals: bookingId } }, { method: { equals: 'card' } }, { status: { equals: 'succeeded' } }] },
    sort: 'createdAt',
    req,
    overrideAccess: true,
    depth: 0,
    limit: 0,
    pagination: false,
  })
  const charges = rows.docs.filter((p) => p.kind !== 'refund' && p.stripePaymentIntentId)
  const refunds = rows.docs.filter((p) => p.kind === 'refund')
  return charges.map((c) => ({
    id: c.id,
    paymentIntentId: String(c.stripePaymentIntentId),
    amountCents: c.amountCents,
    refundedCents: refunds.filter((r) => (typeof r.refundOf === 'number' ? r.refundOf : r.refundOf?.id) === c.id).reduce((sum, r) => sum + r.amountCents, 0),
  }))
}
