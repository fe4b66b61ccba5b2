/**
 * The /api-docs page's reading of the OpenAPI document (src/endpoints/openapi/): operations by
 * tag, with their parameters, request fields, responses and examples, and every named schema as
 * a table of fields. Plain data for a server component: the page ships no script and loads
 * nothing from elsewhere (no hosted viewer), so it works offline and behind any firewall.
 * Pure: the document in, the view out.
 */
import type { JsonSchema, MediaTypeObject, OpenApiDocument, OperationObject, ParameterObject, RefObject, ResponseObject } from '../http/openapi'

export interface FieldRow {
  /** Dotted path: `guests.adults`, `menu[].item`; empty for the value itself. */
  name: string
  type: string
  required: boolean
  /** Constraints and description in words. */
  notes: string
}

export interface ExampleView {
  title: string
  text: string
}

export interface ContentView {
  mediaType: string
  /** The named schema, for a link to its table. */
  schemaName?: string
  fields: FieldRow[]
  examples: ExampleView[]
}

export interface ParameterView {
  name: string
  in: string
  required: boolean
  type: string
  description: string
  example?: string
}

export interface ResponseView {
  status: string
  description: string
  headers: string[]
  contents: ContentView[]
}

export interface OperationView {
  id: string
  method: string
  path: string
  summary: string
  description: string
  audience: string
  auth: string[]
  rateLimits: string[]
  idempotent: boolean
  parameters: ParameterView[]
  body?: { description?: string; required: boolean; contents: ContentView[] }
  responses: ResponseView[]
}

export interface SectionView {
  tag: string
  description: string
  operations: OperationView[]
}

export interface WebSocketView {
  path: string
  summary: string
  description: string
  audience: string
  clientFrames?: string
  serverFrames?: string
  limits: { name: string; value: string }[]
  closeCodes: { code: number; name: string; meaning: string; retry: boolean }[]
  examples: { client: string[]; server: string[] }
}

export interface SchemaView {
  name: string
  description: string
  fields: FieldRow[]
}

export interface ApiDocsView {
  title: string
  version: string
  description: string
  sections: SectionView[]
  websockets: WebSocketView[]
  schemas: SchemaView[]
}

const COMPONENT = '#/components/schemas/'
const MAX_DEPTH = 6

const isRef = (v: unknown): v is RefObject => typeof v === 'object' && v !== null && typeof (v as RefObject).$ref === 'string'
const asSchema = (v: unknown): JsonSchema => (typeof v === 'object' && v !== null ? (v as JsonSchema) : {})
const refName = (ref: string): string | undefined => (ref.startsWith(COMPONENT) ? ref.slice(COMPONENT.length) : undefined)

/** Text for an example: strings as they are (iCalendar, TwiML), anything else as indented JSON. */
export function exampleText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

class SchemaReader {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  /** The schema a `$ref` names (components only), or the schema itself. */
  resolve(schema: unknown): JsonSchema {
    const s = asSchema(schema)
    if (typeof s.$ref === 'string') return this.components[refName(s.$ref) ?? ''] ?? {}
    return s
  }

