/**
 * OpenAPI 3.1 for our own HTTP endpoints, built from what the endpoints themselves use, so the
 * document cannot say one thing while an endpoint does another:
 * - bodies are the zod schemas the endpoints parse with, converted by zod 4 (`z.toJSONSchema`,
 *   JSON Schema 2020-12, which OpenAPI 3.1 takes as it is), each a named component;
 * - a refusal's example is what `refusal()` — the one mapping of typed errors to HTTP — answers
 *   for that very error, so its status, `name` and `data` are the real ones;
 * - 429 is added to exactly the operations the rate limiter guards (`policyFor`, its own rule);
 * - an endpoint that takes an Idempotency-Key gets its header, replay header and refusals here.
 * This file is the machinery; what each public route does is written beside the endpoint that
 * serves the document (src/endpoints/openapi/). Pure: builds plain data, no I/O.
 * Must never describe a staff-only route: the document is public (tests/unit/openapi.test.ts).
 */
import { z } from 'zod'

import { DATABASE_UNAVAILABLE_MESSAGE } from '../infra/db-outage'
import { policyFor, type RatePolicy } from '../infra/rate-limit'
import { BodyTooLargeError } from './body'
import { IDEMPOTENCY_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED, MALFORMED_IDEMPOTENCY_KEY } from './idempotent-endpoint'
import { errorBody, refusal, type JsonResult } from './responses'

export const OPENAPI_VERSION = '3.1.0'

/** A JSON Schema (2020-12) as plain data. */
export type JsonSchema = { [keyword: string]: unknown }

export interface RefObject {
  $ref: string
}

export interface ExampleObject {
  summary?: string
  value: unknown
}

export interface MediaTypeObject {
  schema: JsonSchema | RefObject
  example?: unknown
  examples?: Record<string, ExampleObject>
}

export interface HeaderObject {
  description: string
  required?: boolean
  schema: JsonSchema
}

export interface ResponseObject {
  description: string
  headers?: Record<string, HeaderObject | RefObject>
  content?: Record<string, MediaTypeObject>
}

export interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  description: string
  required?: boolean
  schema: JsonSchema
  example?: unknown
}

export interface RequestBodyObject {
  description?: string
  required: boolean
  content: Record<string, MediaTypeObject>
}

export type SecurityRequirement = Record<string, string[]>

export interface OperationObject {
  operationId: string
  summary: string
  description: string
  tags: string[]
  security: SecurityRequirement[]
  parameters?: (ParameterObject | RefObject)[]
  requestBody?: RequestBodyObject
  responses: Record<string, ResponseObject>
  /** Who may call it, in words. */
  'x-audience': string
  /** The rate-limit policies that guard it (RATE_LIMIT_<POLICY> in the environment). */
  'x-rate-limit'?: RatePolicy[]
  'x-idempotent'?: boolean
}

export type HttpMethod = 'get' | 'post'

export interface TagObject {
  name: string
  description: string
}

export interface OpenApiDocument {
  openapi: typeof OPENAPI_VERSION
  jsonSchemaDialect: string
  info: { title: string; version: string; description: string }
  servers: { url: string; description: string }[]
  security: SecurityRequirement[]
  tags: TagObject[]
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>
  components: {
    schemas: Record<string, JsonSchema>
    parameters: Record<string, ParameterObject>
    headers: Record<string, HeaderObject>
    securitySchemes: Record<string, Record<string, unknown>>
  }
  [extension: `x-${string}`]: unknown
}

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'
const COMPONENT_SCHEMAS = '#/components/schemas/'

/** `#/components/schemas/<name>`. */
export function schemaRef(name: string): RefObject {
  return { $ref: `${COMPONENT_SCHEMAS}${name}` }
}

const CONVERSION = { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' } as const

/** A standalone JSON Schema for a zod schema (parameters, headers): no `$schema`, no refs. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, CONVERSION) as JsonSchema
  return rest
}

export interface SchemaNotes {
  description?: string
  /** Descriptions of top-level properties (what the shape cannot say: "staff only"). */
  properties?: Record<string, string>
}

/**
 * The named schemas of a document. `ref` registers a zod schema under a component name and
 * answers its `$ref`; a registered schema used inside another one becomes a `$ref` there too
 * (zod's registry conversion), so one shape (Guests, Address) has one definition.
 */
