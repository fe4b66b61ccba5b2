/**
 * The one pino root logger. JSON in production, human-readable in development (or LOG_PRETTY).
 * Every line written while a request is being handled carries that request's ID (read from the
 * AsyncLocalStorage store in the process registry). Secrets and PII are redacted by configuration
 * here, not by care at call sites. Modules use `logger.child({ module: 'name' })`.
 * Must never be bypassed with console.*.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import pretty from 'pino-pretty'

import { CENSOR, REDACT_PATHS, scrubQueryParams } from '../domain/redact'
import { currentRequest } from './process-registry'

// The one list of what a log line never carries; error reports reuse it (src/domain/redact.ts).
export { REDACT_PATHS }

/** pino's error serializer, then a failed query's parameters out of the message and stack (scrubQueryParams). */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>
  if (!out || typeof out !== 'object') return out
  for (const key of ['message', 'stack', 'msg']) if (typeof out[key] === 'string') out[key] = scrubQueryParams(out[key] as string)
  if ('params' in out) out.params = CENSOR
  return out
}

/** The object with scrubQueryParams applied to each of its own string values (a copy only when one changed). */
function scrubStrings(fields: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue
    const clean = scrubQueryParams(value)
    if (clean !== value) (out ??= { ...fields })[key] = clean
  }
  return out ?? fields
}

/** `{ err: Error }` with no msg of its own. */
function isErrorHolder(value: unknown): value is { err: Error } {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && (value as { err?: unknown }).err instanceof Error && typeof (value as { msg?: unknown }).msg !== 'string'
}

export function createLogger(opts: { level?: string; pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    base: { service: 'myhibachi' },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { err: serializeError },
    hooks: {
      // Payload repeats a failed query's message (parameters included) as the line's msg.
      logMethod(args, method) {
        const scrubbed: unknown[] = args.map((a: unknown) => {
          if (typeof a === 'string') return scrubQueryParams(a)
          // Every top-level string, not only msg: a call site that logs an error's message or stack
          // under a name of its own (`error`, `stack`) is scrubbed like the `err` serializer's output.
          if (a && typeof a === 'object' && !(a instanceof Error)) return scrubStrings(a as Record<string, unknown>)
          return a
        })
        // `log.error(err)` or `log.error({ err })` alone (Payload's logError): pino takes the line's
        // msg from the error's own message, past the hook, so the scrubbed message is given as msg.
        const [first] = args
        if (args.length === 1 && first instanceof Error) scrubbed.push(scrubQueryParams(first.message))
        else if (args.length === 1 && isErrorHolder(first)) scrubbed.push(scrubQueryParams(first.err.message))
        return method.apply(this, scrubbed as Parameters<typeof method>)
      },
    },
    mixin() {
      const ctx = currentRequest()
      return ctx ? { requestId: ctx.requestId } : {}
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  }
  if (opts.destination) return pino(options, opts.destination)
  if (opts.pretty) {
    // A synchronous stream, not a worker-thread transport: transports cannot be resolved from
    // inside the Next.js bundles.
    return pino(options, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }))
  }
  return pino(options)
}

const KEY = Symbol.for('myhibachi.logger')

/**
 * The root logger, one per process (stored on globalThis so the server and the Next bundles share
 * it). Level and format come from LOG_LEVEL / LOG_PRETTY / NODE_ENV; read directly here because the
 * logger must exist before (and to report) environment validation.
 */
function root(): Logger {
  const g = globalThis as typeof globalThis & { [KEY]?: Logger }
  if (!g[KEY]) {
    const production = process.env.NODE_ENV === 'production'
    g[KEY] = createLogger({
      level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
      pretty: process.env.LOG_PRETTY === 'true' || (!production && process.env.LOG_PRETTY !== 'false'),
    })
  }
  return g[KEY]
}

export const logger: Logger = root()
