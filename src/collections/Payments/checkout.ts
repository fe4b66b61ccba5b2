/**
 * Checkout Sessions for a booking, and what a session's state does to the booking. Every function
 * here runs inside the caller's transaction with the booking row locked (ledger.ts lockBooking),
 * so concurrent requests for one booking are decided one after the other: the second deposit
 * request finds the first one's session and gets the same URL.
 * - `openCheckout`: the deposit (idempotency key `deposit:<id>:<attempt>`) or the balance
 *   (`balance-link:<id>:<attempt>`), amount from the stored booking only.
 * - `applySession`: a session as Stripe has it now (read back from Stripe, never trusted from the
 *   event) → confirm, record the balance, record a late payment, expire the hold, or nothing. The
 *   webhook, the deposit endpoint and the hold sweeper all converge through it.
 * Decisions are src/domain's; this file loads, calls Stripe and writes.
 */
import type { PayloadRequest } from 'payload'
import Stripe from 'stripe'

import {
  balanceLinkIdempotencyKey,
  checkoutExpiresAt,
  checkoutSessionParams,
  ConflictError,
  depositIdempotencyKey,
  extendHoldTo,
  isHoldOver,
  isReusableSession,
  paymentSummary,
  sessionOutcome,
  type CheckoutKind,
  type SessionOutcome,
} from '../../domain'
import { loadSettings } from '../../globals/BusinessSettings/load'
import { requireStripe } from '../../infra/stripe'
import { logger } from '../../server/logger'
import { creditBooking, recordPayment, updateBookingAsSystem, type LockedBooking } from './ledger'
import { mintReturnCode, returnUrls } from './returnCodes'
import { stripeCustomerFor } from './stripeCustomer'

const log = logger.child({ module: 'payments' })

type SessionStatus = 'open' | 'complete' | 'expired'

const sessionStatus = (s: Stripe.Checkout.Session): SessionStatus => (s.status === 'complete' ? 'complete' : s.status === 'expired' ? 'expired' : 'open')
const paymentStatus = (s: Stripe.Checkout.Session): 'paid' | 'unpaid' | 'no_payment_required' =>
  s.payment_status === 'paid' ? 'paid' : s.payment_status === 'no_payment_required' ? 'no_payment_required' : 'unpaid'
const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null))

/** The amount a new Checkout Session for `kind` asks for, or a ConflictError saying why none is due. */
function amountDue(b: LockedBooking, kind: CheckoutKind, now: Date): number {
  const money = paymentSummary(b)
  if (b.startsAt.getTime() <= now.getTime()) throw new ConflictError('This event has already started: nothing can be paid online now.', 'payment_not_due')
  if (kind === 'deposit') {
    if (b.status === 'expired') throw new ConflictError('The hold on this date ended before the deposit was paid, so the date was released. Please book again.', 'payment_not_due')
    if (b.status !== 'pending' || money.depositDueCents <= 0) throw new ConflictError('The deposit for this booking is already paid.', 'payment_not_due')
    if (isHoldOver({ status: b.status, holdExpiresAt: b.holdExpiresAt, depositPaidCents: b.depositPaidCents }, now)) {
      throw new ConflictError('The hold on this date has ended: the date is being released. Please book again.', 'payment_not_due')
    }
    return money.depositDueCents
  }
  if (b.status !== 'confirmed' || money.depositDueCents > 0) throw new ConflictError('The balance can be paid once the booking is confirmed.', 'payment_not_due')
  if (money.balanceDueCents <= 0) throw new ConflictError('Nothing is due on this booking.', 'payment_not_due')
  return money.balanceDueCents
}

/** The refusal once openCheckout found the session already paid (and applied it): thrown by the caller after its transaction commits. */
export const paidMeanwhile = (): ConflictError => new ConflictError('This payment was received a moment ago: the booking is being updated.', 'payment_not_due')

/**
 * The Checkout URL for the booking's deposit or balance: the open session of this kind when it has
 * time left, else a new one (an open one about to end is expired first, so it cannot be paid too).
 * null when that session was paid in the meantime: the payment is applied in the caller's
 * transaction, which must commit before the caller refuses with paidMeanwhile().
 */
export async function openCheckout(req: PayloadRequest, booking: LockedBooking, kind: CheckoutKind, now = new Date()): Promise<string | null> {
  const stripe = requireStripe()
  const amountCents = amountDue(booking, kind, now)
  const current = kind === 'deposit' ? booking.depositSessionId : booking.payment.balanceSessionId
  if (current) {
    const existing = await stripe.checkout.sessions.retrieve(current)
    const status = sessionStatus(existing)
    if (status === 'complete') {
      // Not thrown from here: that would roll back the payment just applied.
      await applySession(req, existing, booking)
      return null
    }
    // Reused only while its return code is unused: a customer who came back through the cancel
    // link spent it, and paying that session would bring them back to a dead link.
    const codeUnused = Boolean(booking.payment.returnCodeHash)
    if (existing.url && codeUnused && isReusableSession({ status, expiresAt: new Date(existing.expires_at * 1000) }, now) && existing.amount_total === amountCents) return existing.url
    if (status === 'open') await stripe.checkout.sessions.expire(existing.id)
  }
  const settings = await loadSettings(req)
  const attempt = (kind === 'deposit' ? booking.depositAttempt : (booking.payment.balanceAttempt ?? 0)) + 1
  const customerId = await stripeCustomerFor(req, stripe, booking)
  if (!customerId) throw new ConflictError('This booking has no customer to take a payment from: staff will help.', 'payment_not_due')
  const expiresAt = checkoutExpiresAt(now, kind === 'deposit' ? booking.holdExpiresAt : null)
  const code = mintReturnCode(now)
  const params = checkoutSessionParams({
    kind,
    bookingId: booking.id,
    amountCents,
    currency: booking.currency,
    description: `Hibachi party on ${booking.eventDate} at ${booking.startTime} (${settings.timezone})`,
    customerId,
    ...returnUrls(code.code, kind),
    expiresAt,
    businessName: settings.businessName,
  })
  const key = kind === 'deposit' ? depositIdempotencyKey(booking.id, attempt) : balanceLinkIdempotencyKey(booking.id, attempt)
  const session = await stripe.checkout.sessions.create(params, { idempotencyKey: key })
  await updateBookingAsSystem(req, booking, {
    payment: {
      ...(kind === 'deposit'
        ? {
            depositSessionId: session.id,
            depositAttempt: attempt,
            // Only a hold that exists is extended: a booking staff keep (phone, admin, chat) must not start running out.
            ...(booking.holdExpiresAt ? { holdExpiresAt: extendHoldTo(booking.holdExpiresAt, expiresAt).toISOString() } : {}),
          }
        : { balanceSessionId: session.id, balanceAttempt: attempt }),
      returnCodeHash: code.hash,
      returnCodeExpiresAt: code.expiresAt.toISOString(),
    },
  })
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
  return session.url
}

