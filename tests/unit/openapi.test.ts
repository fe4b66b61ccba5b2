// The public API's OpenAPI 3.1 document (GET /api/openapi.json, src/endpoints/openapi/): that it is
// a well-formed OpenAPI 3.1 document — checked structurally, since no OpenAPI validator is a
// dependency: every $ref resolves, every operation answers something, every path parameter is
// declared, every schema is valid JSON Schema 2020-12 (ajv's 2020 build, tests/helpers/
// openapi-schemas.ts) and every example fits its schema — and that it lists exactly the public routes the app
// mounts, so a public endpoint added without documentation, or a staff one documented by
// mistake, fails here.
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import ApiDocsPage from '../../src/app/(frontend)/api-docs/page'

import { collections } from '../../src/collections'
import { messagingEndpoints } from '../../src/collections/Messages/endpoints'
import {
  accountMessageSchema,
  availabilityQuerySchema,
  bookingCreateSchema,
  cancelSchema,
  loginLinkRedeemSchema,
  loginLinkRequestSchema,
  parseOrThrow,
  quoteRequestSchema,
  rescheduleSchema,
  returnCodeSchema,
} from '../../src/domain'
import { clientFrameSchema, serverFrameSchema } from '../../src/domain/chat/protocol'
import { rootEndpoints } from '../../src/endpoints'
import { openapiDocument } from '../../src/endpoints/openapi'
import { clientErrorSchema, vitalSchema } from '../../src/endpoints/reports'
import { globals } from '../../src/globals'
import { pathParameterNames, type JsonSchema, type MediaTypeObject, type OperationObject, type ParameterObject, type ResponseObject } from '../../src/http/openapi'
import { openApiSchemas } from '../helpers/openapi-schemas'

/**
 * Routes only staff (managers, admins) may call: the document is public and leaves them out.
 * A route in neither this list nor the document fails the coverage test below.
 */
const STAFF_ONLY = [
  'POST /api/bookings/{id}/balance-link',
  'POST /api/customers/{id}/anonymise',
  'POST /api/payments/refund',
  'POST /api/threads/{id}/reply',
  'POST /api/threads/{id}/read',
  'POST /api/threads/{id}/chat/takeover',
  'POST /api/threads/{id}/chat/release',
  'POST /api/messages/{id}/retry',
  'POST /api/email-templates/preview',
  'GET /api/dashboard',
  // Back office: a chef's mark on their own event, the list's bulk actions and CSV exports.
  'POST /api/bookings/{id}/chef-outcome',
  'POST /api/bookings/bulk',
  'GET /api/bookings/export.csv',
  'GET /api/customers/export.csv',
]

const doc = openapiDocument()
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** Payload's `/manage/:token` under `/api/<prefix>` → `/api/<prefix>/manage/{token}`. */
function openApiPath(prefix: string, endpointPath: string): string {
  const joined = `${prefix}${endpointPath}`.replace(/\/+$/, '')
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

/** Every route the app mounts through Payload: root endpoints, collection and global endpoints. */
function mountedRoutes(): string[] {
  const routes: string[] = []
  for (const e of rootEndpoints) routes.push(`${e.method.toUpperCase()} ${openApiPath('/api', e.path)}`)
  for (const c of collections) for (const e of c.endpoints || []) routes.push(`${e.method.toUpperCase()} ${openApiPath(`/api/${c.slug}`, e.path)}`)
  for (const g of globals) for (const e of g.endpoints || []) routes.push(`${e.method.toUpperCase()} ${openApiPath(`/api/globals/${g.slug}`, e.path)}`)
  return routes.sort()
}

function operations(): { key: string; path: string; method: string; op: OperationObject }[] {
  const out: { key: string; path: string; method: string; op: OperationObject }[] = []
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, OperationObject | undefined>)[method]
      if (op) out.push({ key: `${method.toUpperCase()} ${p}`, path: p, method, op })
    }
  }
  return out
}

/** The value a local `#/a/b` JSON pointer names in the document, or undefined. */
function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  let at: unknown = doc
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!at || typeof at !== 'object' || !(key in at)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

/** Every `$ref` anywhere in the document, with where it was found. */
function allRefs(value: unknown, where = '#'): { ref: string; where: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => allRefs(v, `${where}/${i}`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ ref: v, where }] : allRefs(v, `${where}/${k}`)))
}

/** A response or parameter that may be a `$ref`, resolved. */
function deref<T>(value: T | { $ref: string }): T {
  return value && typeof value === 'object' && '$ref' in value ? (resolvePointer(value.$ref) as T) : (value as T)
}

const { validSchema, validator, misfit } = openApiSchemas(doc)

