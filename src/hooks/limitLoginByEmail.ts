/**
 * Rate limit on sign-in attempts per account (email), on top of the per-IP limit the server
 * applies and Payload's lockout after repeated failures. The email is hashed before it becomes a
 * Redis key: no PII in keys or logs.
 */
import { createHash } from 'node:crypto'

import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { setResponseHeader } from '../server/process-registry'
import { consume, rateLimitHeaders } from '../infra/rate-limit'

export const limitLoginByEmail: CollectionBeforeOperationHook = async ({ args, operation, collection }) => {
  if (operation !== 'login') return args
  const data = (args as { data?: { email?: unknown } }).data
  const email = typeof data?.email === 'string' ? data.email.trim().toLowerCase() : ''
  if (!email) return args
  const digest = createHash('sha256').update(email).digest('hex').slice(0, 32)
  const decision = await consume('login-email', `${collection.slug}:${digest}`)
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) setResponseHeader(name, value)
  if (!decision.allowed) {
    throw new APIError(`Too many sign-in attempts for this account. Try again in ${decision.resetSeconds} seconds.`, 429, { retryAfterSeconds: decision.resetSeconds }, true)
  }
  return args
}
