/**
 * Captures what the process's root logger (src/server/logger.ts) writes, for integration tests that
 * check a log line (level, module, request ID, redaction). Swaps the root's destination stream
 * through `pino.symbols.streamSym` — child loggers made with `logger.child({ module })` read the
 * stream from their parent — and puts the original back on `restore()`. Test-only: production
 * code and its configuration are untouched. Lines below the level a module's child logger had
 * when it was created are not written, so not captured.
 */
import { Writable } from 'node:stream'

import pino from 'pino'

import { logger } from '../../src/server/logger'

export interface CapturedLogs {
  lines: Record<string, unknown>[]
  restore: () => void
}

export function captureLogs(): CapturedLogs {
  const lines: Record<string, unknown>[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  // pino keeps its destination under a symbol it exports for exactly this kind of integration.
  const root = logger as unknown as Record<symbol, unknown>
  const original = root[pino.symbols.streamSym]
  root[pino.symbols.streamSym] = sink
  return {
    lines,
    restore: () => {
      root[pino.symbols.streamSym] = original
    },
  }
}
