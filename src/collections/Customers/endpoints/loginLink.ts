/**
 * Email-link sign-in (src/collections/Customers/loginLinks.ts):
 *   POST /api/customers/login-link {email}         → 202, the same body whether or not an account
 *        has that email: the lookup, the stored hash and the mail happen after the answer, so
 *        neither the body nor the time tells. 400 naming `email`; 429 after RATE_LIMIT_LOGIN_EMAIL
 *        requests for one address (so nobody floods an inbox), on top of the per-IP `auth` limit.
 *   POST /api/customers/login-link/redeem {token} → 200 with Payload's auth cookie (`payload-token`,
 *        a session like a password sign-in's); 403 for an unknown, used or ended link, and for a
 *        request a browser marks as sent from another site (the link stays unused).
 * Must never log the email, the token or its hash.
 */
import { createHash } from 'node:crypto'

import type { Endpoint } from 'payload'

import { LOGIN_LINK_MINUTES, loginLinkRedeemSchema, loginLinkRequestSchema } from '../../../domain/account'
import { ForbiddenError } from '../../../domain/errors'
import { refusal } from '../../../http/responses'
import { logger } from '../../../server/logger'
import { redeemLoginLink, sendLoginLink } from '../loginLinks'
import { json, jsonResponse, limit, parsedBody, PRIVATE } from './shared'

const log = logger.child({ module: 'login-links' })

export const LOGIN_LINK_SENT = {
  message: `If an account uses this email address, we have sent it a sign-in link. It works for ${LOGIN_LINK_MINUTES} minutes, once. Nothing arrived? Check your spam folder, or ask for a new link.`,
}

export const requestLoginLinkEndpoint: Endpoint = {
  method: 'post',
  path: '/login-link',
  handler: async (req) => {
    try {
      const { email } = await parsedBody(req, loginLinkRequestSchema)
      const digest = createHash('sha256').update(email).digest('hex').slice(0, 32)
      const refused = await limit('login-email', `login-link:${digest}`)
      if (refused) return jsonResponse(refused.result, { ...PRIVATE, ...refused.headers })
      // After the answer, on its own connection: how long this takes must not tell whether the account exists.
      void sendLoginLink(req.payload, email).catch((err: unknown) => {
        const e = err as { code?: unknown; responseCode?: unknown; name?: unknown }
        log.error({ name: e.name, code: e.code, responseCode: e.responseCode }, 'a sign-in link could not be sent')
      })
      return jsonResponse(json(202, LOGIN_LINK_SENT), PRIVATE)
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}

export const redeemLoginLinkEndpoint: Endpoint = {
  method: 'post',
  path: '/login-link/redeem',
  handler: async (req) => {
    try {
      const { token } = await parsedBody(req, loginLinkRedeemSchema)
      // Another site's page must not sign a visitor into an account of its choosing (login CSRF):
      // browsers say where a request comes from; the link page itself is same-origin.
      if (req.headers.get('sec-fetch-site') === 'cross-site') throw new ForbiddenError('Open the sign-in link from your email to sign in.')
      const signedIn = await redeemLoginLink(req, token)
      if (!signedIn) throw new ForbiddenError(`This sign-in link is not valid any more: it may have been used already or be older than ${LOGIN_LINK_MINUTES} minutes. Ask for a new one.`)
      return new Response(JSON.stringify({ message: 'You are signed in.', user: signedIn.user, exp: signedIn.exp }), {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...PRIVATE, 'Set-Cookie': signedIn.cookie },
      })
    } catch (err) {
      return jsonResponse(refusal(err), PRIVATE)
    }
  },
}
