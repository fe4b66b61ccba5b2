/**
 * Coming back from Stripe Checkout without the manage token (src/collections/Bookings/endpoints/
 * returnPage.ts), over Payload's real REST handler: the single-use code in the success URL given
 * to Stripe is traded once for an HttpOnly cookie; the cookie reads the booking's payment state
 * (pending, then confirmed once the webhook came); no cookie, a forged or an old one is a 401; a
 * malformed body is a 400.
 */
import { handleEndpoints } from 'payload'
import { describe, expect, it } from 'vitest'

import { returnCookieValue } from '../../src/collections/Payments/returnCodes'
import { bookingBody, dateAhead, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import type { FakeCheckoutSession } from '../helpers/fake-stripe'
import { stripeAppPerFile, type StripeApp } from '../helpers/stripe-app'
import type { ReturnView } from '../../src/domain'

let app: StripeApp
// Each booking a day of its own, 350 days ahead and on (about 8): days no other integration file uses.
let day = 349

interface ReturnAnswer {
  booking: ReturnView
}

stripeAppPerFile((started) => {
  app = started
})

/** A held web booking with a deposit session, and the code of the session's success URL. */
async function bookAndOpen(): Promise<{ id: number; token: string; eventDate: string; session: FakeCheckoutSession; code: string }> {
  day += 1
  const eventDate = dateAhead(day)
  const res = await app.rest<DocResponse>('POST', '/bookings', { body: bookingBody(eventDate, `return-${runTag()}@example.com`) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const token = String(res.body.doc.manageToken)
  const deposit = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
  expect(deposit.status, JSON.stringify(deposit.body)).toBe(200)
  const session = app.fake.sessions().find((s) => s.url === deposit.body.url)
  if (!session?.success_url) throw new Error('no fake session with a success URL')
  const code = new URL(session.success_url).searchParams.get('code')
  if (!code) throw new Error(`no code in ${session.success_url}`)
  return { id: res.body.doc.id, token, eventDate, session, code }
}

const claim = (body: unknown) => app.rest<ReturnAnswer>('POST', '/bookings/return', { body })
const status = (cookie?: string) => app.rest<ReturnAnswer>('GET', '/bookings/return', cookie === undefined ? {} : { headers: { Cookie: cookie } })

/** The `mh_return=<value>` pair of a Set-Cookie header, as a browser would send it back. */
function cookiePair(setCookie: string | null): string {
  const pair = (setCookie ?? '').split(';')[0] ?? ''
  expect(pair).toMatch(/^mh_return=\d+\.\d+\.[A-Za-z0-9_-]{43}$/)
  return pair
}

/** The cookie value with one character of its signature changed. */
function forgedSignature(pair: string): string {
  const at = pair.length - 10
  const swapped = pair[at] === 'A' ? 'B' : 'A'
  return `${pair.slice(0, at)}${swapped}${pair.slice(at + 1)}`
}

describe('payment return', () => {
  it('trades the code once for a cookie that follows the booking from pending to confirmed', async () => {
    const { id, token, eventDate, session, code } = await bookAndOpen()
    expect(session.success_url).not.toContain(token)

    const first = await claim({ code })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(Object.keys(first.body.booking).sort()).toEqual(['balanceDueCents', 'currency', 'depositCents', 'depositPaidCents', 'eventDate', 'holdExpiresAt', 'startTime', 'status', 'timezone'])
    expect(first.body.booking).toMatchObject({ status: 'pending', eventDate, depositPaidCents: 0 })
    expect(first.body.booking.depositCents).toBeGreaterThan(0)
    expect(first.body.booking.holdExpiresAt).toBeTruthy()
    expect(first.headers.get('referrer-policy')).toBe('no-referrer')
    const setCookie = first.headers.get('set-cookie')
    expect(setCookie).toMatch(/^mh_return=[^;]+;/)
    expect(setCookie).toContain('; HttpOnly')
    expect(setCookie).toContain('; Path=/api/bookings/return')
    expect(setCookie).toContain('; SameSite=Lax')
    const cookie = cookiePair(setCookie)
    expect(cookie.slice('mh_return='.length).split('.')[0]).toBe(String(id))

    const second = await claim({ code })
    expect(second.status).toBe(404)
    expect(second.headers.get('set-cookie')).toBeNull()

    const pending = await status(cookie)
    expect(pending.status, JSON.stringify(pending.body)).toBe(200)
    expect(pending.body.booking).toMatchObject({ status: 'pending', eventDate, depositPaidCents: 0 })

    const paid = app.fake.paySession(session.id)
    const delivered = await app.webhook(JSON.stringify(app.fake.event('checkout.session.completed', paid)))
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200)
    const confirmed = await status(cookie)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.booking).toMatchObject({ status: 'confirmed', depositPaidCents: first.body.booking.depositCents, holdExpiresAt: null })
  })

  it('after the code was spent (the customer came back through the cancel link), paying again opens a new session with a fresh code', async () => {
    const { token, session, code } = await bookAndOpen()
    expect((await claim({ code })).status).toBe(200)
    const again = await app.rest<{ url: string }>('POST', `/bookings/manage/${token}/deposit`, { body: {} })
    expect(again.status, JSON.stringify(again.body)).toBe(200)
    expect(again.body.url).not.toBe(session.url)
    expect(app.fake.sessions().find((s) => s.id === session.id)?.status).toBe('expired')
    const fresh = app.fake.sessions().find((s) => s.url === again.body.url)
    const freshCode = new URL(String(fresh?.success_url)).searchParams.get('code')
    expect(freshCode).not.toBe(code)
    expect((await claim({ code: freshCode })).status).toBe(200)
    // While a code is unused, the same session is handed out again.
    const { token: other, session: first } = await bookAndOpen()
    const repeat = await app.rest<{ url: string }>('POST', `/bookings/manage/${other}/deposit`, { body: {} })
    expect(repeat.body.url).toBe(first.url)
  })

  it('lets only one of several claims of one code at once win', async () => {
    const { code } = await bookAndOpen()
    const answers = await Promise.all(Array.from({ length: 5 }, () => claim({ code })))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404, 404, 404, 404])
    expect(answers.filter((a) => a.headers.get('set-cookie') !== null)).toHaveLength(1)
  })

  it('answers 401 without a cookie, with a forged one or an old one', async () => {
    const { id, code } = await bookAndOpen()
    const other = await bookAndOpen()
    const claimed = await claim({ code })
    expect(claimed.status).toBe(200)
    const cookie = cookiePair(claimed.headers.get('set-cookie'))
    expect((await status(cookie)).status).toBe(200)

    expect((await status()).status).toBe(401)
    expect((await status('')).status).toBe(401)
    expect((await status(forgedSignature(cookie))).status).toBe(401)
    const [, expires, signature] = cookie.slice('mh_return='.length).split('.')
    const otherBooking = await status(`mh_return=${other.id}.${expires}.${signature}`)
    expect(otherBooking.status).toBe(401)
    expect(JSON.stringify(otherBooking.body)).not.toContain(other.eventDate)
    // A later end with the old signature, and a cookie that is genuinely signed but has ended.
    expect((await status(`mh_return=${id}.${Number(expires) + 3600}.${signature}`)).status).toBe(401)
    expect((await status(`mh_return=${returnCookieValue(id, new Date(Date.now() - 31 * 60_000))}`)).status).toBe(401)
    expect((await status(`mh_return=${returnCookieValue(id, new Date())}`)).status).toBe(200)
  })

  it('refuses a malformed body with 400 and an unknown code with 404, using nothing up', async () => {
    const { code } = await bookAndOpen()
    const noCode = await claim({})
    expect(noCode.status).toBe(400)
    expect(noCode.headers.get('set-cookie')).toBeNull()
    expect((await claim({ code: 42 })).status).toBe(400)
    expect((await claim({ code, extra: true })).status).toBe(400)
    expect((await claim([code])).status).toBe(400)

    const config = await app.config
    const request = new Request('http://localhost:3000/api/bookings/return', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"code":"${code}"` })
    const notJson = await handleEndpoints({ config, path: '/api/bookings/return', request })
    expect(notJson.status).toBe(400)
    expect(notJson.headers.get('set-cookie')).toBeNull()

    expect((await claim({ code: `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}` })).status).toBe(404)
    expect((await claim({ code: 'short' })).status).toBe(404)
    // None of those used the real code up.
    expect((await claim({ code })).status).toBe(200)
  })
})