/** Every schema written inline in the document (parameters, headers, media types), with where. */
function inlineSchemas(): { where: string; schema: JsonSchema }[] {
  const out: { where: string; schema: JsonSchema }[] = []
  const media = (where: string, content: Record<string, MediaTypeObject> | undefined) => {
    for (const [type, m] of Object.entries(content ?? {})) out.push({ where: `${where} ${type}`, schema: m.schema as JsonSchema })
  }
  for (const { key, op } of operations()) {
    for (const p of op.parameters ?? []) {
      const param = deref<ParameterObject>(p)
      out.push({ where: `${key} parameter ${param.name}`, schema: param.schema })
    }
    media(`${key} request`, op.requestBody?.content)
    for (const [status, r] of Object.entries(op.responses)) {
      const response = deref<ResponseObject>(r)
      media(`${key} ${status}`, response.content)
      for (const [name, h] of Object.entries(response.headers ?? {})) out.push({ where: `${key} ${status} header ${name}`, schema: deref(h).schema })
    }
  }
  for (const [name, h] of Object.entries(doc.components.headers)) out.push({ where: `header ${name}`, schema: h.schema })
  for (const [name, p] of Object.entries(doc.components.parameters)) out.push({ where: `parameter ${name}`, schema: p.schema })
  return out
}

