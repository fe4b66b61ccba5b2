/**
 * The ONE place typed errors become HTTP answers.
 * - Domain ValidationError → Payload's ValidationError (400, `data.errors[]` names each field,
 *   the message names each field once).
 * - Domain ConflictError, and the database refusals a collection names (`DatabaseRefusal`: the
 *   booking triggers and index), → 409 with a reason code and a plain message. Never a 500.
 * - UnavailableError (a feature not set up), Stripe not answering, and the database unreachable or
 *   too slow (src/infra/db-outage.ts: no pool connection within DB_CONNECT_TIMEOUT_MS, a cut
 *   connection, a restart, the statement timeout) → 503 `ServiceUnavailable`, also from the root
 *   afterError hook, so Payload's own routes answer a database outage 503 too. Never a 500.
 * - An email the request had to send that could not go out (src/infra/email.ts: the mail server
 *   down) → 503 `email_unavailable`, from the root afterError hook (Payload sends the sign-up and
 *   password emails itself, inside the request).
 * - NotFound → 404 `NotFound`, Forbidden → 403 `Forbidden` (Payload's own classes, so our 404s and
 *   Payload's carry the same name).
 * - A value PostgreSQL refuses as data (SQLSTATE class 22: NUL in text, a malformed timestamp, an
 *   out-of-range integer) is the caller's bad input that slipped past validation: 400, never 500.
 *   It is a backstop — validation should name the field first — so it is logged as a warning.
 * Used by hooks/endpoints (`toPayloadError`) and by the root `afterError` hook, which sees errors
 * thrown from the database layer — and every error Payload answers, so it is also where a server
 * error (≥ 500, not a deliberate 503) is reported to error tracking (src/server/error-tracking.ts),
 * with the request ID; a refusal (4xx) never is. Which database errors are conflicts is told by
 * the collection that owns the table (`DatabaseRefusal`): this layer knows no table, index or
 * trigger of ours.
 * Error names reach clients from each class's constructor name (Payload's APIError sets
 * `name = this.constructor.name`); next.config.mjs keeps server code unminified so they survive.
 */
import { APIError, Forbidden, NotFound, ValidationError as PayloadValidationError, type AfterErrorHook, type AfterErrorHookArgs, type AfterErrorResult } from 'payload'

import { BODY_PATH, ConflictError, ForbiddenError, NotFoundError, UnavailableError, uniqueIssuePaths, ValidationError, type ConflictReason, type ValidationIssue } from '../domain'
import { databaseUnavailable } from '../infra/db-outage'
import { mailSendFailed } from '../infra/email'
import { stripeUnavailable } from '../infra/stripe'
import { reportServerError } from '../server/error-tracking'
import { logger } from '../server/logger'
import { BodyTooLargeError } from './body'

const log = logger.child({ module: 'payload-errors' })

/** What a request answers when an email it had to send could not go out (503 `email_unavailable`). */
export const EMAIL_UNAVAILABLE_MESSAGE = 'We could not send the email just now. Please try again in a few minutes.'

/** A 409 with a reason code: `{ name: 'ConflictError', message, data: { reason } }`. */
export class HttpConflictError extends APIError {
  constructor(message: string, reason: ConflictReason | string) {
    super(message, 409, { reason }, true)
    this.name = 'ConflictError'
  }
}

/** A 413: the request body is larger than the endpoint accepts (src/http/body.ts). */
export class HttpPayloadTooLargeError extends APIError {
  constructor(maxBytes: number) {
    super(`The request body may be at most ${maxBytes} bytes.`, 413, { maxBytes }, true)
    this.name = 'PayloadTooLarge'
  }
}

/**
 * Node's error for a request whose connection closed before its body ended (an Error "aborted"
 * with code ECONNRESET: http's abortIncoming), or an aborted stream, whoever read the body (our
 * reader in src/http/body.ts or Payload's own). Not a database socket's reset: pg's say "read
 * ECONNRESET" or "Connection terminated unexpectedly".
 */
function isClientAbort(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  return ((err as { code?: unknown }).code === 'ECONNRESET' && err.message === 'aborted') || err.name === 'AbortError'
}

/**
 * 499 (nginx's "client closed request"): the client went away before its body arrived. No one
 * reads this answer; the status keeps it out of the 5xx counts and error reports.
 */
export class HttpClientClosedRequest extends APIError {
  constructor() {
    super('The client closed the connection before the request body arrived.', 499, undefined, true)
    this.name = 'ClientClosedRequest'
  }
}

/** A 503: a feature that is not set up or a provider that did not answer (`data.reason`). */
export class HttpUnavailableError extends APIError {
  constructor(message: string, reason: string) {
    super(message, 503, { reason }, true)
    this.name = 'ServiceUnavailable'
  }
}