  /** `string`, `integer`, `"a" | "b"`, `Guests`, `Quote[]`, `string | null`. */
  typeOf(raw: unknown): string {
    const s = asSchema(raw)
    if (typeof s.$ref === 'string') return refName(s.$ref) ?? s.$ref
    if ('const' in s) return JSON.stringify(s.const)
    if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
    const union = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined) as unknown[] | undefined
    if (union) return union.map((o) => this.typeOf(o)).join(' | ')
    const type = Array.isArray(s.type) ? s.type.join(' | ') : typeof s.type === 'string' ? s.type : 'any'
    if (type === 'array') return `${this.typeOf(s.items)}[]`
    return type
  }

  /** Constraints in words, then the description. */
  notesOf(raw: unknown): string {
    const s = asSchema(raw)
    const notes: string[] = []
    const bound = (label: string, key: string) => {
      const n = s[key]
      // zod writes the safe-integer range on every integer: no news to a reader.
      if (typeof n === 'number' && Math.abs(n) !== Number.MAX_SAFE_INTEGER) notes.push(`${label} ${String(n)}`)
    }
    bound('min', 'minimum')
    bound('max', 'maximum')
    bound('min length', 'minLength')
    bound('max length', 'maxLength')
    bound('min items', 'minItems')
    bound('max items', 'maxItems')
    if (typeof s.pattern === 'string') notes.push(`pattern ${s.pattern}`)
    if (typeof s.format === 'string') notes.push(`format ${s.format}`)
    if ('default' in s) notes.push(`default ${JSON.stringify(s.default)}`)
    if (s.additionalProperties === false) notes.push('no other fields')
    if (typeof s.description === 'string') notes.push(s.description)
    return notes.join('; ')
  }

  /**
   * The fields of a schema as rows: nested objects and array items by dotted path, named schemas
   * expanded once along a path (a cycle stops at its name), unions of objects variant by variant.
   */
  fields(raw: unknown, prefix = '', required = true, depth = 0, seen: ReadonlySet<string> = new Set()): FieldRow[] {
    const s = asSchema(raw)
    const name = typeof s.$ref === 'string' ? refName(s.$ref) : undefined
    if (name && (seen.has(name) || depth >= MAX_DEPTH)) return [{ name: prefix, type: name, required, notes: '' }]
    const here = this.resolve(s)
    const nextSeen = name ? new Set([...seen, name]) : seen
    const rows: FieldRow[] = []
    const union = (Array.isArray(here.oneOf) ? here.oneOf : Array.isArray(here.anyOf) ? here.anyOf : undefined) as unknown[] | undefined
    const objectVariants = union?.map((o) => this.resolve(o)).filter((o) => o.type === 'object' && o.properties)
    if (union && objectVariants && objectVariants.length === union.length && objectVariants.length > 0) {
      if (prefix) rows.push({ name: prefix, type: 'one of', required, notes: this.notesOf(here) })
      for (const variant of objectVariants) {
        const tag = Object.entries(asSchema(variant.properties)).find(([, p]) => 'const' in asSchema(p))
        const label = tag ? `${tag[0]}=${JSON.stringify(asSchema(tag[1]).const)}` : 'variant'
        rows.push(...this.fields(variant, prefix ? `${prefix} (${label})` : `(${label})`, required, depth + 1, nextSeen))
      }
      return rows
    }
    if (here.type === 'object' && here.properties) {
      if (prefix) rows.push({ name: prefix, type: 'object', required, notes: this.notesOf(here) })
      const requiredNames = new Set(Array.isArray(here.required) ? (here.required as string[]) : [])
      for (const [key, child] of Object.entries(asSchema(here.properties))) {
        rows.push(...this.fields(child, prefix ? `${prefix}.${key}` : key, requiredNames.has(key), depth + 1, nextSeen))
      }
      return rows
    }
    if (here.type === 'array' && here.items) {
      const items = this.resolve(here.items)
      if (items.type === 'object' && items.properties) {
        rows.push({ name: prefix, type: `${this.typeOf(here.items)}[]`, required, notes: this.notesOf(here) })
        rows.push(...this.fields(here.items, `${prefix}[]`, true, depth + 1, nextSeen).filter((r) => r.name !== `${prefix}[]`))
        return rows
      }
    }
    rows.push({ name: prefix, type: name ? `${name} (${this.typeOf(here)})` : this.typeOf(s), required, notes: this.notesOf(here) })
    return rows
  }
}

function contentViews(reader: SchemaReader, content: Record<string, MediaTypeObject> | undefined, expand: boolean): ContentView[] {
  return Object.entries(content ?? {}).map(([mediaType, media]) => {
    const schemaName = isRef(media.schema) ? refName(media.schema.$ref) : undefined
    const examples: ExampleView[] = []
    if (media.example !== undefined) examples.push({ title: 'Example', text: exampleText(media.example) })
    for (const [key, e] of Object.entries(media.examples ?? {})) examples.push({ title: `Example: ${e.summary ?? key}`, text: exampleText(e.value) })
    return { mediaType, ...(schemaName ? { schemaName } : {}), fields: expand || !schemaName ? reader.fields(media.schema) : [], examples }
  })
}

