import { describe, expect, it } from 'vitest'
import {
  CHECKOUT_MAX_EXPIRY_HOURS,
  CHECKOUT_MIN_EXPIRY_MINUTES,
  ValidationError,
  balanceIdempotencyKey,
  balanceLinkIdempotencyKey,
  checkoutExpiresAt,
  checkoutSessionParams,
  depositIdempotencyKey,
  isReusableSession,
  refundIdempotencyKey,
  type CheckoutSessionInput,
} from '../../src/domain'
import { issuePaths } from './support'

const NOW = new Date('2027-01-10T15:00:00.000Z')
const SEC = 1000
const MIN = 60_000
const HOUR = 3_600_000
const at = (ms: number, from = NOW) => new Date(from.getTime() + ms)

describe("Stripe's checkout limits", () => {
  it('are 30 minutes and 24 hours', () => {
    expect(CHECKOUT_MIN_EXPIRY_MINUTES).toBe(30)
    expect(CHECKOUT_MAX_EXPIRY_HOURS).toBe(24)
  })
})

describe('when a checkout session expires', () => {
  it('ends with the hold when the hold is inside the limits', () => {
    expect(checkoutExpiresAt(NOW, at(60 * MIN))).toEqual(at(60 * MIN))
    expect(checkoutExpiresAt(NOW, at(5 * HOUR))).toEqual(at(5 * HOUR))
  })

  it('lasts at least 31 minutes when the hold ends sooner', () => {
    expect(checkoutExpiresAt(NOW, at(10 * MIN))).toEqual(at(31 * MIN))
    expect(checkoutExpiresAt(NOW, at(31 * MIN - SEC))).toEqual(at(31 * MIN))
  })

  it('keeps a hold ending exactly 31 minutes from now', () => {
    expect(checkoutExpiresAt(NOW, at(31 * MIN))).toEqual(at(31 * MIN))
    expect(checkoutExpiresAt(NOW, at(31 * MIN + SEC))).toEqual(at(31 * MIN + SEC))
  })

  it('still gets the shortest session when the hold is already over', () => {
    expect(checkoutExpiresAt(NOW, at(-HOUR))).toEqual(at(31 * MIN))
  })

  it('lasts at most 24 hours less a minute when the hold ends later', () => {
    const max = at(24 * HOUR - MIN)
    expect(checkoutExpiresAt(NOW, at(48 * HOUR))).toEqual(max)
    expect(checkoutExpiresAt(NOW, at(24 * HOUR - MIN + SEC))).toEqual(max)
    expect(checkoutExpiresAt(NOW, max)).toEqual(max)
    expect(checkoutExpiresAt(NOW, at(24 * HOUR - MIN - SEC))).toEqual(at(24 * HOUR - MIN - SEC))
  })

  it('lasts as long as allowed without a hold', () => {
    expect(checkoutExpiresAt(NOW, null)).toEqual(at(24 * HOUR - MIN))
  })

  it('cuts a hold end to whole seconds', () => {
    expect(checkoutExpiresAt(NOW, at(60 * MIN + 999))).toEqual(at(60 * MIN))
  })

  it('stays inside both limits in whole seconds when now has milliseconds', () => {
    const now = new Date('2027-01-10T15:00:00.400Z')
    const shortest = checkoutExpiresAt(now, at(0, now))
    const longest = checkoutExpiresAt(now, null)
    expect(shortest).toEqual(new Date('2027-01-10T15:31:01.000Z'))
    expect(longest).toEqual(new Date('2027-01-11T14:59:00.000Z'))
    for (const d of [shortest, longest]) {
      expect(d.getTime() % SEC).toBe(0)
      expect(d.getTime() - now.getTime()).toBeGreaterThan(CHECKOUT_MIN_EXPIRY_MINUTES * MIN)
      expect(d.getTime() - now.getTime()).toBeLessThan(CHECKOUT_MAX_EXPIRY_HOURS * HOUR)
    }
  })
})

