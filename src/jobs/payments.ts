/**
 * The payment work that runs on a clock, each booking in a transaction of its own with its row
 * locked, deciding on fresh data (src/domain/payments):
 * - `expireUnpaidHolds`: a pending online booking whose hold ended unpaid becomes `expired`, which
 *   frees its slot (the capacity trigger counts only pending and confirmed bookings; the booking's
 *   purge hook clears the cached availability). Its open Checkout Session is expired first, so it
 *   cannot be paid afterwards; one that was paid in the meantime confirms the booking instead.
 * - `chargeDueBalances`: a confirmed booking whose balance is due is charged off-session to the card
 *   saved with the deposit (idempotency key `balance:<id>`), once, after expiring a balance Checkout
 *   Session the customer left open (one paid meanwhile is recorded instead of charging). When the
 *   card needs the customer (declined, authentication required) the failure is recorded on the
 *   booking and in payments, and the customer is emailed a balance-payment link.
 * Both are safe to run twice at once or again after a crash: every step re-checks what was done.
 */
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import Stripe from 'stripe'

import { balanceChargeFor, balanceIdempotencyKey, isHoldOver } from '../domain'
import { loadSettings } from '../globals/BusinessSettings/load'
import { inTransaction } from '../infra/db'
import { stripeClient } from '../infra/stripe'
import { mintBalanceLink, queueBalanceLinkEmail } from '../collections/Payments/balanceLink'
import { closeSession } from '../collections/Payments/checkout'
import { creditBooking, lockBooking, recordPayment, updateBookingAsSystem } from '../collections/Payments/ledger'
import { stripeCustomerFor } from '../collections/Payments/stripeCustomer'
import { reportJobFailure } from '../server/error-tracking'
import { logger } from '../server/logger'

const log = logger.child({ module: 'jobs' })

/** What may be logged of an error: Stripe's error objects carry the raw response (customer data). */
function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Stripe.errors.StripeError) return { error: err.message, type: err.type, code: err.code }
  // The logger's `err` serializer keeps a failed query's parameters out of the message and stack.
  return { err }
}
const BATCH = 100

async function idsWhere(payload: Payload, where: Parameters<Payload['find']>[0]['where']): Promise<number[]> {
  const found = await payload.find({ collection: 'bookings', where, overrideAccess: true, depth: 0, limit: BATCH, pagination: false, sort: 'id', select: { status: true } })
  return found.docs.map((d) => d.id)
}

async function eachBooking(payload: Payload, ids: number[], work: (req: PayloadRequest, id: number) => Promise<boolean>): Promise<number> {
  let done = 0
  for (const id of ids) {
    const req = await createLocalReq({}, payload)
    try {
      if (await inTransaction(req, () => work(req, id))) done += 1
    } catch (err) {
      // One booking's failure must not stop the others; it is tried again on the next run.
      log.error({ bookingId: id, ...errorFields(err) }, 'payment job failed for a booking')
      reportJobFailure(err, { task: 'payments', jobId: `booking:${id}` })
    }
  }
  return done
}

export async function expireUnpaidHolds(payload: Payload, now = new Date()): Promise<number> {
  const ids = await idsWhere(payload, {
    and: [{ status: { equals: 'pending' } }, { 'payment.holdExpiresAt': { less_than_equal: now.toISOString() } }],
  })
  const stripe = stripeClient()
  return eachBooking(payload, ids, async (req, id) => {
    const booking = await lockBooking(req, id)
    if (!booking || !isHoldOver({ status: booking.status, holdExpiresAt: booking.holdExpiresAt, depositPaidCents: booking.depositPaidCents }, now)) return false
    if (booking.depositSessionId && stripe && (await closeSession(req, stripe, booking.depositSessionId, booking))) return false
    await updateBookingAsSystem(req, booking, { status: 'expired' })
    return true
  })
}

interface BalanceFailure {
  bookingId: number
  amountCents: number
}

