/**
 * Twilio's webhooks:
 * - POST /api/twilio/sms — an inbound text (From, To, Body, MessageSid, NumMedia…): stored in the
 *   sender's thread (src/collections/Messages/inbound.ts), once per MessageSid, and answered with
 *   an empty TwiML `<Response/>` (no auto-reply).
 * - POST /api/twilio/status — a delivery report for a text we sent (MessageSid, MessageStatus,
 *   ErrorCode): `delivered` or `failed` on the message; repeats and late reports change nothing.
 * Both are form posts signed by Twilio (X-Twilio-Signature over PUBLIC_SERVER_URL + the path and
 * query Twilio called, and the parameters): a missing or wrong signature is a 403 and nothing is
 * written. The body is bounded (64 kB → 413); bad fields are a 400 naming them; without SMS
 * configured both answer 503 with the reason — never a pretend 200.
 * Must never log a phone number or a message body.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { fromZodError, MESSAGE_BODY_MAX, normalizePhone, UnavailableError } from '../../../domain'
import { errorBody, jsonResponse, refusal } from '../../../http/responses'
import { smsEnabled, TWILIO_MESSAGE_SID, verifyTwilioSignature, type TwilioParams } from '../../../infra/sms'
import { siteOrigin } from '../../../server/env'
import { logger } from '../../../server/logger'
import { applySmsReport, recordInboundSms } from '../inbound'
import { formKindOf, readForm, type FormFields } from './forms'
import { storableText } from './emailText'

const log = logger.child({ module: 'twilio-webhook' })

/** Twilio's webhook bodies are a few hundred bytes; a text is at most 1,600 characters. */
export const MAX_TWILIO_BODY_BYTES = 64 * 1024

/** The URL Twilio signed: the public origin with the path and query this request came to. */
function signedUrl(req: PayloadRequest): string {
  let pathAndQuery = '/'
  try {
    const url = new URL(req.url ?? '/', 'http://localhost')
    pathAndQuery = `${url.pathname}${url.search}`
  } catch (err) {
    // An unparsable request URL cannot have been signed by Twilio: the signature check fails on '/'.
    if (!(err instanceof TypeError)) throw err
  }
  return `${siteOrigin()}${pathAndQuery}`
}

function paramsOf(form: FormFields): TwilioParams {
  const params: Record<string, string[]> = {}
  for (const [name, value] of form.all) (params[name] ??= []).push(value)
  return Object.fromEntries(Object.entries(params).map(([name, values]) => [name, values.length === 1 ? (values[0] ?? '') : values]))
}

/**
 * The signed form of a Twilio webhook, or the refusal to answer with: 503 without SMS, 415 for a
 * body that is not a form, 413 over the bound, 403 when the signature does not match.
 */
async function signedForm(req: PayloadRequest): Promise<Record<string, string> | Response> {
  try {
    if (!smsEnabled()) throw new UnavailableError('SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM): this webhook accepts nothing.', 'sms_not_configured')
    if (formKindOf(req.headers.get('Content-Type')) !== 'urlencoded') {
      return jsonResponse({ status: 415, body: errorBody('UnsupportedMediaType', 'Send application/x-www-form-urlencoded, as Twilio does.') })
    }
    const form = await readForm(req, 'urlencoded', MAX_TWILIO_BODY_BYTES)
    if (!verifyTwilioSignature(signedUrl(req), paramsOf(form), req.headers.get('X-Twilio-Signature'))) {
      log.warn({ path: new URL(signedUrl(req)).pathname }, 'a Twilio webhook failed signature verification')
      return jsonResponse({ status: 403, body: errorBody('Forbidden', 'The X-Twilio-Signature header does not match this request (its URL, as PUBLIC_SERVER_URL names it, and its parameters).') })
    }
    return Object.fromEntries(form.fields)
  } catch (err) {
    return jsonResponse(refusal(err))
  }
}

/** Empty fields are absent (Twilio sends `ErrorCode=` on some reports). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

const sidSchema = z.string({ error: 'MessageSid is required' }).regex(TWILIO_MESSAGE_SID, { message: 'Expected a Twilio message SID (SM or MM and 32 hex digits)' })

export const inboundSmsSchema = z.object({
  MessageSid: sidSchema,
  From: z
    .string({ error: 'From is required' })
    .max(40, { message: 'Expected a phone number' })
    .transform((v, ctx) => {
      const phone = normalizePhone(v)
      if (!phone) {
        ctx.addIssue({ code: 'custom', message: 'Expected a phone number' })
        return z.NEVER
      }
      return phone
    }),
  Body: z.string().max(MESSAGE_BODY_MAX, { message: `At most ${MESSAGE_BODY_MAX} characters` }).default(''),
  NumMedia: optional(z.string().regex(/^\d{1,2}$/, { message: 'Expected the number of attachments' }).transform(Number)),
})

/** The stored text of an inbound text: its body, and a line for pictures we do not download. */
function smsText(body: string, media: number): string {
  const note = media > 0 ? `(${media} picture${media === 1 ? '' : 's'} or file${media === 1 ? '' : 's'} sent by MMS: open the message in the Twilio console)` : ''
  const text = storableText(body).trim()
  return [text, note].filter(Boolean).join('\n') || '(empty text)'
}

const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'

export const twilioSmsEndpoint: Endpoint = {
  method: 'post',
  path: '/twilio/sms',
  handler: async (req) => {
    const form = await signedForm(req)
    if (form instanceof Response) return form
    try {
      const parsed = inboundSmsSchema.safeParse(form)
      if (!parsed.success) throw fromZodError(parsed.error)
      const { MessageSid, From, Body, NumMedia } = parsed.data
      await recordInboundSms(req, { sid: MessageSid, from: From, body: smsText(Body, NumMedia ?? 0) })
      return new Response(TWIML_EMPTY, { status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' } })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}

export const smsReportSchema = z.object({
  MessageSid: sidSchema,
  MessageStatus: z.string({ error: 'MessageStatus is required' }).regex(/^[a-z_]{1,30}$/, { message: 'Expected a Twilio message status' }),
  ErrorCode: optional(z.string().regex(/^\d{1,6}$/, { message: 'Expected a Twilio error code' })),
})

export const twilioStatusEndpoint: Endpoint = {
  method: 'post',
  path: '/twilio/status',
  handler: async (req) => {
    const form = await signedForm(req)
    if (form instanceof Response) return form
    try {
      const parsed = smsReportSchema.safeParse(form)
      if (!parsed.success) throw fromZodError(parsed.error)
      const { MessageSid, MessageStatus, ErrorCode } = parsed.data
      // Our message id rides in the callback URL (signed with it): a report that outruns our "sent" write still finds its text.
      const idParam = req.searchParams.get('message')
      const messageId = idParam !== null && /^[1-9]\d{0,9}$/.test(idParam) ? Number(idParam) : undefined
      const outcome = await applySmsReport(req, { sid: MessageSid, status: MessageStatus, ...(messageId !== undefined ? { messageId } : {}), ...(ErrorCode ? { errorCode: ErrorCode } : {}) })
      // Twilio does not retry a report; an unknown SID (another app's text, one we never sent) is acknowledged.
      return jsonResponse({ status: 200, body: JSON.stringify({ received: true, outcome }) })
    } catch (err) {
      return jsonResponse(refusal(err))
    }
  },
}
