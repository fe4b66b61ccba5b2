/**
 * What never leaves the server in a log line or an error report, in one place: the paths the
 * logger redacts (src/server/logger.ts), and the same names, plus e-mail addresses, phone numbers
 * and the tokens in link paths, scrubbed from browser reports and from error-tracking events
 * (src/server/error-tracking.ts, src/client/error-tracking.ts). Pure data work over plain values;
 * must never log, throw or keep what it is given.
 *
 * Manage-link tokens are the only key to a customer's booking: `/booking/<token>` and
 * `/api/bookings/manage/<token>` become `[token]` wherever paths are logged or reported.
 */
// Also the one-time account links (confirm email, new password, sign-in link) and the verify API they call.
const TOKEN_IN_PATH = /\/(booking|api\/bookings\/manage|account\/verify|account\/reset-password|account\/login|api\/customers\/verify)\/[^/\s?#"'`<>()]+/g

export function redactManageTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/[token]')
}

/** What a redacted value is replaced with. */
export const CENSOR = '[redacted]'

/**
 * Paths the logger redacts wherever they appear (pino's fast-redact syntax; `*` matches one
 * level). Error reports use the same list by the names it ends in, at any depth (REDACTED_KEYS).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.manageToken',
  '*.email',
  '*.phone',
  '*.address',
  '*.*.password',
  '*.*.email',
  '*.*.phone',
  '*.*.address',
  'password',
  'token',
  'secret',
  'email',
  'phone',
  'address',
  'authorization',
  'cookie',
]

/** The last segment of a redact path, lower case: `req.headers["x-api-key"]` → `x-api-key`. */
function lastSegment(path: string): string {
  const bracket = /\["([^"]+)"\]$/.exec(path)
  return (bracket ? (bracket[1] ?? '') : (path.split('.').pop() ?? '')).toLowerCase()
}

/**
 * drizzle's failed-query error (what Payload logs when a statement fails, e.g. in a database
 * outage) carries the statement's parameters (a booking insert's e-mail, phone, address) in its
 * message (`Failed query: …\nparams: v1,v2`) and stack. The values go; the statement and the stack
 * frames after them stay. For log lines, whose other fields are redacted by key (scrubText, for
 * error reports, drops everything after `params:`).
 */
export function scrubQueryParams(text: string): string {
  return text.includes('\nparams: ') ? text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/g, `\nparams: ${CENSOR}`) : text
}

/** Keys whose values error reports never carry, at any depth: the names REDACT_PATHS ends in. */
export const REDACTED_KEYS: ReadonlySet<string> = new Set(REDACT_PATHS.map(lastSegment))

/**
 * Replaces e-mail addresses, phone-like numbers, the tokens in link paths and a database driver's
 * query parameters in free text (a browser's report, an exception message, a breadcrumb).
 */
export function scrubText(text: string): string {
  return (
    redactManageTokens(text)
      .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]')
      // 7 to 15 digits (E.164's most), optionally with + ( ) . - or spaces between them; not part
      // of a word, a version, a line:column, a path or a hyphenated id such as a UUID (so stack
      // positions, hashes and request IDs stay readable).
      .replace(/(?<![\w.:/-])\+?\(?\d(?:[ \t().-]{0,2}\d){6,14}(?![\w-])/g, '[phone]')
      // drizzle's "Failed query: <sql>\nparams: <values>" carries the row being written (names,
      // addresses, e-mail): everything after `params:` goes.
      .replace(/(^|\n)params: [\s\S]*$/, `$1params: ${CENSOR}`)
  )
}

/**
 * Fields of an error-tracking event that are identifiers or settings, never personal data, and
 * must stay exactly as they are (a UUID or a release name can look like a phone or an address).
 */
const VERBATIM_KEYS: ReadonlySet<string> = new Set([
  'event_id',
  'trace_id',
  'span_id',
  'parent_span_id',
  // Request IDs are ours or checked by the server (letters, digits, . _ : -; no @ or +).
  'request_id',
  'x-request-id',
  // Next's digest of a server error: a number the page shows as its "Error reference".
  'digest',
  'release',
  'environment',
  'dist',
  'sdk',
  'debug_meta',
  'sentry.release',
  'sentry.environment',
])