/**
 * What a collection knows about its database's refusals: the domain conflict a database error
 * means (a trigger's SQLSTATE, a unique index), or undefined. The collection that owns the table
 * writes it (src/collections/Bookings/databaseErrors.ts); this module never learns table names.
 */
export type DatabaseRefusal = (err: unknown) => ConflictError | undefined

interface PgLikeError {
  code?: string
  constraint?: string
  message?: string
  cause?: unknown
}

/** Finds a Postgres error inside whatever wrapped it (drizzle wraps pg's errors in `cause`). */
export function pgErrorOf(err: unknown): PgLikeError | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as PgLikeError
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e
    current = e.cause
  }
  return undefined
}

function conflictFromDatabase(err: unknown, refusals: readonly DatabaseRefusal[]): HttpConflictError | undefined {
  for (const refusal of refusals) {
    const conflict = refusal(err)
    if (conflict) return new HttpConflictError(conflict.message, conflict.reason ?? 'conflict')
  }
  return undefined
}

/**
 * Payload's ValidationError for our issues. Every issue stays in `data.errors` (in order, so the
 * storefront, which shows the first message per path beside its field, shows the most basic
 * one); the message names each path once — Payload's own would repeat a path per issue.
 */
export function payloadValidationError(issues: readonly ValidationIssue[]): PayloadValidationError {
  const error = new PayloadValidationError({ errors: issues.map((i) => ({ path: i.path, message: i.message })) })
  const paths = uniqueIssuePaths(issues)
  error.message = `${paths.length === 1 ? 'The following field is invalid:' : 'The following fields are invalid:'} ${paths.join(', ')}`
  return error
}

function withMessage<E extends APIError>(error: E, message: string): E {
  error.message = message
  return error
}

/** SQLSTATE class 22, "data exception": PostgreSQL refused a value we sent it. */
function isDataException(err: unknown): boolean {
  const pg = pgErrorOf(err)
  return Boolean(pg?.code?.startsWith('22'))
}

/** The backstop 400 for a value PostgreSQL refused (see the file comment). */
function invalidValueFromDatabase(err: unknown): PayloadValidationError | undefined {
  if (!isDataException(err)) return undefined
  const pg = pgErrorOf(err)
  // Only code and message: the error's query text and parameters would carry the request's PII.
  log.warn({ code: pg?.code, error: pg?.message }, 'the database refused a value that validation let through')
  return payloadValidationError([{ path: BODY_PATH, message: 'The request contains a value that cannot be stored' }])
}

/**
 * The HTTP error for `err`: typed domain errors and a too-large body become Payload's refusals;
 * database errors become the conflicts `refusals` name, or a 400 for a value the database refused.
 * Anything else is returned as it is (Payload answers it 500 and logs it).
 */
export function toPayloadError(err: unknown, refusals: readonly DatabaseRefusal[] = []): unknown {
  if (err instanceof BodyTooLargeError) return new HttpPayloadTooLargeError(err.maxBytes)
  // Never a database outage, though the code is ECONNRESET.
  if (isClientAbort(err)) return new HttpClientClosedRequest()
  if (err instanceof ValidationError) return payloadValidationError(err.issues)
  if (err instanceof ConflictError) return new HttpConflictError(err.message, err.reason ?? 'conflict')
  if (err instanceof NotFoundError) return withMessage(new NotFound(), err.message)
  if (err instanceof ForbiddenError) return withMessage(new Forbidden(), err.message)
  if (err instanceof UnavailableError) return new HttpUnavailableError(err.message, err.reason)
  // Stripe not answering (network, outage, a refused key) is a 503 wherever it happens.
  const stripeDown = stripeUnavailable(err)
  if (stripeDown) return new HttpUnavailableError(stripeDown.message, stripeDown.reason)
  // The database unreachable or too slow: retry later, nothing was decided.
  const databaseDown = databaseUnavailable(err, log)
  if (databaseDown) return new HttpUnavailableError(databaseDown.message, databaseDown.reason)
  // An email the request had to send could not go out (the mail server down): wait and retry.
  if (mailSendFailed(err)) return new HttpUnavailableError(EMAIL_UNAVAILABLE_MESSAGE, 'email_unavailable')
  return conflictFromDatabase(err, refusals) ?? invalidValueFromDatabase(err) ?? err
}

interface ErrorEntry {
  name?: string
  message?: string
  data?: unknown
}

