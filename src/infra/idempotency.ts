/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first response to a
 * (scope, key) is kept for IDEMPOTENCY_TTL_SECONDS (24 h) — in Redis when REDIS_URL is set
 * (shared by all instances), otherwise, or while Redis is unreachable, in process memory.
 *
 *   begin() → 'new'         first time: the caller runs the request, then complete() or abandon()
 *           → 'replay'      same key, same body, finished: the stored response
 *           → 'mismatch'    same key, different body (→ 422)
 *           → 'in_progress' same key while the first is still running (→ 409)
 * The claim is one atomic SET NX, so two instances can never both START the same key at once.
 * Must never store a 5xx: the caller abandons, and the client may retry with the same key.
 *
 * The claim is a LEASE of IDEMPOTENCY_LEASE_SECONDS (30 s), not the 24-hour TTL: if the process
 * dies between claim and answer, the key is usable again once the lease runs out, instead of
 * answering 409 for a day. Only the finished answer is kept for the full TTL. Consequences, by
 * design:
 * - A request that runs longer than its lease still stores its answer: complete() writes whether
 *   or not the lease is still held.
 * - After the lease runs out, a retry with the same key and body runs again ('new') even if the
 *   first run is merely slow rather than dead. Two runs of one booking request are safe because
 *   the database has the last word: one non-cancelled booking per email and date (a partial
 *   unique index), the capacity trigger, and lifecycle transitions that refuse a second cancel —
 *   the second run answers 409. Whichever answer is stored, a success is never replaced: complete()
 *   keeps a stored 2xx and only replaces a stored refusal (4xx), so the slow first run's 201 (with
 *   the manage token only it can show) survives the quick second run's 409 `duplicate_booking`,
 *   in either order. (The second run's own caller still gets its 409; its next retry replays the
 *   201.)
 * - abandon() releases only its own claim (compare-and-delete on the exact running entry, whose
 *   claim id is remembered in this process), never a later run's claim or a stored answer.
 * The lease must stay well above how long a request normally takes (statement timeout 15 s).
 */
import { createHash, randomUUID } from 'node:crypto'

import { env } from '../server/env'
import { logger } from '../server/logger'
import { currentRequest, processSingleton } from '../server/process-registry'
import { sharedRedis } from './redis'

const log = logger.child({ module: 'idempotency' })

export interface StoredResponse {
  status: number
  body: string
}

interface Entry {
  state: 'running' | 'done'
  fingerprint: string
  /** Running entries only: who holds the lease (unique per claim, so abandon() can tell claims apart). */
  claim?: string
  response?: StoredResponse
}

type BeginResult =
  | { kind: 'new'; claim: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }

const KEY_SYNTAX = /^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/

/** The key from the header (an sf-string, quotes optional); undefined when absent; null when malformed. */
export function parseIdempotencyKey(header: string | null | undefined): string | undefined | null {
  if (header === null || header === undefined || header === '') return undefined
  const raw = header.trim()
  const unquoted = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw
  return KEY_SYNTAX.test(unquoted) ? unquoted : null
}

/** A stable fingerprint of a JSON body: key order does not matter. */
export function fingerprintOf(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical)
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v as Record<string, unknown>).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
    }
    return v
  }
  return createHash('sha256').update(JSON.stringify(canonical(value) ?? null)).digest('hex')
}

type MemoryStore = Map<string, { entry: Entry; expiresAt: number }>
const memory = (): MemoryStore => processSingleton('idempotency-memory', () => new Map())

/**
 * The running entries this process claimed and has not finished yet (storage key and request ID →
 * the exact serialized entry), so abandon() can release exactly its own claim with the
 * (scope, key) API its callers use: begin() and complete()/abandon() of one request run in that
 * request's context, so a slow run and a later run of the same key in this process never take
 * each other's claim. A claim older than its lease is dropped: its entry has expired by then.
 */
type Claims = Map<string, { running: string; expiresAt: number }>
const claims = (): Claims => processSingleton('idempotency-claims', () => new Map())

const claimKey = (k: string): string => `${k} ${currentRequest()?.requestId ?? ''}`

function rememberClaim(k: string, running: string, leaseMs: number): void {
  const mine = claims()
  const now = Date.now()
  if (mine.size > 10_000) for (const [key, v] of mine) if (v.expiresAt <= now) mine.delete(key)
  mine.set(claimKey(k), { running, expiresAt: now + leaseMs })
}

function takeClaim(k: string): string | undefined {
  const found = claims().get(claimKey(k))
  claims().delete(claimKey(k))
  return found?.running
}

