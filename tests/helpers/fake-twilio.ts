/**
 * A fake of Twilio's Messages API for tests, faked only at the network boundary: a real
 * `node:http` server on 127.0.0.1 that the app's adapter (src/infra/sms.ts, TWILIO_API_BASE) talks
 * to as it would to api.twilio.com. It speaks Twilio's wire format for
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`: HTTP Basic auth with the account SID and
 * auth token (else 401 with Twilio's 20003 JSON), form-encoded To, From or MessagingServiceSid,
 * Body and StatusCallback, a 201 Message resource (`sid: SM…`, `status: queued`, snake_case
 * fields), and Twilio's 400 errors (`{ code, message, more_info, status }`: 21211 for a To that is
 * not a phone number, 21604/21603/21602 for a missing To/From/Body, 21606 for a From that is not
 * the account's, 21610 for a number `refuse()`d as opted out).
 * `failNext(n, how)` makes the next n requests answer 500 (20500) or 429 (20429), or drops the
 * connection without an answer.
 * Also what Twilio sends to the app: `inboundSms()` and `statusReport()` build the webhook forms
 * Twilio posts, and `signTwilio()` signs them as Twilio does (written here from Twilio's
 * documentation, independently of the app's own check).
 * Limits: one account, everything in memory, no media, no list/fetch/update/delete of messages.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { handleEndpoints, type SanitizedConfig } from 'payload'

/** Test credentials in the formats src/server/env.ts accepts. They open nothing but this fake. */
export const TEST_TWILIO = {
  accountSid: `AC${'7e57'.repeat(8)}`,
  authToken: 'faketwiliotoken0123456789abcdef0',
  from: '+15005550006',
} as const

export interface FakeTwilioRequest {
  method: string
  path: string
  /** The Authorization header as sent. */
  authorization: string | null
  contentType: string | null
  /** The form parameters (first value of each name). */
  form: Record<string, string>
  /** The status answered; null when the connection was dropped. */
  status: number | null
}

export interface FakeTwilioMessage {
  sid: string
  to: string
  from: string | null
  messagingServiceSid: string | null
  body: string
  statusCallback: string | null
  status: 'queued' | 'accepted'
}

export type Failure = 500 | 429 | 'drop'

export interface FakeTwilio {
  /** e.g. http://127.0.0.1:40123, for TWILIO_API_BASE. */
  url: string
  /** Every request received, in arrival order. */
  requests: FakeTwilioRequest[]
  /** Every message accepted (201), in order. */
  messages: FakeTwilioMessage[]
  /** The next `count` requests fail this way (before authentication, as an outage would). */
  failNext(count: number, how: Failure): void
  /** Texts to `to` are refused with `code` (default 21610, opted out) from now on. */
  refuse(to: string, code?: number): void
  close(): Promise<void>
}

const ERROR_MESSAGES: Record<number, string> = {
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  20500: 'An internal server error has occurred',
  21602: 'Message body is required.',
  21603: "A 'From' phone number is required.",
  21604: "A 'To' phone number is required.",
  21606: "The From phone number is not a valid, SMS-capable inbound phone number or short code for your account.",
  21610: 'Attempt to send to unsubscribed recipient',
  21617: 'The concatenated message body exceeds the 1600 character limit.',
}

function twilioError(res: ServerResponse, status: number, code: number, message = ERROR_MESSAGES[code] ?? 'Error'): number {
  const body: Record<string, unknown> = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }
  if (code === 20003) {
    body.detail = 'Your AccountSid or AuthToken was incorrect.'
    res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"')
  }
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
  return status
}

