/**
 * The HTTP edge of rate limiting, run by the server before Next/Payload see the request: finds the
 * route's policy (on the path as Next will route it and the method Payload will serve — see
 * `requestPolicy`), consumes a point for the client IP, puts the RateLimit headers on the response
 * (allowed or not), and answers 429 itself when the quota is spent.
 * Returns true when it answered (the caller must not pass the request on).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { clientIp, consume, rateLimitHeaders, requestPolicy } from '../infra/rate-limit'

export async function rateLimitRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const policy = requestPolicy(req)
  if (!policy) return false
  const decision = await consume(policy, `ip:${clientIp(req)}`)
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value)
  if (decision.allowed) return false
  res.statusCode = 429
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Cache-Control', 'no-store')
  res.end(
    JSON.stringify({
      errors: [
        {
          name: 'TooManyRequests',
          message: `Too many requests. Please try again in ${decision.resetSeconds} seconds.`,
          data: { policy, retryAfterSeconds: decision.resetSeconds },
        },
      ],
    }),
  )
  return true
}
