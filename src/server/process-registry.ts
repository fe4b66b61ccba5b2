/**
 * Process-wide state shared between the custom server (loaded by tsx) and the Next.js bundles
 * (compiled separately, so they get their own copies of every module). Anything that must be ONE
 * object per process — the request-context store, the shutting-down flag, the list of resources to
 * close on shutdown — lives on globalThis under a Symbol.for key, never in module scope.
 * Must never hold per-request data itself (that is what the AsyncLocalStorage store is for).
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestContext {
  requestId: string
  /**
   * Headers that code deep inside the request (a Payload hook, an endpoint) wants on the
   * response — rate-limit and idempotency headers. The server adds them before headers go out.
   */
  responseHeaders?: Record<string, string>
}

type Closer = { name: string; close: () => Promise<void> }

interface Registry {
  requestContext: AsyncLocalStorage<RequestContext>
  shuttingDown: boolean
  closers: Map<string, Closer>
}

const KEY = Symbol.for('myhibachi.process-registry')

export function registry(): Registry {
  const g = globalThis as typeof globalThis & { [KEY]?: Registry }
  g[KEY] ??= {
    requestContext: new AsyncLocalStorage<RequestContext>(),
    shuttingDown: false,
    closers: new Map(),
  }
  return g[KEY]
}

/** The current request's context, when called inside one. */
export function currentRequest(): RequestContext | undefined {
  return registry().requestContext.getStore()
}

/** Register a resource to close on shutdown; a second registration under one name replaces the first. */
export function onShutdown(name: string, close: () => Promise<void>): void {
  registry().closers.set(name, { name, close })
}

export function isShuttingDown(): boolean {
  return registry().shuttingDown
}

/** Ask for a header on the current request's response (no-op outside a request). */
export function setResponseHeader(name: string, value: string): void {
  const ctx = currentRequest()
  if (!ctx) return
  ctx.responseHeaders ??= {}
  ctx.responseHeaders[name] = value
}

/**
 * One `T` per process under `name` (on globalThis, under Symbol.for('myhibachi.<name>')), made by
 * `make` the first time: the in-process stores and clients that the server and every Next bundle
 * must share instead of each holding its own copy.
 */
export function processSingleton<T>(name: string, make: () => T): T {
  const key = Symbol.for(`myhibachi.${name}`)
  const g = globalThis as typeof globalThis & { [key: symbol]: unknown }
  if (!(key in g)) g[key] = make()
  return g[key] as T
}