/** A Twilio SID: two letters and 32 hex digits. */
export function twilioSid(prefix: 'SM' | 'MM' | 'AC' | 'MG'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`
}

const E164 = /^\+[1-9]\d{7,14}$/

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startFakeTwilio(opts: { accountSid?: string; authToken?: string; from?: string } = {}): Promise<FakeTwilio> {
  const accountSid = opts.accountSid ?? TEST_TWILIO.accountSid
  const authToken = opts.authToken ?? TEST_TWILIO.authToken
  const from = opts.from ?? TEST_TWILIO.from
  const requests: FakeTwilioRequest[] = []
  const messages: FakeTwilioMessage[] = []
  const failures: Failure[] = []
  const refused = new Map<string, number>()

  async function handle(req: IncomingMessage, res: ServerResponse, record: FakeTwilioRequest): Promise<number | null> {
    const failure = failures.shift()
    if (failure === 'drop') {
      req.socket.destroy()
      return null
    }
    if (failure === 500) return twilioError(res, 500, 20500)
    if (failure === 429) return twilioError(res, 429, 20429)

    const auth = record.authorization ?? ''
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`
    if (auth !== expected) return twilioError(res, 401, 20003)
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(record.path)
    if (!m || m[1] !== accountSid) return twilioError(res, 404, 20404, `The requested resource ${record.path} was not found`)
    if (record.method !== 'POST') return twilioError(res, 405, 20004, 'Method not allowed')

    const form = record.form
    const to = form.To
    if (!to) return twilioError(res, 400, 21604)
    if (!form.From && !form.MessagingServiceSid) return twilioError(res, 400, 21603)
    if (form.From !== undefined && form.From !== from) return twilioError(res, 400, 21606)
    if (!form.Body) return twilioError(res, 400, 21602)
    if (form.Body.length > 1600) return twilioError(res, 400, 21617)
    if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`)
    const refusal = refused.get(to)
    if (refusal !== undefined) return twilioError(res, 400, refusal)

    const sid = twilioSid('SM')
    const message: FakeTwilioMessage = {
      sid,
      to,
      from: form.From ?? null,
      messagingServiceSid: form.MessagingServiceSid ?? null,
      body: form.Body,
      statusCallback: form.StatusCallback ?? null,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
    }
    messages.push(message)
    const now = new Date().toUTCString().replace('GMT', '+0000')
    res.writeHead(201, { 'Content-Type': 'application/json' })
    res.end(
      JSON.stringify({
        account_sid: accountSid,
        api_version: '2010-04-01',
        body: message.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: message.from,
        messaging_service_sid: message.messagingServiceSid,
        num_media: '0',
        num_segments: String(Math.max(1, Math.ceil(message.body.length / 153))),
        price: null,
        price_unit: 'USD',
        sid,
        status: message.status,
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
        to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
      }),
    )
    return 201
  }

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const record: FakeTwilioRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        authorization: req.headers.authorization ?? null,
        contentType: req.headers['content-type'] ?? null,
        form: Object.fromEntries(new URLSearchParams(text)),
        status: null,
      }
      requests.push(record)
      record.status = await handle(req, res, record)
    })().catch((err: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(`fake twilio broke: ${String(err)}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messages,
    failNext: (count, how) => {
      for (let i = 0; i < count; i++) failures.push(how)
    },
    refuse: (to, code = 21610) => {
      refused.set(to, code)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * X-Twilio-Signature as Twilio computes it (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * the full URL, then each POST parameter's name and value appended, names in alphabetical order;
 * HMAC-SHA1 with the auth token; base64.
 */
export function signTwilio(url: string, params: Record<string, string>, authToken: string = TEST_TWILIO.authToken): string {
  let data = url
  for (const name of Object.keys(params).sort()) data += name + params[name]
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64')
}

/** The form Twilio posts to a number's messaging webhook for an incoming text. */
export function inboundSms(opts: { from: string; body: string; to?: string; sid?: string; numMedia?: number }): Record<string, string> {
  const sid = opts.sid ?? twilioSid(opts.numMedia ? 'MM' : 'SM')
  return {
    ToCountry: 'US',
    ToState: 'NY',
    SmsMessageSid: sid,
    NumMedia: String(opts.numMedia ?? 0),
    ToCity: 'NEW YORK',
    FromZip: '10001',
    SmsSid: sid,
    FromState: 'NY',
    SmsStatus: 'received',
    FromCity: 'NEW YORK',
    Body: opts.body,
    FromCountry: 'US',
    To: opts.to ?? TEST_TWILIO.from,
    ToZip: '10001',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: TEST_TWILIO.accountSid,
    From: opts.from,
    ApiVersion: '2010-04-01',
    ...(opts.numMedia ? Object.fromEntries(Array.from({ length: opts.numMedia }, (_, i) => [[`MediaContentType${i}`, 'image/jpeg'], [`MediaUrl${i}`, `https://api.twilio.com/2010-04-01/Accounts/${TEST_TWILIO.accountSid}/Messages/${sid}/Media/ME${randomBytes(16).toString('hex')}`]]).flat()) : {}),
  }
}

/** The form Twilio posts to a text's StatusCallback. */
export function statusReport(opts: { sid: string; status: string; to?: string; errorCode?: string }): Record<string, string> {
  return {
    SmsSid: opts.sid,
    SmsStatus: opts.status,
    MessageStatus: opts.status,
    To: opts.to ?? '+12125550100',
    MessageSid: opts.sid,
    AccountSid: TEST_TWILIO.accountSid,
    From: TEST_TWILIO.from,
    ApiVersion: '2010-04-01',
    ...(opts.errorCode ? { ErrorCode: opts.errorCode } : {}),
  }
}

export interface WebhookAnswer {
  status: number
  contentType: string | null
  text: string
}

/**
 * POSTs a form to one of our webhooks through Payload's real REST handler, as Twilio would: the
 * request goes to `http://localhost:3000<path>` (where the app listens) while the signature is
 * made over `signedOrigin + path` (the public URL Twilio was given). `signature: null` sends none.
 */
export async function postTwilioWebhook(
  config: SanitizedConfig | Promise<SanitizedConfig>,
  path: string,
  params: Record<string, string>,
  opts: { signedOrigin: string; signature?: string | null; authToken?: string },
): Promise<WebhookAnswer> {
  const signature = opts.signature === undefined ? signTwilio(`${opts.signedOrigin}${path}`, params, opts.authToken) : opts.signature
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'User-Agent': 'TwilioProxy/1.1' })
  if (signature !== null) headers.set('X-Twilio-Signature', signature)
  const request = new Request(`http://localhost:3000${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() })
  const response = await handleEndpoints({ config, path: path.split('?')[0] ?? path, request })
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() }
}
