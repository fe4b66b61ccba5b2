/**
 * JSON for Next's cache entries, which hold bytes (`rscData`, route bodies) and Maps (the
 * per-segment prefetch data): Buffers and Uint8Arrays become `{ "__b64": … }`, Maps
 * `{ "__map": [[k, v], …] }`, and come back as Buffers and Maps. Pure; no I/O. Must round-trip
 * every value Next stores byte for byte (tests/unit/page-cache.test.ts).
 */

export function serialize(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    // `this[key]` is the value before Buffer#toJSON ran.
    const raw = this[key]
    if (raw instanceof Uint8Array) return { __b64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') }
    if (raw instanceof Map) return { __map: [...(raw as Map<unknown, unknown>).entries()] }
    return v
  })
}

export function deserialize(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as { __b64?: unknown; __map?: unknown }
      if (typeof o.__b64 === 'string' && Object.keys(o).length === 1) return Buffer.from(o.__b64, 'base64')
      if (Array.isArray(o.__map) && Object.keys(o).length === 1) return new Map(o.__map as [unknown, unknown][])
    }
    return v
  })
}
