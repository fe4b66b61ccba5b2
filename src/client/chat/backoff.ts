/**
 * When the chat widget tries its WebSocket again after losing it: "full jitter" exponential
 * backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"). The n-th retry in a row
 * waits a random time in [0, min(cap, base · 2^n)), so a server restart that drops every
 * visitor at once is not answered by every browser at the same instant. The count of retries
 * starts over once a connection has stayed open for a stable minute: a connection that works for
 * an hour and then drops retries quickly, one that drops right after opening keeps backing off.
 *
 * Pure: the random source and the clock are injected (tests pass their own). No timers here; the
 * caller schedules the wait.
 */

export interface BackoffOptions {
  /** First retry's upper bound, in ms (default 500). */
  baseMs?: number
  /** Largest wait, in ms (default 30 s). */
  capMs?: number
  /** How long a connection must stay open for the count to start over, in ms (default 60 s). */
  stableMs?: number
  /** A number in [0, 1), like Math.random (the default). */
  random?: () => number
  /** Milliseconds since some fixed point, like Date.now (the default). */
  now?: () => number
}

export const BACKOFF_DEFAULTS = { baseMs: 500, capMs: 30_000, stableMs: 60_000 } as const

/** Past this, base · 2^attempt is far above any sensible cap; stops the power from overflowing. */
const MAX_EXPONENT = 30

/** The upper bound of the `attempt`-th wait (0-based): min(cap, base · 2^attempt). */
export function backoffCeiling(attempt: number, baseMs: number = BACKOFF_DEFAULTS.baseMs, capMs: number = BACKOFF_DEFAULTS.capMs): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), MAX_EXPONENT)
  return Math.min(capMs, baseMs * 2 ** exponent)
}

/**
 * The `attempt`-th wait (0-based), in whole ms: random(0, ceiling). A random source that strays
 * outside [0, 1) is clamped, so the result is always within [0, ceiling).
 */
export function fullJitterDelay(attempt: number, random: () => number, baseMs: number = BACKOFF_DEFAULTS.baseMs, capMs: number = BACKOFF_DEFAULTS.capMs): number {
  const ceiling = backoffCeiling(attempt, baseMs, capMs)
  const r = random()
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0
  return Math.floor(unit * ceiling)
}

/** The retry count of one connection, and the next wait. */
export class Backoff {
  readonly #baseMs: number
  readonly #capMs: number
  readonly #stableMs: number
  readonly #random: () => number
  readonly #now: () => number
  #attempt = 0
  #openedAt: number | null = null

  constructor(options: BackoffOptions = {}) {
    this.#baseMs = options.baseMs ?? BACKOFF_DEFAULTS.baseMs
    this.#capMs = options.capMs ?? BACKOFF_DEFAULTS.capMs
    this.#stableMs = options.stableMs ?? BACKOFF_DEFAULTS.stableMs
    this.#random = options.random ?? Math.random
    this.#now = options.now ?? Date.now
  }

  /** How many waits were handed out since the count last started over. */
  get attempt(): number {
    return this.#attempt
  }

  /** The connection opened: if it stays open for a stable minute, the next wait starts the count over. */
  opened(): void {
    this.#openedAt = this.#now()
  }

  /**
   * The connection is gone: how long to wait before the next try. `minAttempt` raises the count
   * to at least that many (a server that said "too many" or "too fast" is not retried within the
   * first half second even after a stable connection).
   */
  next(minAttempt = 0): number {
    if (this.#openedAt !== null && this.#now() - this.#openedAt >= this.#stableMs) this.#attempt = 0
    this.#openedAt = null
    this.#attempt = Math.max(this.#attempt, minAttempt)
    const delay = fullJitterDelay(this.#attempt, this.#random, this.#baseMs, this.#capMs)
    this.#attempt = Math.min(this.#attempt + 1, MAX_EXPONENT)
    return delay
  }

  /** Starts the count over (the visitor asked to try again, or the network came back). */
  reset(): void {
    this.#attempt = 0
    this.#openedAt = null
  }
}
