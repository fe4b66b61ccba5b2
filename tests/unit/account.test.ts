/**
 * The customer account's rules (src/domain/account.ts), in the business's words: which bookings
 * are upcoming, when a manage link is made, when an account may be anonymised, what a data
 * download holds and never holds, and the account endpoints' inputs. Plus the rate-limit policy
 * the server applies to the sign-in link routes.
 */
import { describe, expect, it } from 'vitest'

import {
  accountExport,
  accountExportFileName,
  accountMessageSchema,
  anonymisedBookingEmail,
  anonymisedEmail,
  assertCanAnonymise,
  assertManageLinkAllowed,
  deletionDueBy,
  isUpcoming,
  loginLinkRedeemSchema,
  loginLinkRequestSchema,
  noInputSchema,
  splitBookings,
} from '../../src/domain/account'
import { ConflictError } from '../../src/domain/errors'
import { parseOrThrow } from '../../src/domain/schemas'
import { policyFor } from '../../src/infra/rate-limit'
import { issuePaths } from './support'

const NOW = new Date('2027-03-10T15:00:00Z')
const at = (iso: string) => ({ startsAt: iso, endsAt: new Date(Date.parse(iso) + 2 * 3600_000).toISOString() })

describe('upcoming and past bookings', () => {
  it('calls a pending or confirmed booking that has not ended upcoming', () => {
    expect(isUpcoming({ status: 'pending', ...at('2027-03-12T22:00:00Z') }, NOW)).toBe(true)
    expect(isUpcoming({ status: 'confirmed', ...at('2027-03-12T22:00:00Z') }, NOW)).toBe(true)
  })

  it('still calls a booking upcoming while the party is going on', () => {
    expect(isUpcoming({ status: 'confirmed', ...at('2027-03-10T14:00:00Z') }, NOW)).toBe(true)
  })

  it('calls an ended, cancelled, completed or expired booking past', () => {
    expect(isUpcoming({ status: 'confirmed', ...at('2027-03-01T22:00:00Z') }, NOW)).toBe(false)
    for (const status of ['cancelled', 'completed', 'expired', 'no_show'] as const) {
      expect(isUpcoming({ status, ...at('2027-04-01T22:00:00Z') }, NOW), status).toBe(false)
    }
  })

  it('lists upcoming bookings soonest first and past ones most recent first', () => {
    const bookings = [
      { id: 1, status: 'confirmed' as const, ...at('2027-05-01T22:00:00Z') },
      { id: 2, status: 'completed' as const, ...at('2026-12-01T22:00:00Z') },
      { id: 3, status: 'pending' as const, ...at('2027-03-20T22:00:00Z') },
      { id: 4, status: 'cancelled' as const, ...at('2027-06-01T22:00:00Z') },
    ]
    const { upcoming, past } = splitBookings(bookings, NOW)
    expect(upcoming.map((b) => b.id)).toEqual([3, 1])
    expect(past.map((b) => b.id)).toEqual([4, 2])
  })
})

describe('manage links from the account', () => {
  it('makes a new link only for a booking that can still be managed', () => {
    expect(() => assertManageLinkAllowed('pending')).not.toThrow()
    expect(() => assertManageLinkAllowed('confirmed')).not.toThrow()
    for (const status of ['cancelled', 'completed', 'expired', 'no_show'] as const) {
      try {
        assertManageLinkAllowed(status)
        expect.unreachable(`${status} got a link`)
      } catch (err) {
        expect(err).toBeInstanceOf(ConflictError)
        expect((err as ConflictError).reason).toBe('booking_not_active')
      }
    }
  })
})

