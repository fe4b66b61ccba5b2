/**
 * The HTTP server around a request handler (Next's, in src/server.ts): request IDs, request
 * context for logs, the one place every response is timed (access log, `onRequestEnd` for the
 * metrics), and graceful shutdown.
 *
 * Every request gets an ID — the caller's `X-Request-ID` when it is a sane token, a new UUID
 * otherwise — returned as `x-request-id` on every response (set before the handler runs, so
 * Payload's REST answers and errors carry it too), and present on every log line written while the
 * request is handled (AsyncLocalStorage in the process registry).
 *
 * Shutdown (SIGTERM/SIGINT): readiness turns 503 (the shutting-down flag) and every response from
 * then on carries `Connection: close`; for `drainMs` the server keeps accepting and serving, so a
 * load balancer has time to see the 503 and stop sending before anything is refused (and
 * keep-alive clients leave on a response instead of having an idle socket closed under a request
 * they are just sending); then the listener closes (no new connections), in-flight requests finish
 * (bounded by `shutdownTimeoutMs`, after which the remaining connections are cut), idle keep-alive
 * sockets close, then registered resources (DB pool, Redis, Next) close. Must never drop a
 * request that was already being handled before the bound.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

import type { Logger } from 'pino'

import { registry, type RequestContext } from './process-registry'
import { redactManageTokens } from '../domain/redact'
import { withTimeout } from './timeout'

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return value && REQUEST_ID.test(value) ? value : randomUUID()
}

export interface GracefulServer {
  server: Server
  listen: () => Promise<void>
  shutdown: (reason: string) => Promise<{ forced: boolean }>
}

export interface GracefulServerOptions {
  port: number
  host: string
  shutdownTimeoutMs: number
  /**
   * How long the server goes on accepting and serving after the signal, readiness 503, before it
   * closes the listener (SHUTDOWN_DRAIN_MS; 0: close at once).
   */
  drainMs?: number
  log: Logger
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void
  /** Paths not written to the access log at info level (health probes). */
  quietPaths?: string[]
  /**
   * Called once per request when its response is done (or the client went away), with the time
   * since it arrived: the HTTP metrics (src/infra/metrics.ts `observeHttpRequest`). A throw is
   * logged, never passed on.
   */
  onRequestEnd?: (req: IncomingMessage, res: ServerResponse, seconds: number) => void
  /**
   * Called with an error the handler threw (answered 500 here): error tracking
   * (src/server/error-tracking.ts `reportServerError`). A throw is logged, never passed on.
   */
  onError?: (err: unknown, requestId: string) => void
}

export function createGracefulServer(opts: GracefulServerOptions): GracefulServer {
  const { log } = opts
  const inFlight = new Set<ServerResponse>()
  let drained: (() => void) | undefined
  let shutdownPromise: Promise<{ forced: boolean }> | undefined
  let closing = false

  const server = createServer((req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id'])
    res.setHeader('x-request-id', requestId)
    if (registry().shuttingDown) res.setHeader('Connection', 'close')
    inFlight.add(res)
    const started = performance.now()
    res.on('close', () => {
      inFlight.delete(res)
      const elapsedMs = performance.now() - started
      if (opts.onRequestEnd) {
        try {
          opts.onRequestEnd(req, res, elapsedMs / 1000)
        } catch (err) {
          log.error({ err, requestId }, 'recording the request metrics failed')
        }
      }
      const path = (req.url ?? '').split('?')[0] ?? ''
      const line = { requestId, method: req.method, path: redactManageTokens(path), status: res.statusCode, ms: Math.round(elapsedMs) }
      if (opts.quietPaths?.some((p) => path.startsWith(p))) log.debug(line, 'request')
      else log.info(line, 'request')
      // Once the listener is closing (after the drain), idle keep-alive sockets go as soon as they are
      // idle. Not during the drain: a client may be sending its next request on one right now.
      if (closing) {
        server.closeIdleConnections()
        if (inFlight.size === 0) drained?.()
      }
    })
    const context: RequestContext = { requestId }
    // Headers asked for deep inside the request (rate limits, idempotency) go out with the head.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse
    res.writeHead = ((...args: unknown[]) => {
      for (const [name, value] of Object.entries(context.responseHeaders ?? {})) {
        if (!res.hasHeader(name)) res.setHeader(name, value)
      }
      return writeHead(...args)
    }) as ServerResponse['writeHead']
    registry().requestContext.run(context, () => {
      Promise.resolve(opts.handler(req, res)).catch((err: unknown) => {
        log.error({ err, requestId }, 'unhandled error in request handler')
        try {
          opts.onError?.(err, requestId)
        } catch (reportErr) {
          log.error({ err: reportErr, requestId }, 'reporting the request error failed')
        }
        if (!res.headersSent) {
          res.statusCode = 500
          res.setHeader('Content-Type', 'application/json')
          res.end(JSON.stringify({ errors: [{ message: 'Something went wrong on our side.', requestId }] }))
        } else {
          res.destroy()
        }
      })
    })
  })
  // Slow-loris protection and keep-alive shorter than typical load-balancer idle timeouts' complement.
  server.headersTimeout = 20_000
  server.requestTimeout = 60_000
  server.keepAliveTimeout = 65_000

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(opts.port, opts.host, () => {
        server.off('error', reject)
        resolve()
      })
    })

  const shutdown = (reason: string) => {
    shutdownPromise ??= (async () => {
      registry().shuttingDown = true
      const drainMs = opts.drainMs ?? 0
      if (drainMs > 0) {
        log.info({ reason, drainMs, inFlight: inFlight.size }, 'shutting down: readiness 503, still serving while the load balancer notices')
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
        await new Promise((resolve) => setTimeout(resolve, drainMs))
      }
      log.info({ reason, inFlight: inFlight.size }, 'shutting down: refusing new connections, finishing requests in flight')
      closing = true
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const allDone = inFlight.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve))
      let forced = false
      await withTimeout(allDone, opts.shutdownTimeoutMs, 'draining requests').catch(() => {
        forced = true
        log.warn({ inFlight: inFlight.size }, 'shutdown bound reached: cutting the remaining connections')
      })
      server.closeAllConnections()
      // Upgraded sockets (WebSockets) are not HTTP connections: closeAllConnections leaves them,
      // and their owners close them through the registered closers below. Do not wait on them here.
      await withTimeout(closed, 2_000, 'closing the listener').catch(() => {
        server.getConnections((err, count) => log.warn({ err, count }, 'listener still has open sockets; continuing shutdown'))
      })
      for (const closer of [...registry().closers.values()].reverse()) {
        await withTimeout(closer.close(), 5_000, `closing ${closer.name}`).then(
          () => log.info({ resource: closer.name }, 'closed'),
          (err: unknown) => log.error({ err, resource: closer.name }, 'could not close cleanly'),
        )
      }
      log.info({ forced }, 'shutdown complete')
      return { forced }
    })()
    return shutdownPromise
  }

  return { server, listen, shutdown }
}
