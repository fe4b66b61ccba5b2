/**
 * The balance-payment link: a token of its own (24 random bytes, only its SHA-256 stored on the
 * booking as `payment.balanceLinkTokenHash`), emailed (the "balance due" booking email, queued
 * with the link and sent by the jobs runner) when the automatic balance charge needs the customer
 * (declined, authentication required) or when staff send it from the admin.
 * The link opens /pay/<token>, which shows the amount and starts a Checkout Session for the
 * balance; it pays nothing else and changes nothing else. Sending a new link retires the old one.
 * Must never log a token or its hash.
 */
import type { PayloadRequest } from 'payload'

import { NotFoundError } from '../../domain'
import type { Booking } from '../../payload-types'
import { siteOrigin } from '../../server/env'
import { hashSecretToken, mintSecretToken, SECRET_TOKEN_SYNTAX } from '../../server/secret-token'
import type { BalanceLinkReason } from '../EmailTemplates/render'
import { queueBookingEmail } from '../Messages/bookingEmails'
import { updateBookingAsSystem, type LockedBooking } from './ledger'

export function balanceLinkUrl(token: string): string {
  return `${siteOrigin()}/pay/${encodeURIComponent(token)}`
}

/** The booking id a balance-link token belongs to (undefined for unknown or malformed tokens). */
export async function bookingIdForBalanceToken(req: PayloadRequest, token: unknown): Promise<number | undefined> {
  if (typeof token !== 'string' || !SECRET_TOKEN_SYNTAX.test(token)) return undefined
  const found = await req.payload.find({
    collection: 'bookings',
    where: { 'payment.balanceLinkTokenHash': { equals: hashSecretToken(token) } },
    req,
    overrideAccess: true,
    depth: 0,
    limit: 1,
    pagination: false,
    select: { status: true },
  })
  return found.docs[0]?.id
}

/** Mints a new link for the locked booking (the old one stops working) and returns its URL. */
export async function mintBalanceLink(req: PayloadRequest, booking: LockedBooking, now: Date): Promise<string> {
  const { token, hash } = mintSecretToken()
  await updateBookingAsSystem(req, booking, { payment: { balanceLinkTokenHash: hash, balanceLinkSentAt: now.toISOString() } })
  return balanceLinkUrl(token)
}

/**
 * Queues the "balance due" email with the link (sealed beside the message, never stored in its
 * text), in the caller's transaction: call it in the transaction that minted the link, so a link
 * that is not stored is never sent and a stored one is always sent (by the jobs runner, after the
 * commit). One email per link (the key names the link by a digest of it).
 */
export async function queueBalanceLinkEmail(req: PayloadRequest, booking: LockedBooking, url: string, amountCents: number, why: BalanceLinkReason): Promise<void> {
  const stored = (await req.payload.findByID({ collection: 'bookings', id: booking.id, depth: 0, overrideAccess: true, disableErrors: true, req })) as Booking | null
  if (!stored) throw new NotFoundError('No booking with that id')
  const queued = await queueBookingEmail(req, stored, 'balance_due', { variant: hashSecretToken(url).slice(0, 16), balance: { url, amountCents, why } })
  // Thrown, so the link is not kept either: staff (or the next run) can send a new one.
  if (!queued) throw new Error(`the balance email of booking ${booking.id} could not be written`)
}