describe('deleting an account', () => {
  it('is refused while a booking is still to come, and says how many', () => {
    const bookings = [
      { status: 'confirmed' as const, ...at('2027-04-01T22:00:00Z') },
      { status: 'pending' as const, ...at('2027-05-01T22:00:00Z') },
      { status: 'completed' as const, ...at('2026-01-01T22:00:00Z') },
    ]
    expect(() => assertCanAnonymise(bookings, NOW)).toThrow(/2 upcoming bookings/)
    try {
      assertCanAnonymise(bookings, NOW)
    } catch (err) {
      expect((err as ConflictError).reason).toBe('has_upcoming_booking')
    }
  })

  it('goes ahead when every booking is over or cancelled', () => {
    expect(() => assertCanAnonymise([{ status: 'cancelled', ...at('2027-04-01T22:00:00Z') }, { status: 'completed', ...at('2026-01-01T22:00:00Z') }], NOW)).not.toThrow()
    expect(() => assertCanAnonymise([], NOW)).not.toThrow()
  })

  it('is completed by staff within 30 days of the request', () => {
    expect(deletionDueBy(new Date('2027-03-10T15:00:00Z')).toISOString()).toBe('2027-04-09T15:00:00.000Z')
  })

  it('leaves each account and booking a unique address nobody receives mail at', () => {
    expect(anonymisedEmail(42)).toBe('deleted-42@invalid.example')
    expect(anonymisedBookingEmail(42, 7)).toBe('deleted-42-booking-7@invalid.example')
    expect(anonymisedBookingEmail(42, 7)).not.toBe(anonymisedBookingEmail(42, 8))
  })
})

