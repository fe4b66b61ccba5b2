/**
 * The metrics listener: a small http server of its own on METRICS_PORT (bound to METRICS_HOST,
 * loopback by default), apart from the public server, answering `GET /metrics` with the
 * Prometheus exposition that `render` produces (src/infra/metrics.ts `renderMetrics`, wired in
 * src/server.ts). With a token, a scrape must send `Authorization: Bearer <token>` (401 otherwise,
 * compared in constant time).
 * Must never be reachable through the public listener, never log the token, and never let a slow
 * or failed render hang a scrape: the render bounds its own database work, and a failure is a 500.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Logger } from 'pino'

export interface MetricsServerOptions {
  port: number
  host: string
  /** When set, scrapes must send it as a bearer token. */
  token?: string
  log: Logger
  render: () => Promise<{ contentType: string; body: string }>
}

export interface MetricsServer {
  server: Server
  /** Opens the listener; resolves with the port it got (useful with port 0). */
  listen: () => Promise<number>
  /** Stops listening and closes every connection (keep-alive scrapers included). */
  close: () => Promise<void>
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/** Whether the request carries `Authorization: Bearer <token>`; constant time in the token. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  // Comparing digests keeps the comparison length-independent (timingSafeEqual needs equal lengths).
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token))
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(text)
}

export function createMetricsServer(opts: MetricsServerOptions): MetricsServer {
  const { log } = opts

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics') return answer(res, 404, 'Not found: scrape /metrics\n')
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' })
    if (opts.token !== undefined && !hasBearerToken(req.headers.authorization, opts.token)) {
      return answer(res, 401, 'Unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n', { 'WWW-Authenticate': 'Bearer realm="metrics"' })
    }
    const { contentType, body } = await opts.render()
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'rendering the metrics failed')
      if (!res.headersSent) answer(res, 500, 'Could not render the metrics\n')
      else res.destroy()
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000

  const listen = () =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject)
        resolve((server.address() as AddressInfo).port)
      })
    })

  const close = () =>
    new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve()
      server.close((err) => (err ? reject(err) : resolve()))
      server.closeAllConnections()
    })

  return { server, listen, close }
}