/** Keys that hold a URL or path (requests, breadcrumbs, spans): reported without the query string. */
const URL_KEYS: ReadonlySet<string> = new Set(['url', 'from', 'to', 'request_path', 'http.url', 'url.full', 'http.target'])

/** Keys that hold a query string by itself: not reported at all. */
const QUERY_KEYS: ReadonlySet<string> = new Set(['query_string', 'http.query', 'url.query'])

const MAX_DEPTH = 12

/**
 * A copy of `value` with every key of REDACTED_KEYS replaced by CENSOR, every URL without its
 * query string, no bare query string, and every string passed through scrubText, at any depth
 * (deeper than MAX_DEPTH is cut). Plain JSON-like data in and out.
 */
export function scrubDeep<T>(value: T): T {
  return scrub(value, 0, new WeakSet()) as T
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH || seen.has(value)) return '[cut]'
  seen.add(value)
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || QUERY_KEYS.has(key)) continue
    if (REDACTED_KEYS.has(key.toLowerCase())) out[key] = CENSOR
    else if (VERBATIM_KEYS.has(key)) out[key] = item
    else if (URL_KEYS.has(key) && typeof item === 'string') out[key] = scrubText(withoutQuery(item))
    else out[key] = scrub(item, depth + 1, seen)
  }
  return out
}

/**
 * The request headers an error report may carry: what helps to reproduce a fault, nothing that
 * identifies or authenticates a person (no cookies, authorization, forwarded addresses, referer).
 */
export const REPORTED_REQUEST_HEADERS = ['host', 'user-agent', 'accept', 'content-type', 'content-length', 'x-request-id'] as const

/**
 * What the error-tracking SDK may collect by itself, in its `dataCollection` option (Sentry v11
 * replaced `sendDefaultPii: false` with it, and its defaults collect more): no user, cookie, body,
 * query string, GraphQL document or variables, AI input or output, database values, queue
 * arguments or local variables; only the REPORTED_REQUEST_HEADERS of a request.
 */
export const PRIVATE_DATA_COLLECTION = {
  userInfo: false,
  cookies: false,
  httpHeaders: { request: { allow: [...REPORTED_REQUEST_HEADERS] as string[] }, response: false },
  httpBodies: [] as never[],
  urlQueryParams: false,
  graphQL: { document: false, variables: false },
  genAI: { inputs: false, outputs: false },
  databaseQueryData: false,
  queues: false,
  stackFrameVariables: false,
}

/** The request part of an error-tracking event (Sentry's shape), as far as the scrubbing reads it. */
export interface ReportRequest {
  url?: string
  method?: string
  headers?: Record<string, string>
}

/** An error-tracking event (Sentry's shape, structurally: this layer imports no SDK). */
export interface ErrorReport {
  request?: ReportRequest
  user?: unknown
}

/**
 * What an error-tracking event may carry of the request and the person: the request keeps its
 * method, its URL without the query string, and the REPORTED_REQUEST_HEADERS; cookies, the body,
 * the query string, the environment and the user go; then every remaining value is scrubbed
 * (scrubDeep): names of REDACT_PATHS, e-mail addresses, phone numbers, link tokens.
 */
export function scrubErrorReport<T extends ErrorReport>(event: T): T {
  const { request, user: _user, ...rest } = event
  const out: Record<string, unknown> = { ...rest }
  if (request) {
    const kept: ReportRequest = {}
    if (typeof request.method === 'string') kept.method = request.method
    if (typeof request.url === 'string') kept.url = withoutQuery(request.url)
    if (request.headers && typeof request.headers === 'object') {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) {
        if ((REPORTED_REQUEST_HEADERS as readonly string[]).includes(name.toLowerCase())) headers[name] = value
      }
      kept.headers = headers
    }
    out.request = kept
  }
  return scrubDeep(out) as T
}

/** `https://x.test/a?b=c#d` → `https://x.test/a`: query strings and fragments may carry anything. */
export function withoutQuery(url: string): string {
  return url.split(/[?#]/)[0] ?? ''
}
