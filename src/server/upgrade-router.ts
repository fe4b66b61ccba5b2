/**
 * The one place WebSocket upgrades are routed (src/server.ts attaches `dispatchUpgrades` to the
 * http server's `upgrade` event; nothing else may listen there).
 *
 * Why: Next 16, given `httpServer`, adds its own `upgrade` listener on the first request
 * (NextCustomServer.setupWebSocketHandler in node_modules/next/dist/server/next.js), and a second
 * listener answering the same handshake breaks HMR ("Error during WebSocket handshake" on
 * /_next/hmr). So Next gets a stand-in server that only records its listener
 * (`createNextUpgradeStandIn`), and the routing table below decides who answers each path:
 *   /_next/*   → Next's recorded listener (dev HMR; no route in production)
 *   /ws/chat   → the chat WebSocket server (src/chat/server.ts); 503 until it has started
 *   anything else → an HTTP error written on the raw socket, then the socket is destroyed.
 * Must never let two handlers touch one socket, and never leave an unrouted socket open.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'

import type { Logger } from 'pino'

export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void

export interface UpgradeRoute {
  /** Shown in logs. */
  name: string
  /** Does this route own the request's path (no query string)? */
  matches: (pathname: string) => boolean
  /**
   * Who answers. undefined = the path is reserved but nobody serves it right now (the chat slot
   * before the chat exists, Next's HMR before Next recorded its listener): answered `unavailable`.
   */
  handler: () => UpgradeListener | undefined
  /** Status for a reserved path without a handler (default 404). */
  unavailable?: 404 | 503
}

export type UpgradeDecision = { kind: 'route'; route: UpgradeRoute; listener: UpgradeListener } | { kind: 'reject'; status: 400 | 404 | 503; route?: string }

/** The path of an upgrade request's URL, or undefined when the URL is unusable. */
export function upgradePath(url: string | undefined): string | undefined {
  if (!url?.startsWith('/')) return undefined
  const path = url.split('?', 1)[0] ?? ''
  // A path that cannot be decoded, or that climbs out with dot segments, never reaches a handler.
  try {
    if (decodeURIComponent(path).split('/').some((s) => s === '..')) return undefined
  } catch {
    return undefined
  }
  return path
}

/** Which route answers `url` — the first match in table order — or the status to refuse it with. */
export function routeUpgrade(url: string | undefined, routes: readonly UpgradeRoute[]): UpgradeDecision {
  const path = upgradePath(url)
  if (path === undefined) return { kind: 'reject', status: 400 }
  const route = routes.find((r) => r.matches(path))
  if (!route) return { kind: 'reject', status: 404 }
  const listener = route.handler()
  if (!listener) return { kind: 'reject', status: route.unavailable ?? 404, route: route.name }
  return { kind: 'route', route, listener }
}

const REASONS: Record<400 | 404 | 503, string> = { 400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable' }

/** Answers a refused upgrade with a plain HTTP response on the raw socket, then destroys it. */
export function refuseUpgrade(socket: Duplex, status: 400 | 404 | 503): void {
  if (socket.destroyed) return
  // Like the ws library's abortHandshake: end with a real status line (a browser reports a bare
  // close as a handshake error without a reason), and destroy once it is flushed.
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Length: 0\r\n${status === 503 ? 'Retry-After: 1\r\n' : ''}\r\n`)
}

/** The `upgrade` listener for the real server: routes each upgrade by the table, or refuses it. */
export function dispatchUpgrades(routes: readonly UpgradeRoute[], log: Logger, isShuttingDown: () => boolean = () => false): UpgradeListener {
  return (req, socket, head) => {
    // A socket error after the handshake belongs to its handler; before, it must not crash the process.
    socket.on('error', (err) => log.debug({ err, path: upgradePath(req.url) }, 'upgrade socket error'))
    if (isShuttingDown()) {
      refuseUpgrade(socket, 503)
      return
    }
    const decision = routeUpgrade(req.url, routes)
    if (decision.kind === 'reject') {
      log.debug({ path: upgradePath(req.url) ?? '(invalid)', status: decision.status, route: decision.route }, 'upgrade refused')
      refuseUpgrade(socket, decision.status)
      return
    }
    try {
      decision.listener(req, socket, head)
    } catch (err) {
      log.error({ err, route: decision.route.name }, 'upgrade handler threw')
      socket.destroy()
    }
  }
}

/**
 * What Next is given as `httpServer`: records the `upgrade` listener Next adds, attaches nothing
 * to the real server. Next 16.4 calls only `on('upgrade', fn)` on it (its sole use of
 * `options.httpServer`, in NextCustomServer.setupWebSocketHandler); any other call throws, so a
 * Next upgrade that starts using more of the server fails loudly instead of half-working.
 */
export function createNextUpgradeStandIn(log: Logger): { httpServer: Server; listener: () => UpgradeListener | undefined } {
  let recorded: UpgradeListener | undefined
  const standIn = {
    on(event: string, fn: UpgradeListener) {
      if (event !== 'upgrade') throw new Error(`Next attached a '${event}' listener to the stand-in server; only 'upgrade' is routed (see src/server/upgrade-router.ts)`)
      if (recorded) log.warn('Next attached a second upgrade listener; the newest one is used')
      recorded = fn
      return standIn
    },
  }
  // The stand-in implements the one method Next calls; the cast is what `next({ httpServer })` types.
  return { httpServer: standIn as unknown as Server, listener: () => recorded }
}

/** Next's own paths: dev HMR (`/_next/hmr`) and any other `/_next/` upgrade Next wants to answer. */
export const isNextPath = (path: string): boolean => path.startsWith('/_next/')

/** The storefront chat's WebSocket path. */
export const CHAT_PATH = '/ws/chat'
export const isChatPath = (path: string): boolean => path === CHAT_PATH
