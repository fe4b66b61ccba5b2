/**
 * SMS through Twilio's REST API (Messages resource, 2010-04-01) with plain `fetch`: the official
 * SDK is several megabytes for two calls. TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM
 * turn it on (all three, or start-up refuses); without them SMS reads "not configured" everywhere
 * and nothing pretends to send. TWILIO_API_BASE points it elsewhere (tests: a local fake). Every
 * call is bounded by TWILIO_TIMEOUT_MS. Also Twilio's webhook signature check (X-Twilio-Signature:
 * base64 HMAC-SHA1 over the full URL followed by the sorted POST parameters, keys and values).
 * Must never log a phone number, a message body or the auth token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

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

/**
 * Whether `signature` is Twilio's for a POST to `url` with these form parameters: base64 of
 * HMAC-SHA1(auth token, url + each parameter name and value, names sorted). False when SMS is off.
 */
export function verifyTwilioSignature(url: string, params: Record<string, string>, signature: string | null): boolean {
  const token = env().TWILIO_AUTH_TOKEN
  if (!token || !signature) return false
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url)
  const expected = createHmac('sha1', token).update(data, 'utf8').digest()
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
