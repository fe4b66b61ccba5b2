/**
 * Reading the form posts providers send to our webhooks: Twilio's `application/x-www-form-urlencoded`
 * and an inbound-parse service's `multipart/form-data` (SendGrid Inbound Parse), size-checked
 * before anything is parsed (a body over the bound is a 413, never buffered whole).
 * The multipart reader keeps each part's bytes, so a text field is decoded in the charset the
 * provider names for it (SendGrid's `charsets` field), not assumed UTF-8; file parts (attachments)
 * are counted and dropped. A malformed body is a 400 on `body` (ValidationError), never a 500.
 * Pure parsing: it must never log or store what it reads.
 */
import type { PayloadRequest } from 'payload'

import { BODY_PATH, ValidationError } from '../../../domain'
import { readCappedBytes } from '../../../http/body'

/** A form's text fields (first value of each name) and how many file parts it had. */
export interface FormFields {
  fields: Map<string, string>
  /** Every value of every name, in order (for a signature that covers repeats). */
  all: [string, string][]
  files: number
}

export type FormKind = 'urlencoded' | 'multipart'

/** The media type of a form post, or undefined for anything else. */
export function formKindOf(contentType: string | null): FormKind | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded'
  if (type === 'multipart/form-data') return 'multipart'
  return undefined
}

/** Text in the named charset; an unknown or missing label reads as UTF-8. Bad bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  if (charset) {
    try {
      return new TextDecoder(charset.trim()).decode(bytes)
    } catch (err) {
      // TextDecoder throws RangeError exactly for a label it does not know: read it as UTF-8.
      if (!(err instanceof RangeError)) throw err
    }
  }
  return new TextDecoder('utf-8').decode(bytes)
}

/** A urlencoded body (UTF-8, as Twilio and form posts send it). */
export function parseUrlEncoded(text: string): FormFields {
  const all = [...new URLSearchParams(text)]
  const fields = new Map<string, string>()
  for (const [name, value] of all) if (!fields.has(name)) fields.set(name, value)
  return { fields, all, files: 0 }
}

const MAX_PARTS = 200

function bad(message: string): ValidationError {
  return ValidationError.single(BODY_PATH, message)
}

/** The `boundary` parameter of a multipart Content-Type (RFC 2046: 1–70 characters). */
export function boundaryOf(contentType: string | null): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType ?? '')
  return m ? (m[1] ?? m[2]) : undefined
}

/** `name="value"` parameters of a header (quoted strings unescaped). */
function headerParams(value: string): Map<string, string> {
  const params = new Map<string, string>()
  const re = /;\s*([A-Za-z0-9_*.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const name = (m[1] ?? '').toLowerCase()
    if (!params.has(name)) params.set(name, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim())
  }
  return params
}

export interface Part {
  name: string
  filename: string | undefined
  charset: string | undefined
  bytes: Buffer
}

function readPart(raw: Buffer): Part {
  const headerEnd = raw.indexOf('\r\n\r\n')
  if (headerEnd < 0) throw bad('A multipart part has no header block')
  const headers = raw.subarray(0, headerEnd).toString('utf8').split('\r\n')
  let disposition: string | undefined
  let contentType: string | undefined
  for (const line of headers) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const key = line.slice(0, colon).trim().toLowerCase()
    if (key === 'content-disposition') disposition = line.slice(colon + 1)
    else if (key === 'content-type') contentType = line.slice(colon + 1)
  }
  if (!disposition || !/^\s*form-data\s*(;|$)/i.test(disposition)) throw bad('A multipart part is not form-data')
  const params = headerParams(disposition)
  const name = params.get('name')
  if (name === undefined || name === '') throw bad('A multipart part has no name')
  return { name, filename: params.get('filename'), charset: contentType ? headerParams(contentType).get('charset') : undefined, bytes: raw.subarray(headerEnd + 4) }
}

/**
 * The parts of a multipart/form-data body. Strict about structure (every part delimited, named
 * and terminated; at most 200 parts), lenient about what is inside (bytes are kept as sent).
 */
export function parseMultipartParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`)
  const separator = Buffer.from(`\r\n--${boundary}`)
  let pos = body.indexOf(delimiter)
  if (pos < 0) throw bad('The multipart body does not contain its boundary')
  const parts: Part[] = []
  for (;;) {
    pos += delimiter.length
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2
    else throw bad('The multipart body is malformed after a boundary')
    const next = body.indexOf(separator, pos)
    if (next < 0) throw bad('The multipart body ends before its closing boundary')
    parts.push(readPart(body.subarray(pos, next)))
    if (parts.length > MAX_PARTS) throw bad(`The multipart body has more than ${MAX_PARTS} parts`)
    pos = next + 2
  }
}

/** The charsets SendGrid names per field (`charsets`: a JSON object of field → charset). */
function charsetsFrom(parts: readonly Part[]): Record<string, string> {
  const part = parts.find((p) => p.name === 'charsets' && p.filename === undefined)
  if (!part) return {}
  try {
    const parsed: unknown = JSON.parse(part.bytes.toString('utf8'))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {}
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch (err) {
    // Not JSON: the fields are read as their own parts say (or UTF-8), which is the best left to do.
    if (!(err instanceof SyntaxError)) throw err
    return {}
  }
}

/** A multipart/form-data body's text fields, each decoded in its charset; file parts are counted. */
export function parseMultipart(body: Buffer, boundary: string): FormFields {
  const parts = parseMultipartParts(body, boundary)
  const charsets = charsetsFrom(parts)
  const fields = new Map<string, string>()
  const all: [string, string][] = []
  let files = 0
  for (const part of parts) {
    if (part.filename !== undefined) {
      files++
      continue
    }
    const value = decodeText(part.bytes, part.charset ?? charsets[part.name])
    all.push([part.name, value])
    if (!fields.has(part.name)) fields.set(part.name, value)
  }
  return { fields, all, files }
}

/** The form in a request, of either kind, read within `maxBytes`. */
export async function readForm(req: PayloadRequest, kind: FormKind, maxBytes: number): Promise<FormFields> {
  const bytes = await readCappedBytes(req, maxBytes)
  if (kind === 'urlencoded') return parseUrlEncoded(bytes.toString('utf8'))
  const boundary = boundaryOf(req.headers.get('Content-Type'))
  if (!boundary) throw bad('The multipart Content-Type has no boundary')
  return parseMultipart(bytes, boundary)
}
