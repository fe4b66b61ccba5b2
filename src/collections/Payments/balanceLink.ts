/**
 * The balance-payment link: a token of its own (24 random bytes, only its SHA-256 stored on the
 * booking as `payment.balanceLinkTokenHash`), sent by email when the automatic balance charge
 * needs the customer (declined, authentication required) or when staff send it from the admin.
 * The link opens /pay/<token>, which shows the amount and starts a Checkout Session for the
 * balance; it pays nothing else and changes nothing else. Sending a new link retires the old one.
 * Must never log a token or its hash.
 */
import type { PayloadRequest } from 'payload'

import { formatCents } from '../../site/format'
import { siteOrigin } from '../../server/env'
import { hashSecretToken, mintSecretToken, SECRET_TOKEN_SYNTAX } from '../../server/secret-token'
import { businessName, escapeHtml, greeting, layout } from '../Customers/emails'
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

/** Emails the link: why it came, the amount, the event. */
export async function sendBalanceLinkEmail(req: PayloadRequest, booking: LockedBooking, url: string, amountCents: number, why: 'card_failed' | 'staff'): Promise<void> {
  const business = await businessName(req)
  const amount = escapeHtml(formatCents(amountCents, booking.currency))
  const when = `${escapeHtml(booking.eventDate)} at ${escapeHtml(booking.startTime)}`
  const intro =
    why === 'card_failed'
      ? `We tried to charge the balance of ${amount} for your hibachi party on ${when} to the card you paid the deposit with, but the card needs you: your bank asked for confirmation, or declined it.`
      : `Here is the link to pay the balance of ${amount} for your hibachi party on ${when}.`
  await req.payload.sendEmail({
    to: booking.contact.email,
    subject: `Balance for your ${business} party on ${booking.eventDate}`,
    html: layout([greeting({ name: booking.contact.name }), intro], { href: url, label: `Pay ${formatCents(amountCents, booking.currency)}` }, ['The link opens a secure Stripe payment page. Card details never reach us.'], business),
    text: `${intro.replace(/<[^>]+>/g, '')}\n\nPay here: ${url}\n\n— ${business}`,
  })
}
