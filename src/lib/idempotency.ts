/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): the first response to a
 * (scope, key) is kept for IDEMPOTENCY_TTL_SECONDS (24 h) — in Redis when REDIS_URL is set
 * (shared by all instances), otherwise, or while Redis is unreachable, in process memory.
 *
 *   begin() → 'new'         first time: the caller runs the request, then complete() or abandon()
 *           → 'replay'      same key, same body, finished: the stored response
 *           → 'mismatch'    same key, different body (→ 422)
 *           → 'in_progress' same key while the first is still running (→ 409)
 * The claim is one atomic SET NX, so two instances can never both run the same key.
 * Must never store a 5xx: the caller abandons, and the client may retry with the same key.
 */
import { createHash } from 'node:crypto'

import { env } from './env'
import { logger } from './logger'
import { sharedRedis } from './redis'

const log = logger.child({ module: 'idempotency' })

export interface StoredResponse {
  status: number
  body: string
}

interface Entry {
  state: 'running' | 'done'
  fingerprint: string
  response?: StoredResponse
}

type BeginResult =
  | { kind: 'new' }
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

const MEMORY = Symbol.for('myhibachi.idempotency-memory')
function memory(): Map<string, { entry: Entry; expiresAt: number }> {
  const g = globalThis as typeof globalThis & { [MEMORY]?: Map<string, { entry: Entry; expiresAt: number }> }
  g[MEMORY] ??= new Map()
  return g[MEMORY]
}

function storageKey(scope: string, key: string): string {
  return `${env().REDIS_KEY_PREFIX}idem:${createHash('sha256').update(`${scope}\n${key}`).digest('hex')}`
}

function decide(entry: Entry, fingerprint: string): BeginResult {
  if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' }
  if (entry.state === 'running' || !entry.response) return { kind: 'in_progress' }
  return { kind: 'replay', response: entry.response }
}

function memoryBegin(k: string, fingerprint: string, ttlMs: number): BeginResult {
  const store = memory()
  const now = Date.now()
  const found = store.get(k)
  if (found && found.expiresAt > now) return decide(found.entry, fingerprint)
  store.set(k, { entry: { state: 'running', fingerprint }, expiresAt: now + ttlMs })
  if (store.size > 10_000) for (const [key, v] of store) if (v.expiresAt <= now) store.delete(key)
  return { kind: 'new' }
}

export async function begin(scope: string, key: string, fingerprint: string): Promise<BeginResult> {
  const k = storageKey(scope, key)
  const ttl = env().IDEMPOTENCY_TTL_SECONDS
  const client = await sharedRedis()
  if (client) {
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const claimed = await client.set(k, JSON.stringify({ state: 'running', fingerprint } satisfies Entry), 'EX', ttl, 'NX')
        if (claimed === 'OK') return { kind: 'new' }
        const raw = await client.get(k)
        if (raw) return decide(JSON.parse(raw) as Entry, fingerprint)
        // It expired or was abandoned between SET and GET: claim again.
      }
      return { kind: 'in_progress' }
    } catch (err) {
      log.warn({ err }, 'redis unavailable for idempotency keys; using process memory for this request')
    }
  }
  return memoryBegin(k, fingerprint, ttl * 1000)
}

export async function complete(scope: string, key: string, fingerprint: string, response: StoredResponse): Promise<void> {
  const k = storageKey(scope, key)
  const ttl = env().IDEMPOTENCY_TTL_SECONDS
  const entry: Entry = { state: 'done', fingerprint, response }
  const client = await sharedRedis()
  if (client) {
    try {
      await client.set(k, JSON.stringify(entry), 'EX', ttl)
      return
    } catch (err) {
      log.warn({ err }, 'could not store an idempotent response in redis; keeping it in process memory')
    }
  }
  memory().set(k, { entry, expiresAt: Date.now() + ttl * 1000 })
}

export async function abandon(scope: string, key: string): Promise<void> {
  const k = storageKey(scope, key)
  memory().delete(k)
  const client = await sharedRedis()
  if (!client) return
  await client.del(k).catch((err: unknown) => log.warn({ err }, 'could not release an idempotency key; it expires by itself'))
}