/** Whether this PaymentIntent is already recorded as a payment of the booking. */
async function alreadyRecorded(req: PayloadRequest, paymentIntentId: string): Promise<boolean> {
  const found = await req.payload.count({
    collection: 'payments',
    where: { and: [{ stripePaymentIntentId: { equals: paymentIntentId } }, { kind: { not_equals: 'refund' } }, { status: { equals: 'succeeded' } }] },
    req,
    overrideAccess: true,
  })
  return found.totalDocs > 0
}

/**
 * What the session, as Stripe has it now, does to the locked booking. Safe to run any number of
 * times: a PaymentIntent already recorded is never recorded or credited again.
 */
export async function applySession(req: PayloadRequest, session: Stripe.Checkout.Session, booking: LockedBooking): Promise<SessionOutcome> {
  const kind = session.metadata?.kind === 'deposit' || session.metadata?.kind === 'balance' ? session.metadata.kind : null
  const outcome = sessionOutcome(
    { status: sessionStatus(session), paymentStatus: paymentStatus(session), kind, amountTotalCents: session.amount_total ?? 0 },
    { status: booking.status, depositSessionId: booking.depositSessionId, sessionId: session.id },
  )
  const paymentIntentId = idOf(session.payment_intent)
  const paid = outcome === 'confirm_deposit' || outcome === 'record_balance' || outcome === 'record_late_payment' || (session.payment_status === 'paid' && kind === 'deposit')
  // A balance is awaited only while the booking goes ahead: paid on a page left open before a cancel, it is late too.
  const awaited = outcome === 'confirm_deposit' || (outcome === 'record_balance' && (booking.status === 'confirmed' || booking.status === 'completed'))
  if (paid && paymentIntentId) {
    if (await alreadyRecorded(req, paymentIntentId)) return 'ignore'
    const amountCents = session.amount_total ?? 0
    const now = new Date()
    const intent = await requireStripe().paymentIntents.retrieve(paymentIntentId)
    await recordPayment(req, {
      booking,
      kind: kind ?? 'deposit',
      method: 'card',
      status: 'succeeded',
      amountCents,
      occurredAt: now,
      stripePaymentIntentId: paymentIntentId,
      stripeCheckoutSessionId: session.id,
      note: awaited ? null : 'Paid after the booking stopped holding its date: refund it or rebook',
    })
    await creditBooking(req, booking, amountCents, { at: now, paymentMethodId: idOf(intent.payment_method) })
    if (!awaited) {
      // The money arrived for a booking that no longer holds its date (or twice): staff decide.
      await updateBookingAsSystem(req, booking, { payment: { lastPaymentError: `A card payment of ${amountCents} cents arrived after the booking was ${booking.status}: refund it or rebook.` } })
      log.warn({ bookingId: booking.id, outcome }, 'a payment arrived for a booking that was not waiting for it')
      return 'record_late_payment'
    }
    return outcome
  }
  if (outcome === 'expire_hold') {
    // Only once the hold agrees: a session expired early (by hand) leaves the customer time to pay in a new one.
    if (!isHoldOver({ status: booking.status, holdExpiresAt: booking.holdExpiresAt, depositPaidCents: booking.depositPaidCents }, new Date())) return 'ignore'
    await updateBookingAsSystem(req, booking, { status: 'expired' })
    return outcome
  }
  return 'ignore'
}

/**
 * Makes a session unpayable before the booking moves on without it (a hold expires, the balance is
 * charged to the card): an open one is expired at Stripe. One that was paid in the meantime is
 * applied instead, and true is returned: the caller must then leave the booking as that made it.
 */
export async function closeSession(req: PayloadRequest, stripe: Stripe, sessionId: string, booking: LockedBooking): Promise<boolean> {
  let session = await stripe.checkout.sessions.retrieve(sessionId)
  if (session.status === 'open') {
    try {
      session = await stripe.checkout.sessions.expire(session.id)
    } catch (err) {
      // It was completed or expired between the two calls: read it again and go by that.
      if (!(err instanceof Stripe.errors.StripeInvalidRequestError)) throw err
      session = await stripe.checkout.sessions.retrieve(session.id)
    }
  }
  if (session.status !== 'complete') return false
  await applySession(req, session, booking)
  return true
}
