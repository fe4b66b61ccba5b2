/**
 * One request from the admin panel to our own API (the payment endpoints, the inbox endpoints,
 * Payload's PATCH of a thread), with the staff member's session cookie. Never retried here: each
 * call is one deliberate click; the refund and the inbox reply rely on an Idempotency-Key instead. The answer is handed back as data (never thrown) so the panel can
 * show it: the parsed body of a 2xx, or the server's message and per-field messages
 * (`{ errors: [{ message, data: { errors: [{ path, message }] } }] }`), or status 0 when no
 * answer arrived (offline, timeout) and the outcome is unknown.
 */

export type StaffPostResult = { ok: true; status: number; body: unknown } | { ok: false; status: number; message: string; fieldErrors: Record<string, string> }

const TIMEOUT_MS = 30_000

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    // Not JSON (an HTML error page from a proxy): the caller words the failure by its status.
    if (err instanceof SyntaxError) return undefined
    throw err
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The first error's message and its field messages, from Payload's error shape. */
function describeError(status: number, body: unknown): { message: string; fieldErrors: Record<string, string> } {
  const first = isRecord(body) && Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : undefined
  const fieldErrors: Record<string, string> = {}
  const listed = first && isRecord(first.data) && Array.isArray(first.data.errors) ? first.data.errors : []
  for (const e of listed) {
    if (!isRecord(e)) continue
    const path = typeof e.path === 'string' ? e.path : typeof e.field === 'string' ? e.field : undefined
    if (path && typeof e.message === 'string' && !(path in fieldErrors)) fieldErrors[path] = e.message
  }
  if (first && typeof first.message === 'string' && first.message.trim() !== '') return { message: first.message, fieldErrors }
  if (status === 401) return { message: 'Your session has ended. Sign in again.', fieldErrors }
  if (status === 403) return { message: 'Your role may not do this.', fieldErrors }
  if (status === 429) return { message: 'Too many requests. Wait a minute and try again.', fieldErrors }
  return { message: `The server refused (HTTP ${status}).`, fieldErrors }
}

export function staffPost(url: string, body: unknown, opts: { idempotencyKey?: string } = {}): Promise<StaffPostResult> {
  return staffRequest('POST', url, body, opts)
}

export async function staffRequest(method: 'POST' | 'PATCH', url: string, body: unknown, opts: { idempotencyKey?: string } = {}): Promise<StaffPostResult> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey
  let res: Response
  let text: string
  try {
    res = await fetch(url, { method, headers, body: JSON.stringify(body ?? {}), credentials: 'include', cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) })
    text = await res.text()
  } catch (err) {
    const timedOut = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')
    return {
      ok: false,
      status: 0,
      message: timedOut ? 'The server did not answer in time.' : 'The server could not be reached (network error).',
      fieldErrors: {},
    }
  }
  const parsed = parseJson(text)
  if (res.ok) return { ok: true, status: res.status, body: parsed }
  return { ok: false, status: res.status, ...describeError(res.status, parsed) }
}
