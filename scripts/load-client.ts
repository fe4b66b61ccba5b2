/**
 * The small HTTP client behind `npm run faults`: one request at a time per worker, over node:http
 * with an agent of the caller's choosing (keep-alive or not), each outcome classified the way the
 * fault checks need it — an answer (with its status and time), a connection the server refused
 * before anything was sent (ECONNREFUSED: the listener was closed), a failure after the request
 * was sent (reset, hang-up, a cut-off body) or no answer within the client's timeout (a hang).
 * Loopback only; never retries (a retry would hide exactly what is being measured).
 */
import http from 'node:http'

export type OutcomeKind = 'answered' | 'refused' | 'failed' | 'timeout'

export interface Outcome {
  route: string
  /** The caller's label for this one request (e.g. the booking's email), when given. */
  id?: string
  kind: OutcomeKind
  status: number
  /** ms from send to the end of the body (or the error). */
  ms: number
  startedAt: number
  endedAt: number
  body: string
  headers: http.IncomingHttpHeaders
  /** The error code or message, when not answered. */
  error?: string
  /** The request went out on a kept-alive socket that had served an earlier request. */
  reusedSocket: boolean
}

export interface RequestSpec {
  route: string
  method?: string
  path: string
  body?: unknown
  headers?: Record<string, string>
  id?: string
}

export function request(base: string, spec: RequestSpec, opts: { agent?: http.Agent | false; timeoutMs?: number } = {}): Promise<Outcome> {
  const url = new URL(spec.path, base)
  const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body)
  const startedAt = Date.now()
  return new Promise<Outcome>((resolve) => {
    let settled = false
    const finish = (o: Omit<Outcome, 'route' | 'id' | 'startedAt' | 'endedAt' | 'ms' | 'reusedSocket'>) => {
      if (settled) return
      settled = true
      const endedAt = Date.now()
      resolve({ route: spec.route, id: spec.id, startedAt, endedAt, ms: endedAt - startedAt, reusedSocket: req.reusedSocket, ...o })
    }
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: spec.method ?? 'GET',
        agent: opts.agent ?? false,
        headers: { ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) }), ...spec.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => finish({ kind: 'answered', status: res.statusCode ?? 0, body, headers: res.headers }))
        res.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'failed', status: res.statusCode ?? 0, body, headers: res.headers, error: err.code ?? err.message }))
        res.on('aborted', () => finish({ kind: 'failed', status: res.statusCode ?? 0, body, headers: res.headers, error: 'response aborted' }))
      },
    )
    req.setTimeout(opts.timeoutMs ?? 60_000, () => {
      finish({ kind: 'timeout', status: 0, body: '', headers: {}, error: 'timeout' })
      req.destroy()
    })
    req.on('error', (err: NodeJS.ErrnoException) => {
      const refused = err.code === 'ECONNREFUSED'
      finish({ kind: refused ? 'refused' : 'failed', status: 0, body: '', headers: {}, error: err.code ?? err.message })
    })
    req.end(payload)
  })
}

/**
 * Runs `workers` loops, each sending `next(i)` (i counts every request across workers) one at a
 * time until `running()` turns false or `next` returns undefined; every outcome is collected.
 */
export async function runWorkers(workers: number, running: () => boolean, next: (i: number) => (() => Promise<Outcome>) | undefined, pauseMs = 0): Promise<Outcome[]> {
  const out: Outcome[] = []
  let i = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (running()) {
        const send = next(i++)
        if (!send) return
        out.push(await send())
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
      }
    }),
  )
  return out
}

/** A distinct client address per request for X-Forwarded-For (the server trusts one proxy hop). */
export function fakeIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}`
}

/** `status×count` pairs, lowest status first (0 = no answer). */
export function statusSummary(outcomes: readonly Outcome[]): string {
  const counts = new Map<string, number>()
  for (const o of outcomes) {
    const key = o.kind === 'answered' ? String(o.status) : o.kind === 'refused' ? 'refused' : `${o.kind}:${o.error ?? ''}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}×${n}`).join(' ') || 'none'
}