function storageKey(scope: string, key: string): string {
  return `${env().REDIS_KEY_PREFIX}idem:${createHash('sha256').update(`${scope}\n${key}`).digest('hex')}`
}

function decide(entry: Entry, fingerprint: string): BeginResult {
  if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
  if (entry.state === 'running' || !entry.response) return { kind: 'in_progress' }
  return { kind: 'replay', response: entry.response }
}

const isSuccess = (entry: Entry | undefined): boolean => entry?.state === 'done' && !!entry.response && entry.response.status >= 200 && entry.response.status < 300

function memoryBegin(k: string, fingerprint: string, running: string, claim: string, leaseMs: number): BeginResult {
  const store = memory()
  const now = Date.now()
  const found = store.get(k)
  if (found && found.expiresAt > now) return decide(found.entry, fingerprint)
  store.set(k, { entry: { state: 'running', fingerprint, claim }, expiresAt: now + leaseMs })
  if (store.size > 10_000) for (const [key, v] of store) if (v.expiresAt <= now) store.delete(key)
  rememberClaim(k, running, leaseMs)
  return { kind: 'new', claim }
}

export async function begin(scope: string, key: string, fingerprint: string): Promise<BeginResult> {
  const k = storageKey(scope, key)
  const leaseMs = env().IDEMPOTENCY_LEASE_SECONDS * 1000
  const claim = randomUUID()
  const running = JSON.stringify({ state: 'running', fingerprint, claim } satisfies Entry)
  const client = await sharedRedis()
  if (client) {
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const claimed = await client.set(k, running, 'PX', leaseMs, 'NX')
        if (claimed === 'OK') {
          rememberClaim(k, running, leaseMs)
          return { kind: 'new', claim }
        }
        const raw = await client.get(k)
        if (raw) return decide(JSON.parse(raw) as Entry, fingerprint)
        // It expired or was abandoned between SET and GET: claim again.
      }
      return { kind: 'in_progress' }
    } catch (err) {
      log.warn({ err }, 'redis unavailable for idempotency keys; using process memory for this request')
    }
  }
  return memoryBegin(k, fingerprint, running, claim, leaseMs)
}

/**
 * Stores the answer unless a success is already stored (see the module comment): sets
 * KEYS[1] = ARGV[1] for ARGV[2] seconds and returns 1, or returns 0 and leaves the stored 2xx.
 */
const COMPLETE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, entry = pcall(cjson.decode, current)
  if ok and type(entry) == 'table' and entry.state == 'done' and type(entry.response) == 'table' then
    local status = tonumber(entry.response.status)
    if status and status >= 200 and status < 300 then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`

/** Deletes KEYS[1] only while it still holds exactly ARGV[1] (this run's claim). */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

export async function complete(scope: string, key: string, fingerprint: string, response: StoredResponse): Promise<void> {
  const k = storageKey(scope, key)
  takeClaim(k)
  const ttl = env().IDEMPOTENCY_TTL_SECONDS
  const entry: Entry = { state: 'done', fingerprint, response }
  const client = await sharedRedis()
  if (client) {
    try {
      const stored = await client.eval(COMPLETE_SCRIPT, 1, k, JSON.stringify(entry), ttl)
      if (stored === 0) log.info({ status: response.status }, 'an earlier run of this idempotency key already stored a success; keeping it')
      return
    } catch (err) {
      log.warn({ err }, 'could not store an idempotent response in redis; keeping it in process memory')
    }
  }
  const now = Date.now()
  const found = memory().get(k)
  if (found && found.expiresAt > now && isSuccess(found.entry)) {
    log.info({ status: response.status }, 'an earlier run of this idempotency key already stored a success; keeping it')
    return
  }
  memory().set(k, { entry, expiresAt: now + ttl * 1000 })
}

export async function abandon(scope: string, key: string): Promise<void> {
  const k = storageKey(scope, key)
  const running = takeClaim(k)
  // Not (or no longer) claimed by this process: the lease has run out and the entry, if any,
  // belongs to another run. Leave it.
  if (!running) return
  const found = memory().get(k)
  if (found && found.entry.state === 'running' && found.entry.claim === (JSON.parse(running) as Entry).claim) memory().delete(k)
  const client = await sharedRedis()
  if (!client) return
  await client.eval(RELEASE_SCRIPT, 1, k, running).catch((err: unknown) => log.warn({ err }, 'could not release an idempotency key; it expires with its lease'))
}
