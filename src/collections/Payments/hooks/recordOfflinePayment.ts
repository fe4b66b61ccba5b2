/**
 * A payment staff record by hand (cash, check, transfer; money received or given back): checked against the booking's money
 * (src/domain/paymentRecords.ts), stamped with who recorded it and when, and credited to the
 * booking in the same transaction (a covered deposit confirms a pending booking; a refund adds to
 * the refunded total). Writes by the
 * payment system itself (`req.context.paymentSystem`) are taken as given.
 */
import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, CollectionBeforeValidateHook } from 'payload'

import { assertOfflinePayment, idOf, NotFoundError, recordId, ValidationError } from '../../../domain'
import { toPayloadError } from '../../../http/errors'
import type { Payment } from '../../../payload-types'
import { creditBooking, lockBooking, updateBookingAsSystem } from '../ledger'

type Data = Record<string, unknown>


/**
 * The amount as staff sent it: Payload turns a number field's text into a number (parseFloat, so
 * "100abc" would become 100) before any validate hook sees it, so a money entry that is not a
 * JSON number is refused here, before that.
 */
export const refuseAmountAsText: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' || req.context.paymentSystem) return args
  const data: unknown = (args as { data?: unknown }).data
  const amount = data && typeof data === 'object' ? (data as Data).amountCents : undefined
  if (amount !== undefined && typeof amount !== 'number') {
    throw toPayloadError(ValidationError.single('amountCents', 'The amount must be a whole number of cents, 1 or more'))
  }
  return args
}

export const recordOfflinePayment: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || req.context.paymentSystem) return data
  try {
    const d = (data ?? {}) as Data
    const given = d.booking && typeof d.booking === 'object' && !Array.isArray(d.booking) && 'id' in d.booking ? (d.booking as { id: unknown }).id : d.booking
    const parsedId = recordId.safeParse(given)
    if (!parsedId.success) throw ValidationError.single('booking', 'Choose the booking this payment is for')
    const booking = await lockBooking(req, parsedId.data)
    if (!booking) throw new NotFoundError('No booking with that id: choose the booking this payment is for')
    const checked = assertOfflinePayment({ kind: d.kind, method: d.method, amountCents: d.amountCents, note: d.note }, booking)
    const occurredAt = typeof d.occurredAt === 'string' && !Number.isNaN(Date.parse(d.occurredAt)) ? d.occurredAt : new Date().toISOString()
    return {
      ...d,
      ...checked,
      status: 'succeeded',
      currency: booking.currency,
      customer: booking.customerId,
      recordedBy: req.user?.collection === 'users' ? req.user.id : null,
      occurredAt,
      refundOf: null,
      stripePaymentIntentId: null,
      stripeCheckoutSessionId: null,
      stripeRefundId: null,
    }
  } catch (err) {
    throw toPayloadError(err)
  }
}

export const creditOfflinePayment: CollectionAfterChangeHook<Payment> = async ({ doc, operation, req }) => {
  if (operation !== 'create' || req.context.paymentSystem) return doc
  const booking = await lockBooking(req, Number(idOf(doc.booking)))
  if (!booking) throw toPayloadError(new NotFoundError('The booking of this payment is gone'))
  if (doc.kind === 'refund') await updateBookingAsSystem(req, booking, { payment: { refundedCents: booking.refundedCents + doc.amountCents, lastPaymentError: null } })
  else await creditBooking(req, booking, doc.amountCents, { at: new Date(doc.occurredAt ?? doc.createdAt) })
  return doc
}