/**
 * Payload's answer with the refusal's name on every entry: Payload only names errors that carry
 * `data` (its NotFound, Forbidden, UnverifiedEmail and AuthenticationError answer a bare
 * message), while the API promises `{ name, message, data }`. Only for refusals (< 500): a 5xx
 * keeps Payload's generic message and says nothing of its cause.
 */
function withNames(error: unknown, result: unknown): { errors: ErrorEntry[] } | undefined {
  if (!(error instanceof APIError) || error.status >= 500) return undefined
  const entries = (result as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(entries) || entries.every((e: ErrorEntry) => typeof e.name === 'string')) return undefined
  return { errors: entries.map((e: ErrorEntry) => ({ name: error.name, ...e })) }
}

/**
 * Root afterError hook, for every error Payload answers: database refusals that escaped a hook
 * still answer 409 (conflicts) or 400 (values the database cannot store), and a database outage
 * 503, not 500; and every refusal names itself (`NotFound`, `Forbidden`…), as the README's error
 * shape promises.
 */
export function mapDatabaseErrors(refusals: readonly DatabaseRefusal[]): AfterErrorHook {
  const mapped = mapError(refusals)
  return (args) => {
    const answer = mapped(args)
    reportIfServerError(args.error, answer?.status, args.graphqlResult)
    return answer
  }
}

/** What an error Payload answers maps to: a new status and body, or undefined (Payload's own). */
/** An afterError answer for `err`: its status, and the API's error shape (`{ errors: [{ name, message, data? }] }`). */
function answerOf(err: APIError): Exclude<AfterErrorResult, void> {
  const data = err.data as Record<string, unknown> | undefined
  return { status: err.status, response: { errors: [{ name: err.name, message: err.message, ...(data === undefined ? {} : { data }) }] } }
}

function mapError(refusals: readonly DatabaseRefusal[]): (args: AfterErrorHookArgs) => Exclude<AfterErrorResult, void> | undefined {
  return ({ error, result }) => {
    const conflict = conflictFromDatabase(error, refusals)
    if (conflict) return answerOf(conflict)
    // Payload copies a request body recursively before any hook of ours sees it: a body nested tens
    // of thousands deep overflows the stack there. The caller's mistake, so a 400 on the body.
    if (error instanceof RangeError && /maximum call stack/i.test(error.message)) {
      return answerOf(payloadValidationError([{ path: BODY_PATH, message: 'The body is nested too deeply' }]))
    }
    // A client gone mid-body on one of Payload's own routes (Payload reads the body itself): not
    // a database outage, though its code is ECONNRESET; no one reads the answer.
    if (isClientAbort(error)) return answerOf(new HttpClientClosedRequest())
    // An email the request had to send (sign-up's confirmation, a password link) could not go out:
    // the mail server is down, which the caller can only wait out. Payload rolls the write back.
    if (mailSendFailed(error)) return answerOf(new HttpUnavailableError(EMAIL_UNAVAILABLE_MESSAGE, 'email_unavailable'))
    const databaseDown = error instanceof APIError ? undefined : databaseUnavailable(error, log)
    if (databaseDown) return answerOf(new HttpUnavailableError(databaseDown.message, databaseDown.reason))
    const invalid = invalidValueFromDatabase(error)
    if (invalid) return answerOf(invalid)
    const named = withNames(error, result)
    return named ? { response: named as unknown as Record<string, unknown> } : undefined
  }
}

/**
 * The status Payload answers for `error` unless a hook changed it (routeError: `err.status ||
 * 500`; GraphQL: the original error's). A deliberate 503 (HttpUnavailableError: a feature not set
 * up, Stripe not answering) is an answer we mean, not a fault, and is not reported.
 */
function answeredStatus(error: unknown, graphqlResult?: unknown): number {
  const fromGraphql = (graphqlResult as { extensions?: { statusCode?: unknown } } | undefined)?.extensions?.statusCode
  if (typeof fromGraphql === 'number') return fromGraphql
  const status = (error as { status?: unknown } | undefined)?.status
  return typeof status === 'number' && status > 0 ? status : 500
}

/** Server errors (≥ 500) go to error tracking with the request ID; refusals (4xx) never do. */
function reportIfServerError(error: unknown, mappedStatus: number | undefined, graphqlResult: unknown): void {
  const status = mappedStatus ?? answeredStatus(error, graphqlResult)
  if (status < 500 || error instanceof HttpUnavailableError) return
  // GraphQL wraps what a resolver threw: the original error is the one worth a stack.
  const original = (error as { originalError?: unknown } | undefined)?.originalError ?? error
  if (original instanceof HttpUnavailableError) return
  reportServerError(original, { status, source: graphqlResult === undefined ? 'api' : 'graphql' })
}