describe('download my data', () => {
  const account = {
    id: 5,
    email: 'pat@example.com',
    name: 'Pat',
    phone: '212 555 0100',
    _verified: true,
    marketingConsent: true,
    addresses: [{ id: 'a1', label: 'Home', street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' }],
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-02T00:00:00.000Z',
    // What must never leave: secrets, staff fields, sessions.
    hash: 'HASH_SECRET',
    salt: 'SALT_SECRET',
    sessions: [{ id: 'SESSION_SECRET', expiresAt: '2027-05-01T00:00:00Z' }],
    loginLinkHash: 'LINK_HASH_SECRET',
    resetPasswordToken: 'RESET_SECRET',
    _verificationToken: 'VERIFY_SECRET',
    notes: 'STAFF_NOTE_SECRET',
    stripeCustomerId: 'cus_SECRET',
  }
  const booking = {
    id: 9,
    status: 'cancelled',
    eventDate: '2027-04-01',
    startTime: '18:00',
    contact: { name: 'Pat', email: 'pat@example.com', phone: '212 555 0100' },
    guests: { adults: 4, children: 1 },
    address: { street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' },
    menu: [{ item: { id: 3, name: 'Filet Mignon' }, quantity: 2 }],
    pricing: { lineItems: [{ id: 'x', label: 'Adults × 4', amountCents: 24000 }], totalCents: 26130, depositCents: 10000, currency: 'usd' },
    payment: { depositPaidCents: 10000, stripePaymentMethodId: 'pm_SECRET', depositSessionId: 'cs_SECRET', balanceLinkTokenHash: 'BALANCE_SECRET' },
    cancellation: { cancelledAt: '2027-03-01T00:00:00Z', reason: 'Moved', refundPercent: 50, refundCents: 5000 },
    manageTokenHash: 'MANAGE_HASH_SECRET',
    assignedChefs: [77],
  }
  const payment = { id: 1, booking: 9, kind: 'deposit', method: 'card', amountCents: 10000, currency: 'usd', status: 'succeeded', occurredAt: '2027-02-01T00:00:00Z', stripePaymentIntentId: 'pi_SECRET', note: 'STAFF_PAYMENT_NOTE' }
  const messages = [
    { id: 1, createdAt: '2027-02-01T00:00:00Z', channel: 'email', direction: 'outbound', status: 'sent', subject: 'Your booking', body: 'Manage it here: [[link:manage]]', sealedLinks: 'v1.SEALED_SECRET', to: 'pat@example.com' },
    { id: 2, createdAt: '2027-02-02T00:00:00Z', channel: 'note', direction: 'outbound', status: 'sent', body: 'STAFF_ONLY_NOTE' },
    { id: 3, createdAt: '2027-02-03T00:00:00Z', channel: 'web', direction: 'inbound', status: 'received', body: 'Can we add a guest?', booking: { id: 9 } },
  ]
  const data = accountExport({ account, bookings: [booking], payments: [payment], messages }, NOW)
  const text = JSON.stringify(data)

  it('holds the account, the bookings, their payments and the messages', () => {
    expect(data.account).toMatchObject({ id: 5, email: 'pat@example.com', name: 'Pat', phone: '212 555 0100', emailConfirmed: true, marketingConsent: true })
    expect(data.account.addresses).toEqual([{ label: 'Home', street: '1 Main St', city: 'New York', state: 'NY', zip: '10001' }])
    expect(data.bookings[0]).toMatchObject({ id: 9, status: 'cancelled', eventDate: '2027-04-01', menu: [{ item: 'Filet Mignon', quantity: 2 }] })
    expect(data.bookings[0]?.pricing.totalCents).toBe(26130)
    expect(data.bookings[0]?.cancellation).toEqual({ cancelledAt: '2027-03-01T00:00:00Z', reason: 'Moved', refundPercent: 50, refundCents: 5000 })
    expect(data.payments).toEqual([{ id: 1, booking: 9, kind: 'deposit', method: 'card', amountCents: 10000, currency: 'usd', status: 'succeeded', occurredAt: '2027-02-01T00:00:00Z' }])
    expect(data.messages.map((m) => m.id)).toEqual([1, 3])
    expect(data.messages[1]).toMatchObject({ direction: 'inbound', booking: 9, body: 'Can we add a guest?' })
    expect(data.exportedAt).toBe(NOW.toISOString())
  })

  it('never holds a secret, a staff note or a private link', () => {
    expect(text).not.toMatch(/SECRET|STAFF_/)
    expect(text).not.toContain('[[link:')
    expect(data.messages[0]?.body).toBe('Manage it here: (private link)')
    expect(text).not.toContain('"hash"')
    expect(text).not.toContain('sessions')
    expect(text).not.toContain('assignedChefs')
  })

  it('names the file by the day, not the person', () => {
    expect(accountExportFileName(NOW)).toBe('myhibachi-account-2027-03-10.json')
  })
})

describe('account inputs', () => {
  it('takes an email for a sign-in link, lower-cased and trimmed', () => {
    expect(parseOrThrow(loginLinkRequestSchema, { email: '  Pat@Example.COM ' })).toEqual({ email: 'pat@example.com' })
    expect(issuePaths(() => parseOrThrow(loginLinkRequestSchema, { email: 'not an email' }))).toEqual(['email'])
    expect(issuePaths(() => parseOrThrow(loginLinkRequestSchema, {}))).toEqual(['email'])
    expect(issuePaths(() => parseOrThrow(loginLinkRequestSchema, { email: 'a@b.co', extra: 1 }))).toEqual(['extra'])
  })

  it('takes the code of a sign-in link as text', () => {
    expect(issuePaths(() => parseOrThrow(loginLinkRedeemSchema, { token: 5 }))).toEqual(['token'])
    expect(issuePaths(() => parseOrThrow(loginLinkRedeemSchema, { token: '' }))).toEqual(['token'])
  })

  it('takes a reply of 1 to 5000 characters, optionally about a booking', () => {
    expect(parseOrThrow(accountMessageSchema, { body: '  Hello  ', bookingId: '12' })).toEqual({ body: 'Hello', bookingId: 12 })
    expect(issuePaths(() => parseOrThrow(accountMessageSchema, { body: '   ' }))).toEqual(['body'])
    expect(issuePaths(() => parseOrThrow(accountMessageSchema, { body: 'x'.repeat(5001) }))).toEqual(['body'])
    expect(issuePaths(() => parseOrThrow(accountMessageSchema, { body: 'a\u0000b' }))).toEqual(['body'])
    expect(issuePaths(() => parseOrThrow(accountMessageSchema, { body: 'Hi', bookingId: -1 }))).toEqual(['bookingId'])
  })

  it('takes nothing for the actions without input', () => {
    expect(parseOrThrow(noInputSchema, {})).toEqual({})
    expect(issuePaths(() => parseOrThrow(noInputSchema, { confirm: true }))).toEqual(['confirm'])
  })
})

describe('rate limits of the sign-in link routes', () => {
  it('counts asking for and using a sign-in link under the auth budget', () => {
    expect(policyFor('POST', '/api/customers/login-link')).toBe('auth')
    expect(policyFor('POST', '/api/customers/login-link/redeem')).toBe('auth')
    expect(policyFor('POST', '/api/customers/LOGIN-LINK')).toBe('auth')
  })

  it('counts the account page writes under the general write budget', () => {
    expect(policyFor('POST', '/api/customers/me/messages')).toBe('writes')
    expect(policyFor('GET', '/api/customers/me/export')).toBeUndefined()
  })
})