export async function chargeDueBalances(payload: Payload, now = new Date()): Promise<{ charged: number; failed: number }> {
  const stripe = stripeClient()
  if (!stripe) return { charged: 0, failed: 0 }
  const ids = await idsWhere(payload, {
    and: [
      { status: { equals: 'confirmed' } },
      { paymentState: { equals: 'balance_due' } },
      { 'payment.balanceDueAt': { less_than_equal: now.toISOString() } },
      { 'payment.balanceAttemptAt': { exists: false } },
      { startsAt: { greater_than: now.toISOString() } },
    ],
  })
  const failures: BalanceFailure[] = []
  const charged = await eachBooking(payload, ids, async (req, id) => {
    const booking = await lockBooking(req, id)
    if (!booking) return false
    const settings = await loadSettings(req)
    const charge = balanceChargeFor({ ...booking, hasSavedCard: booking.stripePaymentMethodId !== null, lastBalanceAttemptAt: booking.balanceAttemptAt }, settings, now)
    if (!charge) return false
    // A balance Checkout Session the customer opened must not be payable once the card is charged:
    // it is expired first; one that was paid in the meantime is recorded instead of charging.
    if (booking.payment.balanceSessionId && (await closeSession(req, stripe, booking.payment.balanceSessionId, booking))) return false
    const customer = await stripeCustomerFor(req, stripe, booking)
    try {
      const intent = await stripe.paymentIntents.create(
        {
          amount: charge.amountCents,
          currency: booking.currency,
          customer,
          payment_method: booking.stripePaymentMethodId ?? undefined,
          off_session: true,
          confirm: true,
          metadata: { bookingId: String(booking.id), kind: 'balance' },
        },
        { idempotencyKey: balanceIdempotencyKey(booking.id) },
      )
      if (intent.status !== 'succeeded') {
        // Not settled at once (e.g. `processing`): tried once, and staff see where it stands; it is
        // not tried again (the same key would only replay this answer).
        await updateBookingAsSystem(req, booking, {
          payment: { balanceAttemptAt: now.toISOString(), lastPaymentError: `The balance charge ${intent.id} is ${intent.status}, not paid yet: check it in Stripe before charging again.` },
        })
        return false
      }
      await recordPayment(req, { booking, kind: 'balance', method: 'card', status: 'succeeded', amountCents: charge.amountCents, occurredAt: now, stripePaymentIntentId: intent.id })
      await creditBooking(req, booking, charge.amountCents, { at: now, payment: { balanceAttemptAt: now.toISOString() } })
      return true
    } catch (err) {
      if (!(err instanceof Stripe.errors.StripeCardError)) throw err
      const code = err.code ?? 'card_error'
      await recordPayment(req, {
        booking,
        kind: 'balance',
        method: 'card',
        status: 'failed',
        amountCents: charge.amountCents,
        occurredAt: now,
        note: `Off-session charge failed: ${code}`,
        stripePaymentIntentId: err.payment_intent?.id ?? null,
      })
      await updateBookingAsSystem(req, booking, {
        payment: { balanceAttemptAt: now.toISOString(), lastPaymentError: `The balance charge failed (${code}): the customer was emailed a payment link.` },
      })
      failures.push({ bookingId: id, amountCents: charge.amountCents })
      return false
    }
  })
  // The links are minted and their emails queued after the failures are committed, each booking in
  // a transaction of its own (link and email together: the runner sends it after the commit).
  for (const failure of failures) {
    const req = await createLocalReq({}, payload)
    try {
      await inTransaction(req, async () => {
        const booking = await lockBooking(req, failure.bookingId)
        if (booking) await queueBalanceLinkEmail(req, booking, await mintBalanceLink(req, booking, now), failure.amountCents, 'card_failed')
      })
    } catch (err) {
      log.error({ bookingId: failure.bookingId, ...errorFields(err) }, 'the balance link could not be sent; staff can send it from the booking')
    }
  }
  return { charged, failed: failures.length }
}
