/**
 * Readiness checks: each one real (a query, a PING), each bounded by a timeout, run in parallel.
 * The endpoints in src/endpoints/health.ts only call this and map the result to 200/503.
 */
import { withTimeout } from './timeout'

export type CheckStatus = 'up' | 'down' | 'skipped'
export interface CheckResult {
  status: CheckStatus
  latencyMs: number
  error?: string
  details?: Record<string, unknown>
}
/** A check resolves (optionally with details) when healthy and rejects when not. */
export type Check = () => Promise<Record<string, unknown> | undefined>

export async function runChecks(
  checks: Record<string, Check | null>,
  timeoutMs: number,
): Promise<{ ok: boolean; checks: Record<string, CheckResult> }> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      if (!check) return [name, { status: 'skipped', latencyMs: 0 }]
      const started = performance.now()
      try {
        const details = await withTimeout(check(), timeoutMs, name)
        const latencyMs = Math.round(performance.now() - started)
        return [name, { status: 'up', latencyMs, ...(details ? { details } : {}) }]
      } catch (err) {
        const latencyMs = Math.round(performance.now() - started)
        return [name, { status: 'down', latencyMs, error: err instanceof Error ? err.message : String(err) }]
      }
    }),
  )
  const results = Object.fromEntries(entries)
  return { ok: entries.every(([, r]) => r.status !== 'down'), checks: results }
}