describe('idempotency keys', () => {
  it('gives each deposit attempt its own key', () => {
    expect(depositIdempotencyKey(42, 1)).toBe('deposit:42:1')
    expect(depositIdempotencyKey(42, 2)).not.toBe(depositIdempotencyKey(42, 1))
    expect(depositIdempotencyKey('abc', 0)).toBe('deposit:abc:0')
  })

  it('gives the automatic balance charge one key per booking', () => {
    expect(balanceIdempotencyKey(42)).toBe('balance:42')
    expect(balanceIdempotencyKey(43)).not.toBe(balanceIdempotencyKey(42))
  })

  it('gives each balance link attempt its own key', () => {
    expect(balanceLinkIdempotencyKey(42, 3)).toBe('balance-link:42:3')
    expect(balanceLinkIdempotencyKey(42, 4)).not.toBe(balanceLinkIdempotencyKey(42, 3))
  })

  it('maps the same refund asked twice to one key and a later refund to a new one', () => {
    const first = refundIdempotencyKey(42, 'pi_123', 0, 5000)
    expect(first).toBe('refund:42:pi_123:0:5000')
    expect(refundIdempotencyKey(42, 'pi_123', 0, 5000)).toBe(first)
    expect(refundIdempotencyKey(42, 'pi_123', 5000, 5000)).toBe('refund:42:pi_123:5000:5000')
    expect(refundIdempotencyKey(42, 'pi_456', 0, 5000)).not.toBe(first)
    expect(refundIdempotencyKey(42, 'pi_123', 0, 4000)).not.toBe(first)
  })
})

describe('reusing an open checkout session', () => {
  it('reuses an open session with more than 5 minutes left', () => {
    expect(isReusableSession({ status: 'open', expiresAt: at(5 * MIN + 1) }, NOW)).toBe(true)
    expect(isReusableSession({ status: 'open', expiresAt: at(HOUR) }, NOW)).toBe(true)
  })

  it('does not reuse a session with exactly 5 minutes left or less', () => {
    expect(isReusableSession({ status: 'open', expiresAt: at(5 * MIN) }, NOW)).toBe(false)
    expect(isReusableSession({ status: 'open', expiresAt: at(MIN) }, NOW)).toBe(false)
    expect(isReusableSession({ status: 'open', expiresAt: at(-MIN) }, NOW)).toBe(false)
  })

  it.each(['complete', 'expired'] as const)('does not reuse a %s session', (status) => {
    expect(isReusableSession({ status, expiresAt: at(HOUR) }, NOW)).toBe(false)
  })
})

describe('checkout session parameters', () => {
  const input = (overrides: Partial<CheckoutSessionInput> = {}): CheckoutSessionInput => ({
    kind: 'deposit',
    bookingId: 42,
    amountCents: 10000,
    currency: 'usd',
    description: 'Hibachi party on 2027-01-15 at 18:00',
    customerId: 'cus_123',
    successUrl: 'https://example.com/manage/paid',
    cancelUrl: 'https://example.com/manage',
    expiresAt: new Date('2027-01-10T16:00:00.000Z'),
    businessName: 'MyHibachi',
    ...overrides,
  })

  it("builds a deposit session in Stripe's shape", () => {
    expect(checkoutSessionParams(input())).toEqual({
      mode: 'payment',
      customer: 'cus_123',
      client_reference_id: '42',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: 10000,
            product_data: { name: 'MyHibachi deposit', description: 'Hibachi party on 2027-01-15 at 18:00' },
          },
        },
      ],
      metadata: { bookingId: '42', kind: 'deposit' },
      payment_intent_data: { setup_future_usage: 'off_session', metadata: { bookingId: '42', kind: 'deposit' } },
      success_url: 'https://example.com/manage/paid',
      cancel_url: 'https://example.com/manage',
      expires_at: 1799596800,
    })
  })

  it('names a balance session and tags it as a balance', () => {
    const p = checkoutSessionParams(input({ kind: 'balance', amountCents: 55000 }))
    expect(p.line_items[0]?.price_data.product_data.name).toBe('MyHibachi balance')
    expect(p.line_items[0]?.price_data.unit_amount).toBe(55000)
    expect(p.metadata).toEqual({ bookingId: '42', kind: 'balance' })
    expect(p.payment_intent_data.metadata).toEqual({ bookingId: '42', kind: 'balance' })
  })

  it('sends expires_at in whole unix seconds, cutting milliseconds', () => {
    expect(checkoutSessionParams(input({ expiresAt: new Date('2027-01-10T16:00:00.999Z') })).expires_at).toBe(1799596800)
  })

  it('leaves out an empty description, which Stripe refuses', () => {
    expect(checkoutSessionParams(input({ description: '   ' })).line_items[0]?.price_data.product_data).toEqual({ name: 'MyHibachi deposit' })
  })

  it.each([0, -100, 99.5, Number.NaN])('refuses an amount of %s, naming amountCents', (amountCents) => {
    expect(() => checkoutSessionParams(input({ amountCents }))).toThrow(ValidationError)
    expect(issuePaths(() => checkoutSessionParams(input({ amountCents })))).toEqual(['amountCents'])
  })

  it('accepts the smallest amount, one cent', () => {
    expect(checkoutSessionParams(input({ amountCents: 1 })).line_items[0]?.price_data.unit_amount).toBe(1)
  })
})
