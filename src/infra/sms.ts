/**
 * SMS through Twilio's REST API (Messages resource, 2010-04-01) with plain `fetch`: the official
 * SDK is several megabytes for two calls. TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM
 * turn it on (all three, or start-up refuses); without them SMS reads "not configured" everywhere
 * and nothing pretends to send. TWILIO_API_BASE points it elsewhere (tests: a local fake). Every
 * call is bounded by TWILIO_TIMEOUT_MS. Also Twilio's webhook signature check (X-Twilio-Signature:
 * base64 HMAC-SHA1 over the full URL followed by the sorted POST parameters, keys and values),
 * and what Twilio's delivery reports and error codes mean (for the status callback,
 * src/collections/Messages/endpoints/twilio.ts).
 * Must never log a phone number, a message body or the auth token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import type { MessageStatus } from '../domain'
import { env } from '../server/env'
import { logger } from '../server/logger'

const log = logger.child({ module: 'sms' })

export function smsEnabled(): boolean {
  const e = env()
  return Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM)
}

/** One line for the start-up log and the admin: whether texts can go out. */
export function describeSms(): void {
  if (smsEnabled()) {
    if (env().TWILIO_API_BASE !== 'https://api.twilio.com') log.warn('TWILIO_API_BASE is set: texts go to that address, not to api.twilio.com (tests only)')
    log.info('SMS on (Twilio)')
  } else {
    log.info('SMS not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM unset): staff can reply by email only')
  }
}

/** A refusal or failure of Twilio's, with its own code when it gave one (e.g. 21211 invalid number). */
export class SmsError extends Error {
  override name = 'SmsError'
  constructor(
    message: string,
    readonly code: string,
    /** false for an answer that will not change on a retry (a bad number, a blocked recipient). */
    readonly retryable: boolean,
  ) {
    super(message)
  }
}

export interface SentSms {
  sid: string
  status: string
}

function credentials(): { sid: string; token: string; from: string; base: string; timeoutMs: number } {
  const e = env()
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.TWILIO_FROM) throw new SmsError('SMS is not configured', 'not_configured', false)
  return { sid: e.TWILIO_ACCOUNT_SID, token: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, base: e.TWILIO_API_BASE.replace(/\/+$/, ''), timeoutMs: e.TWILIO_TIMEOUT_MS }
}

/** Sends one text; `statusCallback` is where Twilio reports delivered/failed. Throws SmsError. */
export async function sendSms(to: string, body: string, statusCallback?: string): Promise<SentSms> {
  const c = credentials()
  const form = new URLSearchParams({ To: to, Body: body })
  if (c.from.startsWith('MG')) form.set('MessagingServiceSid', c.from)
  else form.set('From', c.from)
  if (statusCallback) form.set('StatusCallback', statusCallback)
  let res: Response
  try {
    res = await fetch(`${c.base}/2010-04-01/Accounts/${c.sid}/Messages.json`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${c.sid}:${c.token}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(c.timeoutMs),
    })
  } catch (err) {
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
    throw new SmsError(timeout ? `Twilio did not answer within ${c.timeoutMs} ms` : `Twilio could not be reached (${err instanceof Error ? err.message : String(err)})`, timeout ? 'timeout' : 'network', true)
  }
  const json = (await res.json().catch(() => ({}))) as { sid?: unknown; status?: unknown; code?: unknown; message?: unknown }
  if (!res.ok) {
    const code = typeof json.code === 'number' || typeof json.code === 'string' ? String(json.code) : `http_${res.status}`
    const message = typeof json.message === 'string' ? json.message.slice(0, 300) : `HTTP ${res.status}`
    // 4xx other than rate limiting is Twilio refusing this message: a retry gets the same answer.
    const retryable = res.status >= 500 || res.status === 429
    log.warn({ status: res.status, code }, 'Twilio refused a text')
    throw new SmsError(`Twilio refused the text (${code}): ${message}`, code, retryable)
  }
  if (typeof json.sid !== 'string') throw new SmsError('Twilio answered without a message SID', 'bad_response', true)
  return { sid: json.sid, status: typeof json.status === 'string' ? json.status : 'queued' }
}

