/**
 * The storefront's one REST client. Every call has a timeout (AbortSignal); network errors,
 * timeouts and 5xx answers are retried with exponential backoff, but only for requests that are
 * safe to repeat (GET, or a write carrying an Idempotency-Key); a 429 becomes a plain message
 * that uses Retry-After; Payload's error shape is turned into per-field messages.
 * Must never log to the console: callers show `ApiError.message` / `fieldErrors` to the user.
 */

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
  /** Makes a write safe to retry: the server replays the first answer for the same key. */
  idempotencyKey?: string
  timeoutMs?: number
  /** Extra attempts after the first one (retryable requests only). */
  retries?: number
  signal?: AbortSignal
}

export class ApiError extends Error {
  /** HTTP status; 0 when no answer arrived (offline, timeout). */
  readonly status: number
  /** Messages by dotted field path, e.g. `address.zip`, from a 400 answer. */
  readonly fieldErrors: Record<string, string>
  /** Machine reason of a 409 (e.g. `slot_full`). */
  readonly reason?: string
  readonly retryAfterSeconds?: number

  constructor(message: string, opts: { status: number; fieldErrors?: Record<string, string>; reason?: string; retryAfterSeconds?: number }) {
    super(message)
    this.name = 'ApiError'
    this.status = opts.status
    this.fieldErrors = opts.fieldErrors ?? {}
    this.reason = opts.reason
    this.retryAfterSeconds = opts.retryAfterSeconds
  }
}

const DEFAULT_TIMEOUT_MS = 12_000
const DEFAULT_RETRIES = 2

/** Backoff before retry n (1-based): 400 ms, 800 ms, 1.6 s … with ±25% jitter, never over 5 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 400 * 2 ** (attempt - 1)
  return Math.min(5000, Math.round(base * (0.75 + random() * 0.5)))
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}

/** A fresh key for one logical write (kept by the caller across retries and double clicks). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID()
}

/** Retry-After as whole seconds: delay-seconds (decimals rounded up) or an HTTP date (RFC 9110); anything else → undefined. */
export function retryAfterSeconds(header: string | null): number | undefined {
  const value = header?.trim() ?? ''
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value))
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) return undefined
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

interface PayloadErrorBody {
  errors?: { name?: string; message?: string; data?: { reason?: string; errors?: { path?: string; field?: string; message?: string }[] } }[]
}

/** Turns an error answer into an ApiError with a message a customer can act on. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(res.headers.get('Retry-After'))
  if (res.status === 429) {
    const wait = retryAfter ?? 60
    return new ApiError(`Too many requests. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`, { status: 429, retryAfterSeconds: wait })
  }
  let body: PayloadErrorBody = {}
  const text = await res.text()
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object') body = parsed as PayloadErrorBody
  } catch (err) {
    // Not JSON (a proxy's HTML error page): fall through to the generic message for the status.
    if (!(err instanceof SyntaxError)) throw err
  }
  const first = Array.isArray(body.errors) && body.errors[0] && typeof body.errors[0] === 'object' ? body.errors[0] : undefined
  const fieldErrors: Record<string, string> = {}
  const listed = first?.data?.errors
  for (const e of Array.isArray(listed) ? listed : []) {
    if (!e || typeof e !== 'object') continue
    const path = e.path ?? e.field
    if (typeof path === 'string' && typeof e.message === 'string' && !(path in fieldErrors)) fieldErrors[path] = e.message
  }
  const fallback =
    res.status >= 500 ? 'Something went wrong on our side. Please try again in a moment.' : res.status === 404 ? 'We could not find that.' : 'That request could not be completed.'
  const message = first?.message && res.status < 500 ? first.message : fallback
  return new ApiError(message, { status: res.status, fieldErrors, reason: first?.data?.reason, retryAfterSeconds: retryAfter })
}

function isAbortFromCaller(err: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) && err === signal?.reason
}

/**
 * Calls the API and returns the parsed JSON body of a 2xx answer; throws ApiError otherwise.
 * Abort by the caller's signal is re-thrown as is (callers ignore it).
 */
export async function api<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const method = req.method ?? 'GET'
  // Only a request that really carries a key is safe to send again.
  const retryable = method === 'GET' || Boolean(req.idempotencyKey)
  const attempts = 1 + (retryable ? (req.retries ?? DEFAULT_RETRIES) : 0)
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (req.body !== undefined) headers['Content-Type'] = 'application/json'
  if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey

  let lastError: ApiError = new ApiError('The request did not run.', { status: 0 })
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoffMs(attempt - 1), req.signal)
    const timeout = AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
    let res: Response
    let data: unknown
    try {
      res = await fetch(path, {
        method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      })
      // Reading the body is part of the request: a stall or a cut connection here is a network error too.
      if (res.ok) data = res.status === 204 ? undefined : await res.json()
      else lastError = await errorFromResponse(res)
    } catch (err) {
      if (isAbortFromCaller(err, req.signal)) throw err
      if (err instanceof SyntaxError) throw new ApiError('The server sent an answer we could not read. Please try again.', { status: 0 })
      lastError = timeout.aborted
        ? new ApiError('The server took too long to answer. Please check your connection and try again.', { status: 0 })
        : new ApiError('We could not reach the server. Please check your connection and try again.', { status: 0 })
      continue
    }
    if (res.ok) return data as T
    // A 409 "still processing" for the same Idempotency-Key is worth waiting for, too.
    const inProgress = res.status === 409 && lastError.reason === 'idempotency_in_progress'
    if (!(res.status >= 500 || inProgress)) throw lastError
  }
  throw lastError
}
