/**
 * The one request-body reader for our endpoints: reads at most `maxBytes` (the declared
 * Content-Length is checked first, then the stream is counted, so a huge body is never buffered)
 * and parses JSON. Too large is a 413 (`BodyTooLargeError`, mapped in src/http/errors.ts), not
 * JSON or text the database cannot store a 400 naming the body or the string's path.
 * Must never hand a body it has not size-checked to anything that walks it.
 */
import type { PayloadRequest } from 'payload'

import { BODY_PATH, unstorableTextIssues, ValidationError } from '../domain'

/** Bodies of our JSON endpoints: a booking with twenty menu rows is under 4 kB. */
export const MAX_JSON_BODY_BYTES = 64 * 1024

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError'
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes`)
  }
}

/** The body, or the text that is not JSON (kept so its 400 can be replayed by an idempotency key). */
export type BodyRead = { ok: true; value: unknown } | { ok: false; text: string }

/** The body's bytes, refusing more than `maxBytes` without reading it all (the declared length first, then the stream). */
export async function readCappedBytes(req: PayloadRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('Content-Length') ?? '0')
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes)
  const stream = req.body
  if (!stream) return Buffer.alloc(0)
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new BodyTooLargeError(maxBytes)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** The body as UTF-8 text, refusing more than `maxBytes` without reading it all. */
export async function readCappedText(req: PayloadRequest, maxBytes: number): Promise<string> {
  return (await readCappedBytes(req, maxBytes)).toString('utf8')
}

/** Reads and parses the body; an empty body is `{}`. */
export async function readJsonBody(req: PayloadRequest, maxBytes = MAX_JSON_BODY_BYTES): Promise<BodyRead> {
  const text = await readCappedText(req, maxBytes)
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (err) {
    // Only a syntax error is the caller's mistake (answered 400 by bodyValue); anything else is ours.
    if (!(err instanceof SyntaxError)) throw err
    return { ok: false, text }
  }
}

/** The parsed value of a read body; not JSON, or text the database cannot store, is a 400. */
export function bodyValue(body: BodyRead): unknown {
  if (!body.ok) throw ValidationError.single(BODY_PATH, 'The body is not valid JSON')
  const issues = unstorableTextIssues(body.value)
  if (issues.length > 0) throw new ValidationError(issues)
  return body.value
}

/** The request's JSON body, size-checked and parsed (see bodyValue for the 400s). */
export async function jsonBody(req: PayloadRequest, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  return bodyValue(await readJsonBody(req, maxBytes))
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * A write body as received: a JSON object, nested sanely, with only text the database can store.
 * Throws the ValidationError naming the body or each bad string's path. Endpoints call it before
 * anything walks the body recursively (Payload's Local API deep-copies `data`, the idempotency
 * fingerprint canonicalizes it): a body nested thousands deep would overflow the stack, a 500.
 */
export function assertWritableBody(data: unknown): asserts data is Record<string, unknown> {
  if (!isPlainRecord(data)) throw ValidationError.single(BODY_PATH, 'Send a JSON object')
  const issues = unstorableTextIssues(data)
  if (issues.length > 0) throw new ValidationError(issues)
}