/** Form parameters as Twilio signs them: one value, or every value of a repeated name. */
export type TwilioParams = Record<string, string | readonly string[]>

/**
 * Twilio's request signature (X-Twilio-Signature): base64 of HMAC-SHA1(auth token, the full URL
 * Twilio called — scheme, host, path and query — followed by each POST parameter's name and value,
 * names sorted; a repeated name contributes each of its values, sorted). Pure, for any token.
 */
export function twilioSignature(token: string, url: string, params: TwilioParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const value = params[key]
      const values = typeof value === 'string' ? [value] : [...(value ?? [])].sort()
      return acc + values.map((v) => key + v).join('')
    }, url)
  return createHmac('sha1', token).update(data, 'utf8').digest('base64')
}

/**
 * Whether `signature` is Twilio's for a POST to `url` with these form parameters, signed with
 * TWILIO_AUTH_TOKEN (compared in constant time). False when SMS is off or the header is missing.
 */
export function verifyTwilioSignature(url: string, params: TwilioParams, signature: string | null): boolean {
  const token = env().TWILIO_AUTH_TOKEN
  if (!token || !signature) return false
  const expected = Buffer.from(twilioSignature(token, url, params), 'base64')
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** A Twilio message SID: two letters (SM for SMS, MM for MMS) and 32 hex digits. */
export const TWILIO_MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/

/**
 * What the common Twilio error codes mean, as staff should read them beside a failed text
 * (https://www.twilio.com/docs/api/errors). Codes not listed are shown as the bare number.
 */
const TWILIO_ERRORS: Record<string, string> = {
  '21211': 'not a valid phone number',
  '21408': 'texts to this region are not enabled on the account',
  '21610': 'the recipient has opted out (replied STOP)',
  '21612': 'the number cannot receive texts',
  '21614': 'not a mobile number',
  '30001': 'queue overflow at Twilio',
  '30002': 'the Twilio account is suspended',
  '30003': 'unreachable handset (switched off or out of coverage)',
  '30004': 'blocked by the recipient or their carrier',
  '30005': 'unknown number (it does not exist)',
  '30006': 'a landline or an unreachable carrier',
  '30007': 'filtered by the carrier as spam',
  '30008': 'unknown error at the carrier',
  '30034': 'sent from a number not registered for US texting (A2P 10DLC)',
}

/** `30003 (unreachable handset …)`, or the code alone when it is not a common one. */
export function describeTwilioError(code: string): string {
  const meaning = TWILIO_ERRORS[code]
  return meaning ? `${code} (${meaning})` : code
}

/**
 * What a status Twilio reports for a sent text means for the message (MessageStatus in a status
 * callback): `delivered` (a handset has it; `read` for channels that report reading), `failed`
 * (Twilio or the carrier gave up: failed, undelivered, canceled), or nothing new (queued,
 * sending, sent, accepted… — the message is already `sent` as far as we are concerned).
 */
export function twilioDeliveryEffect(reported: string): 'delivered' | 'failed' | undefined {
  if (reported === 'delivered' || reported === 'read') return 'delivered'
  if (reported === 'failed' || reported === 'undelivered' || reported === 'canceled') return 'failed'
  return undefined
}

/**
 * The status a text moves to when Twilio reports `reported` for it, or undefined to leave it.
 * Callbacks come more than once and out of order, so only a text we recorded as `sent` moves,
 * and only to a final state: a late `sent` never downgrades `delivered`, a repeat changes nothing,
 * and a text staff re-queued (back to `queued` after a failure) is not failed again by an old
 * report about its previous attempt. `unrecorded`: the report names our message (the callback URL
 * carries its id) and no send of it has been recorded yet — Twilio answered, reported, and our
 * "sent" write is still on its way — so a `queued` text moves too.
 */
export function statusAfterReport(current: MessageStatus, reported: string, unrecorded = false): 'delivered' | 'failed' | undefined {
  if (current !== 'sent' && !(unrecorded && current === 'queued')) return undefined
  return twilioDeliveryEffect(reported)
}
