// The storefront's payment screens as plain rules (src/components/booking/paymentReturn.ts,
// checkout.ts, labels.ts): which screen the return page shows for the server's view of the booking,
// which addresses it trusts, how the manage link is remembered, and how a hold's end is worded.
import { describe, expect, it } from 'vitest'

import { ApiError } from '../../src/client/api'
import { checkoutUrl, manageUrlOf, paymentErrorMessage, PAYMENTS_OFFLINE_MESSAGE, safeManageUrl } from '../../src/components/booking/checkout'
import { instantLabel, STATUS_LABELS, statusLabel, zoneNameOf } from '../../src/components/booking/labels'
import { returnPhase, withoutCode, type ReturnView } from '../../src/components/booking/paymentReturn'

const ORIGIN = 'https://myhibachi.example'

function view(over: Partial<ReturnView> = {}): ReturnView {
  return {
    status: 'pending',
    eventDate: '2026-12-04',
    startTime: '17:30',
    timezone: 'America/New_York',
    depositCents: 10_000,
    depositPaidCents: 0,
    balanceDueCents: 40_000,
    currency: 'usd',
    holdExpiresAt: '2026-11-20T20:30:00.000Z',
    ...over,
  }
}

describe('the return page screen', () => {
  const paid = { cancelled: false, timedOut: false }

  it('waits while the paid booking is still pending, then says it is taking longer', () => {
    expect(returnPhase(view(), paid).kind).toBe('waiting')
    expect(returnPhase(view(), { cancelled: false, timedOut: true }).kind).toBe('slow')
  })

  it('shows the booking confirmed, the hold ended, or any other status', () => {
    expect(returnPhase(view({ status: 'confirmed', holdExpiresAt: null }), paid).kind).toBe('confirmed')
    expect(returnPhase(view({ status: 'expired', holdExpiresAt: null }), paid).kind).toBe('expired')
    expect(returnPhase(view({ status: 'cancelled', holdExpiresAt: null }), paid).kind).toBe('other')
  })

  it('says the payment was not completed whenever the customer left the payment page', () => {
    for (const status of ['pending', 'confirmed', 'expired'] as const) {
      expect(returnPhase(view({ status }), { cancelled: true, timedOut: false }).kind).toBe('not_completed')
    }
  })

  it('drops the used-up code from the address and keeps the rest', () => {
    expect(withoutCode(`${ORIGIN}/booking/return?code=abc&cancelled=1`)).toBe('/booking/return?cancelled=1')
    expect(withoutCode(`${ORIGIN}/booking/return?code=abc`)).toBe('/booking/return')
    expect(withoutCode(`${ORIGIN}/booking/return?cancelled=1`)).toBeNull()
  })
})

describe('the remembered manage link', () => {
  it('is the booking page of this site', () => {
    const url = manageUrlOf('tok_A-1', ORIGIN)
    expect(url).toBe(`${ORIGIN}/booking/tok_A-1`)
    expect(safeManageUrl(url, ORIGIN)).toBe(url)
    expect(safeManageUrl('/booking/tok_A-1', ORIGIN)).toBe(url)
  })

  it('is ignored when it points anywhere else', () => {
    expect(safeManageUrl(null, ORIGIN)).toBeNull()
    expect(safeManageUrl('https://evil.example/booking/tok', ORIGIN)).toBeNull()
    expect(safeManageUrl('//evil.example/booking/tok', ORIGIN)).toBeNull()
    expect(safeManageUrl('javascript:alert(1)', ORIGIN)).toBeNull()
    expect(safeManageUrl(`${ORIGIN}/booking/return`, ORIGIN)).toBeNull()
    expect(safeManageUrl(`${ORIGIN}/admin`, ORIGIN)).toBeNull()
  })
})

describe('the payment page address', () => {
  it('is followed only when it is a web address', () => {
    expect(checkoutUrl('https://checkout.stripe.com/c/pay/cs_test_1')).toBe('https://checkout.stripe.com/c/pay/cs_test_1')
    expect(checkoutUrl('http://127.0.0.1:12111/pay/cs_test_1')).toBe('http://127.0.0.1:12111/pay/cs_test_1')
    expect(checkoutUrl('javascript:alert(1)')).toBeNull()
    expect(checkoutUrl('/relative')).toBeNull()
    expect(checkoutUrl(undefined)).toBeNull()
  })

  it('words a refusal: the server message, or that online payment is not set up', () => {
    expect(paymentErrorMessage(new ApiError('The deposit is already paid.', { status: 409, reason: 'already_paid' }))).toBe('The deposit is already paid.')
    expect(paymentErrorMessage(new ApiError('Something went wrong on our side.', { status: 503, reason: 'payments_not_configured' }))).toBe(PAYMENTS_OFFLINE_MESSAGE)
  })
})

describe('payment labels', () => {
  it('shows a hold end on the business clock with its zone, whatever the browser zone', () => {
    expect(instantLabel('2026-11-20T20:30:00.000Z', 'America/New_York')).toBe('Friday, November 20, 2026 at 3:30 pm (Eastern Standard Time)')
    expect(instantLabel('2026-07-01T04:05:00.000Z', 'America/New_York')).toBe('Wednesday, July 1, 2026 at 12:05 am (Eastern Daylight Time)')
  })

  it("names the booking form's zone the same all year (the cached /book says it)", () => {
    expect(zoneNameOf('America/New_York')).toBe('Eastern Time')
    expect(zoneNameOf('America/Los_Angeles')).toBe('Pacific Time')
  })

  it('labels every status, expired included', () => {
    expect(statusLabel('expired')).toBe('Expired — the deposit was not paid in time, so the date was released')
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(['cancelled', 'completed', 'confirmed', 'expired', 'no_show', 'pending'])
    expect(statusLabel('on_hold')).toBe('on_hold')
  })
})
