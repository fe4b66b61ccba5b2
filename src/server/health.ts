/**
 * Readiness checks: each one real (a query, a PING), each bounded by a timeout, run in parallel.
 * The endpoints in src/endpoints/health.ts only call this and map the result to 200/503.
 * A failed check's error text stays on the server (publicChecks, readinessChange): anyone may
 * ask for readiness, and the text can name hosts, ports, database users or migrations.
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

/** What anyone may read of a check: its status, latency and details, never its error text. */
export type PublicCheckResult = Omit<CheckResult, 'error'>

export function publicChecks(checks: Record<string, CheckResult>): Record<string, PublicCheckResult> {
  const out: Record<string, PublicCheckResult> = {}
  for (const [name, { status, latencyMs, details }] of Object.entries(checks)) out[name] = { status, latencyMs, ...(details ? { details } : {}) }
  return out
}

/**
 * The failing checks and their errors when they differ from `previous` (null when they do not):
 * a load balancer asks every few seconds, so the log gets a line when something goes down or
 * comes back, not one per poll. `key` is what to pass as `previous` next time.
 */
export function readinessChange(checks: Record<string, CheckResult>, previous: string): { key: string; down: Record<string, string> } | null {
  const down: Record<string, string> = {}
  for (const [name, result] of Object.entries(checks)) if (result.status === 'down') down[name] = result.error ?? 'down'
  const key = JSON.stringify(down)
  return key === previous ? null : { key, down }
}