/** Every example in the document with the schema it must fit. */
function examples(): { where: string; schema: unknown; value: unknown }[] {
  const out: { where: string; schema: unknown; value: unknown }[] = []
  const media = (where: string, content: Record<string, MediaTypeObject> | undefined) => {
    for (const [type, m] of Object.entries(content ?? {})) {
      if (m.example !== undefined) out.push({ where: `${where} ${type}`, schema: m.schema, value: m.example })
      for (const [name, e] of Object.entries(m.examples ?? {})) out.push({ where: `${where} ${type} (${name})`, schema: m.schema, value: e.value })
    }
  }
  for (const { key, op } of operations()) {
    for (const p of op.parameters ?? []) {
      const param = deref<ParameterObject>(p)
      if (param.example !== undefined) out.push({ where: `${key} parameter ${param.name}`, schema: param.schema, value: param.example })
    }
    media(`${key} request`, op.requestBody?.content)
    for (const [status, r] of Object.entries(op.responses)) media(`${key} ${status}`, deref<ResponseObject>(r).content)
  }
  return out
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with JSON Schema 2020-12, described and versioned', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(doc.info.title).toBeTruthy()
    expect(doc.info.version).toBeTruthy()
    expect(doc.servers.length).toBeGreaterThan(0)
    for (const p of Object.keys(doc.paths)) expect(p).toMatch(/^\/api\//)
  })

  it('is built once and kept', () => {
    expect(openapiDocument()).toBe(doc)
  })

  it('resolves every $ref', () => {
    const refs = allRefs(doc)
    expect(refs.length).toBeGreaterThan(50)
    const broken = refs.filter((r) => resolvePointer(r.ref) === undefined).map((r) => `${r.where}: ${r.ref}`)
    expect(broken).toEqual([])
  })

  it('gives every operation a unique id, a declared tag, known security schemes and responses with a success among them', () => {
    const ids = new Set<string>()
    const tags = new Set(doc.tags.map((t) => t.name))
    const schemes = new Set(Object.keys(doc.components.securitySchemes))
    for (const { key, op } of operations()) {
      expect(ids.has(op.operationId), `${key}: operationId ${op.operationId} is used twice`).toBe(false)
      ids.add(op.operationId)
      expect(op.summary, key).toBeTruthy()
      expect(op.description, key).toBeTruthy()
      for (const tag of op.tags) expect(tags.has(tag), `${key}: tag ${tag} is not declared`).toBe(true)
      for (const requirement of op.security) for (const scheme of Object.keys(requirement)) expect(schemes.has(scheme), `${key}: ${scheme}`).toBe(true)
      const statuses = Object.keys(op.responses)
      expect(statuses.length, key).toBeGreaterThan(0)
      expect(statuses.some((s) => /^2\d\d$/.test(s)), `${key} has no 2xx answer`).toBe(true)
      for (const [status, r] of Object.entries(op.responses)) {
        expect(status, key).toMatch(/^[1-5](\d\d|XX)$|^default$/)
        expect(deref<ResponseObject>(r).description, `${key} ${status}`).toBeTruthy()
      }
    }
  })

  it('declares every path parameter, required, and no parameter the path does not have', () => {
    for (const { key, path: p, op } of operations()) {
      const params = (op.parameters ?? []).map((x) => deref<ParameterObject>(x))
      const declared = params.filter((x) => x.in === 'path')
      expect(declared.map((x) => x.name).sort(), key).toEqual(pathParameterNames(p).sort())
      for (const x of declared) expect(x.required, `${key} {${x.name}}`).toBe(true)
      for (const x of params) expect(['path', 'query', 'header', 'cookie'], `${key} ${x.name}`).toContain(x.in)
      const names = params.map((x) => `${x.in}:${x.name.toLowerCase()}`)
      expect(new Set(names).size, `${key} repeats a parameter`).toBe(names.length)
    }
  })

  it('has only valid JSON Schema 2020-12 schemas, which compile', () => {
    const invalid: string[] = []
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      const why = validSchema(schema)
      if (why) invalid.push(`${name}: ${why}`)
      expect(() => validator({ $ref: `#/components/schemas/${name}` }), name).not.toThrow()
    }
    for (const { where, schema } of inlineSchemas()) {
      const why = validSchema(schema)
      if (why) invalid.push(`${where}: ${why}`)
      expect(() => validator(schema), where).not.toThrow()
    }
    expect(invalid).toEqual([])
  })

  it('has examples that fit their schemas', () => {
    const all = examples()
    expect(all.length).toBeGreaterThan(60)
    const misfits: string[] = []
    for (const { where, schema, value } of all) {
      const why = misfit(schema, value)
      if (why) misfits.push(`${where}: ${why}`)
    }
    expect(misfits).toEqual([])
  })

  it('has request examples the endpoints themselves accept', () => {
    const bodies: Record<string, Parameters<typeof parseOrThrow>[0]> = {
      'POST /api/quote': quoteRequestSchema,
      'POST /api/bookings': bookingCreateSchema,
      'POST /api/bookings/manage/{token}/reschedule': rescheduleSchema,
      'POST /api/bookings/manage/{token}/cancel': cancelSchema,
      'POST /api/bookings/return': returnCodeSchema,
      'POST /api/customers/login-link': loginLinkRequestSchema,
      'POST /api/customers/login-link/redeem': loginLinkRedeemSchema,
      'POST /api/customers/me/messages': accountMessageSchema,
      'POST /api/client-errors': clientErrorSchema,
      'POST /api/vitals': vitalSchema,
    }
    const ops = new Map(operations().map((o) => [o.key, o.op]))
    for (const [key, schema] of Object.entries(bodies)) {
      const example = ops.get(key)?.requestBody?.content['application/json']?.example
      expect(example, key).toBeDefined()
      expect(() => parseOrThrow(schema, example), key).not.toThrow()
    }
    const availability = ops.get('GET /api/availability')?.parameters?.map((x) => deref<ParameterObject>(x)) ?? []
    const query = Object.fromEntries(availability.filter((x) => x.name === 'from' || x.name === 'to').map((x) => [x.name, x.example]))
    expect(() => parseOrThrow(availabilityQuerySchema, query)).not.toThrow()
  })

  it('documents refusals in the one error shape, with a reason for every 409 and 503 and Retry-After on 429', () => {
    for (const { key, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        const code = Number(status)
        if (code < 400 || key === 'GET /api/health/ready') continue
        const media = deref<ResponseObject>(r).content?.['application/json']
        expect(media?.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' })
        const values = Object.values(media?.examples ?? {}).map((e) => e.value as { errors: { name: string; data?: Record<string, unknown> }[] })
        expect(values.length, `${key} ${status}`).toBeGreaterThan(0)
        for (const v of values) {
          if (code === 409 || code === 503) expect(typeof v.errors[0]?.data?.reason, `${key} ${status}`).toBe('string')
          if (code === 400) expect(v.errors[0]?.data?.errors ?? v.errors[0]?.name, `${key} ${status}`).toBeTruthy()
        }
        if (code === 429) expect(deref<ResponseObject>(r).headers?.['Retry-After'], key).toBeDefined()
      }
    }
  })

  it('lists 503 database_unavailable on every route that reads or writes the database, and on no other', () => {
    const withoutDatabase = ['POST /api/client-errors', 'POST /api/vitals', 'GET /api/error-tracking', 'GET /api/health/live', 'GET /api/health/ready', 'GET /api/openapi.json']
    const reasons = (op: OperationObject) =>
      Object.values(deref<ResponseObject>(op.responses['503'] ?? { description: '' }).content?.['application/json']?.examples ?? {}).map((e) => (e.value as { errors: { data?: { reason?: string } }[] }).errors[0]?.data?.reason)
    const ops = operations()
    expect(ops.length).toBeGreaterThan(withoutDatabase.length)
    for (const { key, op } of ops) {
      if (withoutDatabase.includes(key)) expect(reasons(op), key).not.toContain('database_unavailable')
      else expect(reasons(op), key).toContain('database_unavailable')
    }
  })

  it('rate limits what the server limits, and never a webhook', () => {
    const ops = new Map(operations().map((o) => [o.key, o.op]))
    expect(ops.get('POST /api/bookings')?.['x-rate-limit']).toEqual(['bookings'])
    expect(ops.get('POST /api/quote')?.responses['429']).toBeDefined()
    expect(ops.get('GET /api/availability')?.['x-rate-limit']).toEqual(['availability'])
    expect(ops.get('POST /api/bookings/manage/{token}/cancel')?.['x-rate-limit']).toEqual(['manage'])
    for (const key of ['POST /api/stripe/webhook', 'POST /api/twilio/sms', 'POST /api/twilio/status', 'POST /api/inbound/email', 'GET /api/health/ready']) {
      expect(ops.get(key)?.responses['429'], key).toBeUndefined()
    }
  })

  it('offers an Idempotency-Key where the endpoint honours one', () => {
    const idempotent = operations()
      .filter((o) => o.op['x-idempotent'])
      .map((o) => o.key)
      .sort()
    expect(idempotent).toEqual(
      [
        'POST /api/bookings',
        'POST /api/bookings/manage/{token}/reschedule',
        'POST /api/bookings/manage/{token}/cancel',
        'POST /api/bookings/manage/{token}/deposit',
        'POST /api/bookings/manage/{token}/balance',
        'POST /api/customers/me/messages',
      ].sort(),
    )
    for (const key of idempotent) {
      const op = operations().find((o) => o.key === key)?.op
      expect(op?.parameters, key).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' })
      expect(Object.keys(op?.responses ?? {}), key).toEqual(expect.arrayContaining(['409', '422']))
    }
  })

  it('describes the chat WebSocket with frames that fit the protocol', () => {
    const ws = (doc['x-websockets'] as Record<string, { clientFrames: { $ref: string }; serverFrames: { $ref: string }; examples: { client: unknown[]; server: unknown[] }; closeCodes: { code: number }[] }>)['/ws/chat']
    expect(ws).toBeDefined()
    expect(resolvePointer(ws?.clientFrames.$ref ?? '')).toBeDefined()
    expect(resolvePointer(ws?.serverFrames.$ref ?? '')).toBeDefined()
    for (const frame of ws?.examples.client ?? []) expect(clientFrameSchema.safeParse(frame).success, JSON.stringify(frame)).toBe(true)
    for (const frame of ws?.examples.server ?? []) expect(serverFrameSchema.safeParse(frame).success, JSON.stringify(frame)).toBe(true)
    expect(ws?.closeCodes.map((c) => c.code)).toEqual(expect.arrayContaining([1001, 1008, 1009, 4003, 4008, 4029]))
  })
})