export class SchemaSet {
  readonly #registry = z.registry<{ id: string }>()
  readonly #notes = new Map<string, SchemaNotes>()

  ref(name: string, schema: z.ZodType, notes: SchemaNotes = {}): RefObject {
    const known = this.#registry.get(schema)
    if (known) {
      if (known.id !== name) throw new Error(`One schema under two names: ${known.id} and ${name}`)
      return schemaRef(name)
    }
    if (this.#notes.has(name)) throw new Error(`Two schemas named ${name}`)
    this.#registry.add(schema, { id: name })
    this.#notes.set(name, notes)
    return schemaRef(name)
  }

  /** Every registered schema as JSON Schema 2020-12, refs pointing at `#/components/schemas/`. */
  components(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.#registry, { ...CONVERSION, uri: (id) => `${COMPONENT_SCHEMAS}${id}` }) as { schemas: Record<string, JsonSchema> }
    const out: Record<string, JsonSchema> = {}
    for (const name of [...this.#notes.keys()].sort()) {
      // `$id` would be a fragment (not allowed in 2020-12) and `$schema` is the document's dialect already.
      const { $schema: _dialect, $id: _id, ...schema } = schemas[name] ?? {}
      const notes = this.#notes.get(name) ?? {}
      if (notes.description) schema.description = notes.description
      for (const [property, description] of Object.entries(notes.properties ?? {})) {
        const properties = schema.properties as Record<string, JsonSchema> | undefined
        const target = properties?.[property]
        if (!target) throw new Error(`${name} has no property ${property} to describe`)
        properties[property] = { ...target, description }
      }
      out[name] = schema
    }
    return out
  }
}

// -------------------------------------------------------------------------------------------------
// Refusals

/** One way a request is refused: its status and an example answer in our error shape. */
export interface Refusal {
  status: number
  /** Shown as the example's title: when this happens. */
  summary: string
  body: unknown
  headers?: Record<string, HeaderObject | RefObject>
}

/** A refusal an endpoint answers as a ready-made result (`NOT_FOUND`, `SIGN_IN_FIRST`). */
export function refusedResult(result: JsonResult, summary: string): Refusal {
  return { status: result.status, summary, body: JSON.parse(result.body) as unknown }
}

/** The refusal a typed error becomes, exactly as the endpoints answer it (`refusal()`). */
export function refusedWith(err: unknown, summary: string): Refusal {
  return refusedResult(refusal(err), summary)
}

/** A refusal an endpoint writes itself (`errorBody`), e.g. a 401 or 415 with its own name. */
export function refusedAs(status: number, name: string, message: string, summary: string, data?: unknown): Refusal {
  return { status, summary, body: JSON.parse(errorBody(name, message, data)) as unknown }
}

/** What each refusal status means, before the route's own cases. */
const STATUS_MEANING: Record<number, string> = {
  400: 'The request is malformed or a field is invalid. A `ValidationError` names each field in `data.errors[]` (`path`, `message`); nothing is written.',
  401: 'Not signed in, or the credential is missing or wrong.',
  403: 'Not allowed.',
  404: 'Nothing was found for this link or id. Unknown and malformed tokens get the same answer.',
  409: 'A conflict with the current state: `data.reason` says which.',
  413: 'The body is larger than the endpoint reads (`data.maxBytes`); it was not read.',
  415: 'The body is not of a media type the endpoint reads.',
  422: 'The Idempotency-Key was used before with a different body.',
  429: 'Too many requests from this address: wait the `Retry-After` seconds.',
  503: 'A feature is not set up, a provider did not answer, or the database is briefly unavailable (`data.reason`); try again later.',
}

// -------------------------------------------------------------------------------------------------
// Shared components

export const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first answer (2xx or 4xx) for a key is kept for 24 hours and replayed for the same key and body (with `Idempotent-Replayed: true`). The same key with another body is a 422; while the first request runs, a 409 with `Retry-After`. 5xx answers are never kept.',
  // src/infra/idempotency.ts KEY_SYNTAX: visible ASCII without `"` and `\`, optionally quoted.
  schema: { type: 'string', minLength: 1, maxLength: 257, pattern: '^"?[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,255}"?$' },
  example: '5f0c6a2e-8d1b-4a57-9a35-0c1d7a9e4b21',
}

const HEADERS: Record<string, HeaderObject> = {
  RetryAfter: { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
  RateLimit: { description: 'What is left of the policy\'s quota: `"<policy>";r=<remaining>;t=<seconds until reset>` (draft-ietf-httpapi-ratelimit-headers).', schema: { type: 'string' } },
  RateLimitPolicy: { description: 'The policy: `"<policy>";q=<quota>;w=<window seconds>`.', schema: { type: 'string' } },
  IdempotentReplayed: { description: '`true` when this is the kept answer of an earlier request with the same Idempotency-Key.', schema: { type: 'string', enum: ['true'] } },
}

const headerRef = (name: keyof typeof HEADERS): RefObject => ({ $ref: `#/components/headers/${name}` })

/** The body of every refusal: Payload's error shape. */
export const errorBodySchema = z
  .object({
    errors: z
      .array(
        z.object({
          name: z.string().describe('The refusal: ValidationError, ConflictError, NotFound, Forbidden, Unauthorized, TooManyRequests, PayloadTooLarge, ServiceUnavailable…'),
          message: z.string().describe('In plain words, for a person.'),
          data: z
            .record(z.string(), z.unknown())
            .optional()
            .describe('Machine-readable details: `errors[]` of `{ path, message }` (400), `reason` (409, 503), `maxBytes` (413), `policy` and `retryAfterSeconds` (429).'),
        }),
      )
      .min(1),
  })
  .describe('`{ errors: [{ name, message, data? }] }`')

// -------------------------------------------------------------------------------------------------
// Routes

export interface BodyDoc {
  description?: string
  required?: boolean
  /** The most the endpoint reads; a 413 is documented from it. */
  maxBytes?: number
  content: Record<string, MediaTypeObject>
}

/** One public route, as written beside the document's endpoint. */
export interface RouteDoc {
  method: HttpMethod
  /** OpenAPI path, `{name}` for a path parameter: `/api/bookings/manage/{token}`. */
  path: string
  operationId: string
  tag: string
  summary: string
  description: string
  /** Who may call it, in words: "anyone", "the holder of the manage link", "Stripe". */
  audience: string
  /** Default: none (public, or the credential is in the path). */
  security?: SecurityRequirement[]
  parameters?: ParameterObject[]
  idempotent?: boolean
  body?: BodyDoc
  responses: Record<number, ResponseObject>
  refusals?: Refusal[]
  /** Limits the endpoint applies itself, on top of the server's per-address policy. */
  ownRateLimits?: RatePolicy[]
  /** false: the route answers without the database (a caller with no session: a session is read from it), so no 503 `database_unavailable`. Default true. */
  database?: boolean
}

/** `/api/bookings/manage/{token}` → `/api/bookings/manage/x`: a path the limiter can match. */
function samplePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, 'x')
}