function operationView(doc: OpenApiDocument, reader: SchemaReader, method: string, path: string, op: OperationObject): OperationView {
  const parameters = (op.parameters ?? []).map((p): ParameterView => {
    const param = isRef(p) ? doc.components.parameters[p.$ref.split('/').pop() ?? ''] : (p as ParameterObject)
    return {
      name: param?.name ?? '',
      in: param?.in ?? '',
      required: param?.required ?? false,
      type: reader.typeOf(param?.schema),
      description: [param?.description, reader.notesOf(param?.schema)].filter(Boolean).join(' — '),
      ...(param?.example !== undefined ? { example: exampleText(param.example) } : {}),
    }
  })
  const auth = op.security.flatMap((requirement) => Object.keys(requirement))
  return {
    id: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    description: op.description,
    audience: op['x-audience'],
    auth,
    rateLimits: op['x-rate-limit'] ?? [],
    idempotent: op['x-idempotent'] === true,
    parameters,
    ...(op.requestBody
      ? { body: { ...(op.requestBody.description ? { description: op.requestBody.description } : {}), required: op.requestBody.required, contents: contentViews(reader, op.requestBody.content, true) } }
      : {}),
    responses: Object.entries(op.responses).map(([status, response]: [string, ResponseObject]) => ({
      status,
      description: response.description,
      headers: Object.keys(response.headers ?? {}),
      contents: contentViews(reader, response.content, false),
    })),
  }
}

interface WebSocketExtension {
  summary?: string
  description?: string
  audience?: string
  clientFrames?: RefObject
  serverFrames?: RefObject
  limits?: Record<string, number>
  closeCodes?: { code: number; name: string; meaning: string; retry: boolean }[]
  examples?: { client?: unknown[]; server?: unknown[] }
}

function websocketViews(doc: OpenApiDocument): WebSocketView[] {
  const extension = doc['x-websockets']
  if (!extension || typeof extension !== 'object') return []
  return Object.entries(extension as Record<string, WebSocketExtension>).map(([path, ws]) => ({
    path,
    summary: ws.summary ?? '',
    description: ws.description ?? '',
    audience: ws.audience ?? '',
    ...(ws.clientFrames ? { clientFrames: refName(ws.clientFrames.$ref) } : {}),
    ...(ws.serverFrames ? { serverFrames: refName(ws.serverFrames.$ref) } : {}),
    limits: Object.entries(ws.limits ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    closeCodes: ws.closeCodes ?? [],
    examples: { client: (ws.examples?.client ?? []).map((f) => JSON.stringify(f)), server: (ws.examples?.server ?? []).map((f) => JSON.stringify(f)) },
  }))
}

/** The page's view of the document. */
export function apiDocsView(doc: OpenApiDocument): ApiDocsView {
  const reader = new SchemaReader(doc.components.schemas)
  const operations: { tag: string; view: OperationView }[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op) operations.push({ tag: op.tags[0] ?? 'Other', view: operationView(doc, reader, method, path, op) })
    }
  }
  return {
    title: doc.info.title,
    version: doc.info.version,
    description: doc.info.description,
    sections: doc.tags
      .map((t) => ({ tag: t.name, description: t.description, operations: operations.filter((o) => o.tag === t.name).map((o) => o.view) }))
      .filter((s) => s.operations.length > 0),
    websockets: websocketViews(doc),
    schemas: Object.entries(doc.components.schemas).map(([name, schema]) => ({
      name,
      description: typeof schema.description === 'string' ? schema.description : '',
      fields: reader.fields({ $ref: `${COMPONENT}${name}` }),
    })),
  }
}
