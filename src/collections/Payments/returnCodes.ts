/**
 * The return URL given to Stripe never carries the manage-link token: it carries a short-lived,
 * single-use code (24 random bytes; only its SHA-256 is stored on the booking, with its end).
 * The return page trades the code, once, for an HttpOnly cookie that names the booking for 30
 * minutes (HMAC-signed with the Payload secret), and polls the booking's payment state with it.
 * The code lives as long as the Checkout Session can (24 h): a customer who pays at the last
 * minute still comes back to a page that works.
 * Must never log a code, its hash or the cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { env, siteOrigin } from '../../server/env'
import { sql, transactionDb } from '../../infra/db'
import { hashSecretToken, mintSecretToken, SECRET_TOKEN_SYNTAX } from '../../server/secret-token'

export const RETURN_CODE_HOURS = 24
export const RETURN_COOKIE = 'mh_return'
export const RETURN_COOKIE_SECONDS = 30 * 60

/** A new code and what to store for it on the booking. */
export function mintReturnCode(now: Date): { code: string; hash: string; expiresAt: Date } {
  const { token: code, hash } = mintSecretToken()
  return { code, hash, expiresAt: new Date(now.getTime() + RETURN_CODE_HOURS * 3_600_000) }
}

/** Where Stripe sends the customer after paying (or leaving) the Checkout page. */
export function returnUrls(code: string, kind: 'deposit' | 'balance'): { successUrl: string; cancelUrl: string } {
  const base = `${siteOrigin()}/booking/return?code=${encodeURIComponent(code)}&for=${kind}`
  return { successUrl: base, cancelUrl: `${base}&cancelled=1` }
}

/**
 * Uses up a code: the booking id it was minted for, or undefined when it is unknown, used or past
 * its end. One UPDATE, so two claims of one code cannot both win.
 */
export async function claimReturnCode(req: PayloadRequest, code: unknown): Promise<number | undefined> {
  if (typeof code !== 'string' || !SECRET_TOKEN_SYNTAX.test(code)) return undefined
  const db = await transactionDb(req)
  const result = await db.execute<{ id: number }>(sql`
    UPDATE bookings SET payment_return_code_hash = NULL, payment_return_code_expires_at = NULL
    WHERE payment_return_code_hash = ${hashSecretToken(code)} AND payment_return_code_expires_at > now()
    RETURNING id`)
  const id = result.rows[0]?.id
  return id === undefined ? undefined : Number(id)
}

function sign(value: string): string {
  return createHmac('sha256', env().PAYLOAD_SECRET).update(`return:${value}`).digest('base64url')
}

/** The cookie value naming `bookingId` until now + 30 minutes. */
export function returnCookieValue(bookingId: number, now: Date): string {
  const value = `${bookingId}.${Math.floor(now.getTime() / 1000) + RETURN_COOKIE_SECONDS}`
  return `${value}.${sign(value)}`
}

/** The booking a cookie value names, or undefined when it is malformed, forged or expired. */
export function bookingFromReturnCookie(raw: string | undefined, now: Date): number | undefined {
  const m = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(raw ?? '')
  if (!m) return undefined
  const expected = Buffer.from(sign(`${m[1]}.${m[2]}`))
  const given = Buffer.from(m[3] ?? '')
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
  if (Number(m[2]) * 1000 <= now.getTime()) return undefined
  return Number(m[1])
}

/** The Set-Cookie header for the return cookie: HttpOnly, SameSite=Lax, only sent to the return API. */
export function returnCookieHeader(value: string): string {
  const secure = siteOrigin().startsWith('https:') ? '; Secure' : ''
  return `${RETURN_COOKIE}=${value}; Path=/api/bookings/return; Max-Age=${RETURN_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${secure}`
}

/** The return cookie's value from a request's Cookie header. */
export function readReturnCookie(headers: Headers): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === RETURN_COOKIE) return rest.join('=')
  }
  return undefined
}