describe('what the document covers', () => {
  const documented = operations()
    .map((o) => o.key)
    .sort()
  const mounted = mountedRoutes()

  it('is every public route the app mounts, and nothing else', () => {
    const publicRoutes = mounted.filter((r) => !STAFF_ONLY.includes(r))
    expect(documented.filter((r) => !publicRoutes.includes(r)), 'documented but not mounted, or staff only').toEqual([])
    expect(publicRoutes.filter((r) => !documented.includes(r)), 'mounted but not documented: describe it in src/endpoints/openapi/routes.ts (or list it as staff only)').toEqual([])
  })

  it('keeps its staff-only list true: every entry is mounted', () => {
    expect(STAFF_ONLY.filter((r) => !mounted.includes(r))).toEqual([])
  })

  it('counts the webhooks and the root endpoints Payload really mounts', () => {
    for (const e of messagingEndpoints) expect(rootEndpoints).toContain(e)
    // payload.config.ts mounts exactly this list at the root (no endpoint added beside it).
    const config = readFileSync(path.resolve(import.meta.dirname, '../../payload.config.ts'), 'utf8')
    expect(config).toMatch(/^\s*endpoints: rootEndpoints,$/m)
  })
})

describe('the /api-docs page', () => {
  const html = renderToStaticMarkup(createElement(ApiDocsPage))

  it('shows every operation, the chat and every schema, from the document', () => {
    for (const { path: p, op } of operations()) {
      expect(html, op.operationId).toContain(`id="op-${op.operationId}"`)
      expect(html, op.operationId).toContain(p)
    }
    expect(html).toContain('/ws/chat')
    for (const name of Object.keys(doc.components.schemas)) expect(html, name).toContain(`id="schema-${name}"`)
  })

  it('needs no script and nothing from another site, and every link on it lands', () => {
    expect(html).not.toMatch(/<script|<link|<iframe/i)
    expect(html).not.toMatch(/\ssrc=/i)
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
    const anchors = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])
    expect(anchors.length).toBeGreaterThan(40)
    expect(anchors.filter((a) => !ids.has(a))).toEqual([])
    const hrefs = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((m) => m[1])
    expect(hrefs).toEqual(['/api/openapi.json'])
  })
})
