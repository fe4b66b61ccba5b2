/**
 * Stripe's wire format, for the fake Stripe API (tests/helpers/fake-stripe.ts): form-encoded
 * parameters with nested keys (`line_items[0][price_data][unit_amount]`, `metadata[bookingId]`,
 * `expand[]`) parsed into objects and arrays whose leaves stay strings, typed readers that fail
 * with Stripe's messages and `param` names, Stripe's error shape, its object ids and its API-key
 * check. No state: the fake keeps that.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

import type { Metadata } from './fake-stripe-objects'

export type FormValue = string | FormValue[] | Form
export interface Form {
  [key: string]: FormValue
}

/** An answer in Stripe's error shape; thrown by handlers, turned into the response by the router. */
export class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message))
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor'])
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export function randomChars(length: number): string {
  let out = ''
  for (const byte of randomBytes(length)) out += ID_ALPHABET.charAt(byte % ID_ALPHABET.length)
  return out
}

export function randomId(prefix: string, length = 24): string {
  return `${prefix}_${randomChars(length)}`
}

export function now(): number {
  return Math.floor(Date.now() / 1000)
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`
}

export function invalid(message: string, param?: string, code?: string): StripeFailure {
  return new StripeFailure(400, { type: 'invalid_request_error', message, ...(code ? { code, doc_url: docUrl(code) } : {}), ...(param ? { param } : {}) })
}

export function noSuch(kind: string, id: string, param: string, status = 400): StripeFailure {
  const failure = invalid(`No such ${kind}: '${id}'`, param, 'resource_missing')
  return status === 400 ? failure : new StripeFailure(status, failure.error)
}

// ---------------------------------------------------------------------------------------------
// Form parsing: `a[b][0][c]=v` into { a: { b: [{ c: 'v' }] } }; `x[]=v` appends. Leaves stay strings.

function keyPath(key: string): string[] {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
  if (!m?.[1]) throw invalid(`Invalid parameter name: ${key}`)
  const path = [m[1], ...[...(m[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((s) => s[1] ?? '')]
  if (path.some((p) => FORBIDDEN_KEYS.has(p))) throw invalid(`Invalid parameter name: ${key}`)
  return path
}

export function isForm(value: FormValue | undefined): value is Form {
  return typeof value === 'object' && !Array.isArray(value)
}

/** Objects whose keys are all indexes become arrays, in index order (metadata keys stay keys). */
function finalize(value: FormValue, key: string): FormValue {
  if (!isForm(value)) return value
  const keys = Object.keys(value)
  const out: Form = {}
  for (const k of keys) out[k] = finalize(value[k] as FormValue, k)
  if (key === 'metadata' || keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return out
  return keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k] as FormValue)
}

export function parseForm(encoded: string): Form {
  const root: Form = {}
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = keyPath(key)
    let node = root
    path.forEach((segment, i) => {
      const name = segment === '' ? String(Object.keys(node).length) : segment
      if (i === path.length - 1) {
        node[name] = value
        return
      }
      const next = node[name]
      if (isForm(next)) node = next
      else {
        const created: Form = {}
        node[name] = created
        node = created
      }
    })
  }
  return finalize(root, '') as Form
}

/** Sorted-key JSON: two requests carry "the same parameters" when these strings are equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

// Reading typed parameters, with Stripe's messages and `param` names.

function paramName(prefix: string, name: string): string {
  return prefix ? `${prefix}[${name}]` : name
}

export function str(form: Form, name: string, prefix = ''): string | undefined {
  const value = form[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`Invalid string: ${paramName(prefix, name)} must be a string`, paramName(prefix, name))
  return value
}

export function required(form: Form, name: string, prefix = ''): string {
  const value = str(form, name, prefix)
  if (value === undefined || value === '') throw invalid(`Missing required param: ${paramName(prefix, name)}.`, paramName(prefix, name))
  return value
}

export function int(form: Form, name: string, prefix = ''): number | undefined {
  const value = str(form, name, prefix)
  if (value === undefined) return undefined
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(`Invalid integer: ${value}`, paramName(prefix, name))
  return Number(value)
}

export function bool(form: Form, name: string): boolean | undefined {
  const value = str(form, name)
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${value}`, name)
  return value === 'true'
}

export function oneOf<T extends string>(form: Form, name: string, allowed: readonly T[], prefix = ''): T | undefined {
  const value = str(form, name, prefix)
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) throw invalid(`Invalid ${paramName(prefix, name)}: must be one of ${allowed.join(', ')}`, paramName(prefix, name))
  return value as T
}

export function nested(form: Form, name: string, prefix = ''): Form | undefined {
  const value = form[name]
  if (value === undefined) return undefined
  if (!isForm(value)) throw invalid(`Invalid object`, paramName(prefix, name))
  return value
}

export function list(form: Form, name: string): FormValue[] | undefined {
  const value = form[name]
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw invalid(`Invalid array`, name)
  return value
}

export function httpUrl(form: Form, name: string): string | null {
  const value = str(form, name)
  if (value === undefined) return null
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch (err) {
    throw invalid(`Not a valid URL (${err instanceof Error ? err.message : String(err)})`, name, 'url_invalid')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('Not a valid URL', name, 'url_invalid')
  return value
}

/** Stripe's metadata rules: string values, at most 50 keys of 40 characters, values of 500; empty values unset. */
export function metadataOf(form: Form, name = 'metadata', prefix = ''): Metadata {
  const raw = nested(form, name, prefix)
  const out: Metadata = {}
  if (!raw) return out
  const param = paramName(prefix, name)
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw invalid(`Invalid value for ${param}[${key}]: metadata values must be strings`, `${param}[${key}]`)
    if (key.length > 40) throw invalid(`Metadata keys can have up to 40 characters (${key})`, `${param}[${key}]`)
    if (value.length > 500) throw invalid(`Metadata values can have up to 500 characters (${key})`, `${param}[${key}]`)
    if (value !== '') out[key] = value
  }
  if (Object.keys(out).length > 50) throw invalid('Metadata can have up to 50 keys', param)
  return out
}

/**
 * Stripe refuses an empty string anywhere but in metadata on a create: it reads it as an attempt
 * to unset a parameter that cannot be unset.
 */
export function rejectEmptyStrings(value: FormValue, param = ''): void {
  if (value === '' && param) {
    throw invalid(
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      param,
    )
  }
  if (Array.isArray(value)) value.forEach((v, i) => rejectEmptyStrings(v, `${param}[${i}]`))
  else if (isForm(value)) {
    for (const [key, v] of Object.entries(value)) if (key !== 'metadata') rejectEmptyStrings(v, paramName(param, key))
  }
}

export function expandList(form: Form): string[] {
  const raw = list(form, 'expand') ?? []
  return raw.map((p, i) => {
    if (typeof p !== 'string') throw invalid('Invalid string', `expand[${i}]`)
    return p
  })
}

export function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return typeof value === 'string' ? value : (value?.[0] ?? null)
}

function redactKey(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 3)}****` : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`
}

/** The API key when the request carries a secret (`sk_…`) or restricted (`rk_…`) one as Bearer; else Stripe's 401. */
export function authFailure(req: IncomingMessage): { key: string } | StripeFailure {
  const header = headerOf(req, 'authorization')
  if (!header) {
    return new StripeFailure(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    })
  }
  const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
  if (!/^(sk|rk)_[A-Za-z0-9_]+$/.test(key)) return new StripeFailure(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${redactKey(key)}` })
  return { key }
}