/** The `{names}` of a path template. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '')
}

function tooManyRequests(policies: RatePolicy[]): Refusal {
  const policy = policies[0] ?? 'writes'
  return {
    status: 429,
    summary: `Over the ${policies.map((p) => `\`${p}\``).join(' or ')} limit`,
    body: JSON.parse(errorBody('TooManyRequests', 'Too many requests. Please try again in 42 seconds.', { policy, retryAfterSeconds: 42 })) as unknown,
    headers: { 'Retry-After': headerRef('RetryAfter'), RateLimit: headerRef('RateLimit'), 'RateLimit-Policy': headerRef('RateLimitPolicy') },
  }
}

/** Example keys: a short slug of the summary, unique within one response. */
function exampleKey(summary: string, taken: Set<string>): string {
  const words = summary
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  // At most about 40 characters, cut between words.
  const base = (words.length <= 40 ? words : words.slice(0, 41).replace(/_[^_]*$/, '')) || 'example'
  let key = base
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`
  taken.add(key)
  return key
}

/** Refusals of one status as one response: the meaning, each case, an example of each. */
function refusalResponse(status: number, cases: Refusal[]): ResponseObject {
  const taken = new Set<string>()
  const examples: Record<string, ExampleObject> = {}
  const headers: Record<string, HeaderObject | RefObject> = {}
  for (const c of cases) {
    examples[exampleKey(c.summary, taken)] = { summary: c.summary, value: c.body }
    Object.assign(headers, c.headers)
  }
  const summaries = [...new Set(cases.map((c) => c.summary))]
  return {
    description: [STATUS_MEANING[status] ?? 'Refused.', ...summaries.map((s) => `- ${s}`)].join('\n'),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { 'application/json': { schema: schemaRef('Error'), examples } },
  }
}

function operationFor(route: RouteDoc): OperationObject {
  const refusals = [...(route.refusals ?? [])]
  if (route.body?.maxBytes !== undefined) refusals.push(refusedWith(new BodyTooLargeError(route.body.maxBytes), `The body is over ${route.body.maxBytes} bytes`))
  if (route.idempotent) {
    refusals.push(refusedResult(MALFORMED_IDEMPOTENCY_KEY, 'A malformed Idempotency-Key'))
    refusals.push({ ...refusedResult(IDEMPOTENCY_IN_PROGRESS, 'A request with this Idempotency-Key is still running'), headers: { 'Retry-After': headerRef('RetryAfter') } })
    refusals.push(refusedResult(IDEMPOTENCY_KEY_REUSED, 'The Idempotency-Key was used with another body'))
  }
  const serverPolicy = policyFor(route.method.toUpperCase(), samplePath(route.path))
  const policies = [...(serverPolicy ? [serverPolicy] : []), ...(route.ownRateLimits ?? [])]
  if (policies.length > 0) refusals.push(tooManyRequests(policies))
  if (route.database !== false) refusals.push(refusedAs(503, 'ServiceUnavailable', DATABASE_UNAVAILABLE_MESSAGE, 'The database is briefly unavailable (cut, restarting or too slow): nothing was stored; try again', { reason: 'database_unavailable' }))

  const responses: Record<string, ResponseObject> = {}
  for (const [status, response] of Object.entries(route.responses)) {
    const ok = Number(status) < 300
    responses[status] = route.idempotent && ok ? { ...response, headers: { ...response.headers, 'Idempotent-Replayed': headerRef('IdempotentReplayed') } } : response
  }
  const byStatus = new Map<number, Refusal[]>()
  for (const r of refusals) byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r])
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    if (responses[String(status)]) throw new Error(`${route.operationId}: ${status} is both a response and a refusal`)
    responses[String(status)] = refusalResponse(status, byStatus.get(status) ?? [])
  }

  const declared = new Set((route.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name))
  for (const name of pathParameterNames(route.path)) {
    if (!declared.has(name)) throw new Error(`${route.operationId}: path parameter {${name}} is not declared`)
  }
  const parameters: (ParameterObject | RefObject)[] = [...(route.parameters ?? []), ...(route.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [])]
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    security: route.security ?? [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: { ...(route.body.description ? { description: route.body.description } : {}), required: route.body.required ?? true, content: route.body.content } } : {}),
    responses,
    'x-audience': route.audience,
    ...(policies.length > 0 ? { 'x-rate-limit': policies } : {}),
    ...(route.idempotent ? { 'x-idempotent': true } : {}),
  }
}

export interface ApiDescription {
  info: OpenApiDocument['info']
  tags: TagObject[]
  routes: RouteDoc[]
  schemas: SchemaSet
  securitySchemes: Record<string, Record<string, unknown>>
  extensions?: Record<`x-${string}`, unknown>
}

/** The OpenAPI 3.1 document for `api`. Throws on a route described twice or a path parameter left undeclared. */
export function buildOpenApiDocument(api: ApiDescription): OpenApiDocument {
  api.schemas.ref('Error', errorBodySchema)
  const paths: OpenApiDocument['paths'] = {}
  const ids = new Set<string>()
  for (const route of api.routes) {
    if (ids.has(route.operationId)) throw new Error(`Two operations named ${route.operationId}`)
    ids.add(route.operationId)
    const item = (paths[route.path] ??= {})
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is described twice`)
    item[route.method] = operationFor(route)
  }
  return {
    openapi: OPENAPI_VERSION,
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: api.info,
    // Relative: the document is served by the site it describes.
    servers: [{ url: '/', description: 'This site' }],
    security: [],
    tags: api.tags,
    paths,
    components: {
      schemas: api.schemas.components(),
      parameters: { IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER },
      headers: HEADERS,
      securitySchemes: api.securitySchemes,
    },
    ...api.extensions,
  }
}
