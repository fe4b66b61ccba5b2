/**
 * /account — the customer's account. Signed out: the sign-in form (an emailed link first, a
 * password as the alternative). Signed in with a proven email: upcoming and past bookings (each
 * active one with "Manage this booking"), the conversation with the business and a reply box,
 * contact details and marketing consent, "download my data", "delete my account", sign out.
 * Rendered per request for the session's account; every read goes through the collections' access
 * AS the customer (src/collections/Customers/account.ts), and only picked fields reach the browser.
 * Never cached or indexed (next.config.mjs: `Cache-Control: private, no-store` for /account).
 */
import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import Link from 'next/link'

import { isCustomerUser, isVerifiedCustomer } from '../../../access/roles'
import { ownBookings, ownMessages, type AccountBooking } from '../../../collections/Customers/account'
import { AccountBookings } from '../../../components/account/AccountBookings'
import { AccountDataPanel } from '../../../components/account/AccountDataPanel'
import { ContactDetailsForm } from '../../../components/account/ContactDetailsForm'
import { MessageThread } from '../../../components/account/MessageThread'
import { SignInForm } from '../../../components/account/SignInForm'
import { SignOutButton } from '../../../components/account/SignOutButton'
import type { AccountDetails, BookingSummary, ThreadMessage } from '../../../components/account/types'
import { dateLabel, timeLabel } from '../../../components/booking/labels'
import { ACCOUNT_THREAD_LIMIT, splitBookings } from '../../../domain/account'
import { isActiveStatus, isBookingStatus } from '../../../domain/lifecycle'
import { maskLinks } from '../../../domain/messaging/links'
import type { Customer } from '../../../payload-types'
import { formatCents } from '../../../site/format'
import { getPayloadClient, getSite } from '../../../site/site'

import './account.css'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Your account',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
}

function summary(b: AccountBooking): BookingSummary | null {
  if (!isBookingStatus(b.status)) return null
  const total = b.pricing?.totalCents
  return {
    id: b.id,
    status: b.status,
    when: `${dateLabel(b.eventDate)} at ${timeLabel(b.startTime)}`,
    guests: Number(b.guestsTotal ?? (b.guests?.adults ?? 0) + (b.guests?.children ?? 0)),
    city: b.address?.city ?? null,
    total: typeof total === 'number' ? formatCents(total, b.pricing?.currency ?? 'usd') : null,
    active: isActiveStatus(b.status),
  }
}

function SignedOut({ hadSession, staff }: { hadSession: boolean; staff: boolean }) {
  return (
    <>
      <header className="page-header">
        <h1>Your account</h1>
        <p className="lede">See your bookings, write to us and keep your details up to date.</p>
      </header>
      {staff ? (
        <div className="notice" role="note">
          <p>
            You are signed in as staff. This page is for customers; staff work in the <Link href="/admin">admin</Link>.
          </p>
        </div>
      ) : hadSession ? (
        <div className="notice" role="note" data-testid="session-ended">
          <p>
            You are signed out: your session ended, or your email address is waiting to be confirmed (after a change of address we send a confirmation link to the new one). Sign in
            again below; signing in with an email link confirms your address too.
          </p>
        </div>
      ) : null}
      <section className="card account-signin" aria-label="Sign in">
        <SignInForm />
      </section>
      <p className="hint account-footnote">
        No account yet? One is made for you when you <Link href="/book" prefetch={false}>book</Link>: sign in with the email address you booked with.
      </p>
    </>
  )
}

export default async function AccountPage() {
  const [payload, site, requestHeaders, jar] = await Promise.all([getPayloadClient(), getSite(), headers(), cookies()])
  const { user } = await payload.auth({ headers: requestHeaders })
  const tokenCookie = `${payload.config.cookiePrefix}-token`

  if (!user || !isCustomerUser(user)) return <SignedOut hadSession={!user && jar.has(tokenCookie)} staff={Boolean(user)} />

  const account = user as unknown as Customer
  if (!isVerifiedCustomer(user)) {
    // Payload's session check already refuses unconfirmed accounts; this never shows their data either way.
    return (
      <>
        <header className="page-header">
          <h1>Your account</h1>
        </header>
        <div className="notice" role="note">
          <p>Please confirm your email address: use the link in the email we sent you, or sign out and sign in with an email link, which confirms it too.</p>
        </div>
        <p>
          <SignOutButton />
        </p>
      </>
    )
  }

  const now = new Date()
  const [bookings, messages] = await Promise.all([ownBookings({ payload, user }), ownMessages({ payload, user }, ACCOUNT_THREAD_LIMIT + 1)])
  const { upcoming, past } = splitBookings(bookings, now)
  const toSummaries = (list: AccountBooking[]) => list.map(summary).filter((b): b is BookingSummary => b !== null)
  const details: AccountDetails = {
    id: account.id,
    email: account.email,
    name: account.name,
    phone: account.phone ?? '',
    marketingConsent: account.marketingConsent === true,
    deletionRequestedAt: account.deletionRequestedAt ?? null,
  }
  const thread: ThreadMessage[] = messages
    .slice(0, ACCOUNT_THREAD_LIMIT)
    .reverse()
    .map((m) => ({
      id: m.id,
      at: m.createdAt,
      fromCustomer: m.direction === 'inbound',
      channel: m.channel,
      subject: m.subject ? maskLinks(m.subject) : null,
      body: maskLinks(m.body),
      bookingId: typeof m.booking === 'number' ? m.booking : (m.booking?.id ?? null),
    }))
  const bookingChoices = [...upcoming, ...past].slice(0, 20).map((b) => ({ id: b.id, label: `#${b.id} — ${dateLabel(b.eventDate)}` }))

  return (
    <>
      <header className="page-header account-header">
        <div>
          <h1>Your account</h1>
          <p className="lede">
            Signed in as <strong>{account.email}</strong>
          </p>
        </div>
        <SignOutButton />
      </header>
      <div className="account-grid">
        <AccountBookings upcoming={toSummaries(upcoming)} past={toSummaries(past)} />
        <section className="card account-section" aria-labelledby="messages-heading">
          <h2 id="messages-heading">Messages</h2>
          <MessageThread initial={thread} bookings={bookingChoices} timezone={site.settings.timezone} olderHidden={messages.length > ACCOUNT_THREAD_LIMIT} />
        </section>
        <section className="card account-section" aria-labelledby="details-heading">
          <h2 id="details-heading">Your details</h2>
          <ContactDetailsForm initial={details} />
        </section>
        <section className="card account-section" aria-labelledby="data-heading">
          <h2 id="data-heading">Your data</h2>
          <AccountDataPanel requestedAt={details.deletionRequestedAt} timezone={site.settings.timezone} />
        </section>
      </div>
    </>
  )
}
