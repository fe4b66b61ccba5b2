/**
 * What the account endpoints share: who may call them (a signed-in customer whose email is proven,
 * or staff with a role), reading a small JSON body, a per-key rate limit inside the endpoint (on top
 * of the per-IP limit the server applies), and the private headers (never cached, no Referer).
 * Refusals are typed errors answered through src/http/responses (one mapping to HTTP).
 */
import type { PayloadRequest } from 'payload'

import { hasRole, isCustomerUser, isVerifiedCustomer, type StaffRole } from '../../../access/roles'
import { ForbiddenError, parseOrThrow } from '../../../domain'
import { bodyValue, readJsonBody } from '../../../http/body'
import { errorBody, jsonResponse, type JsonResult } from '../../../http/responses'
import { consume, rateLimitHeaders, type RatePolicy } from '../../../infra/rate-limit'

/** On top of `Cache-Control: no-store`, which every JSON answer gets. */
export const PRIVATE = { 'Referrer-Policy': 'no-referrer' }

/** The caller, when it is a signed-in customer with a proven email. */
export interface AccountHolder {
  id: number
  email: string
}

export const SIGN_IN_FIRST: JsonResult = { status: 401, body: errorBody('Unauthorized', 'Sign in to your account first.') }

/**
 * The signed-in, verified customer, or the answer for anyone else: 401 signed out, 403 for staff
 * (they have no account page) and for an account whose email is not proven (Payload's session
 * check already drops those; this does not lean on it).
 */
export function accountHolder(req: PayloadRequest): AccountHolder | JsonResult {
  const user = req.user
  if (!user) return SIGN_IN_FIRST
  if (!isCustomerUser(user)) return { status: 403, body: errorBody('Forbidden', 'Only customers have an account page.') }
  if (!isVerifiedCustomer(user)) return { status: 403, body: errorBody('Forbidden', 'Confirm your email address first: use the sign-in link we email you.') }
  return { id: Number(user.id), email: String(user.email) }
}

export const isResult = (v: AccountHolder | JsonResult): v is JsonResult => 'status' in v

/** Staff with one of `roles`; 401 signed out, 403 for anyone else. */
export function staffWith(req: PayloadRequest, roles: StaffRole[], action: string): JsonResult | undefined {
  if (!req.user) return { status: 401, body: errorBody('Unauthorized', `Sign in as staff to ${action}.`) }
  if (!hasRole(req.user, ...roles)) throw new ForbiddenError(`Only ${roles.join(' and ')} users may ${action}.`)
  return undefined
}

/** The request's JSON body parsed with `schema` (400 naming the field; 413 when too large). */
export async function parsedBody<T>(req: PayloadRequest, schema: Parameters<typeof parseOrThrow<T>>[0]): Promise<T> {
  return parseOrThrow(schema, bodyValue(await readJsonBody(req, 16 * 1024)))
}

/**
 * One point of `policy` for `key`: undefined while allowed, else the 429 answer with its RateLimit
 * headers and Retry-After. (An allowed answer keeps the headers of the server's per-IP policy.)
 */
export async function limit(policy: RatePolicy, key: string): Promise<{ result: JsonResult; headers: Record<string, string> } | undefined> {
  const decision = await consume(policy, key)
  if (decision.allowed) return undefined
  return {
    headers: rateLimitHeaders(decision),
    result: {
      status: 429,
      body: errorBody('TooManyRequests', `Too many requests. Please try again in ${decision.resetSeconds} seconds.`, { policy, retryAfterSeconds: decision.resetSeconds }),
    },
  }
}

export function json(status: number, body: unknown): JsonResult {
  return { status, body: JSON.stringify(body) }
}

export { jsonResponse }
