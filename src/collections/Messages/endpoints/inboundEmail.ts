/**
 * POST /api/inbound/email — an inbound-parse service's POST of an email sent to the business
 * (SendGrid Inbound Parse: `multipart/form-data` with `from`, `to`, `subject`, `text`, `html`,
 * `headers`, `envelope`, `charsets`; the same fields as `application/x-www-form-urlencoded` are
 * accepted too). Stored in the sender's thread (src/collections/Messages/inbound.ts), once per
 * Message-ID, and answered 200 so the service does not deliver it again.
 * - Behind INBOUND_EMAIL_SECRET, sent as the password of HTTP Basic auth (put it in the parse URL:
 *   https://inbound:SECRET@host/api/inbound/email) or as `Authorization: Bearer SECRET`; compared in
 *   constant time. Not configured → 503; missing or wrong → 401. Checked before the body is read.
 * - The body is bounded (1 MB → 413; attachments are not kept, so a mail with large ones is
 *   refused rather than half-stored). A malformed form is a 400 on `body`; a mail without a sender
 *   address is a 400 on `from`, one with nothing to read (no text, HTML, subject or attachment) a
 *   400 on `text`. Nothing is written on a refusal.
 * Must never log an address, a subject or a body.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

import type { Endpoint, PayloadRequest } from 'payload'

import { UnavailableError } from '../../../domain'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import { env } from '../../../server/env'
import { logger } from '../../../server/logger'
import { recordInboundEmail } from '../inbound'
import { readInboundEmail } from './emailText'
import { formKindOf, readForm } from './forms'

const log = logger.child({ module: 'inbound-email' })

export const MAX_INBOUND_EMAIL_BYTES = 1024 * 1024

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest()
}

/** The secret the request presents: Basic auth's password, or a Bearer token. */
function presentedSecret(authorization: string | null): string | undefined {
  if (!authorization) return undefined
  const [scheme, value] = authorization.trim().split(/\s+/, 2)
  if (!scheme || !value) return undefined
  if (scheme.toLowerCase() === 'bearer') return value
  if (scheme.toLowerCase() !== 'basic') return undefined
  const decoded = Buffer.from(value, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : decoded.slice(colon + 1)
}

/** Whether the request carries INBOUND_EMAIL_SECRET (compared as digests, in constant time). */
function authorised(req: PayloadRequest, secret: string): boolean {
  const given = presentedSecret(req.headers.get('Authorization'))
  return given !== undefined && timingSafeEqual(digest(given), digest(secret))
}

export const inboundEmailEndpoint: Endpoint = {
  method: 'post',
  path: '/inbound/email',
  handler: async (req) => {
    try {
      const secret = env().INBOUND_EMAIL_SECRET
      if (!secret) throw new UnavailableError('Inbound email is not configured (INBOUND_EMAIL_SECRET): this endpoint accepts nothing.', 'inbound_email_not_configured')
      if (!authorised(req, secret)) {
        log.warn({ withCredentials: req.headers.has('Authorization') }, 'an inbound email post failed authentication')
        return jsonResponse(
          { status: 401, body: errorBody('Unauthorized', 'Send INBOUND_EMAIL_SECRET as the Basic auth password or a Bearer token.') },
          { 'WWW-Authenticate': 'Basic realm="inbound-email", charset="UTF-8"' },
        )
      }
      const kind = formKindOf(req.headers.get('Content-Type'))
      if (!kind) return jsonResponse({ status: 415, body: errorBody('UnsupportedMediaType', 'Send multipart/form-data or application/x-www-form-urlencoded, as inbound-parse services do.') })
      const form = await readForm(req, kind, MAX_INBOUND_EMAIL_BYTES)
      const mail = readInboundEmail(form)
      const recorded = await recordInboundEmail(req, mail)
      return jsonResponse({ status: 200, body: JSON.stringify({ received: true, id: recorded.id, created: recorded.created }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}
