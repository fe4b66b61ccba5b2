/**
 * fast-check arbitraries for fuzzing the public API (tests/int/fuzz-bodies.int.spec.ts in-process,
 * tests/e2e/errors-prod.e2e.spec.ts over HTTP): valid booking and quote bodies, mutated 1–3 times
 * (a value set to junk or removed, at a real field, a server-only field, a timestamp or an unknown
 * key), now and then the whole body replaced; and availability queries with junk parameters.
 * Junk includes what broke the server before: null groups, NUL, lone surrogates, impossible
 * dates, huge and negative numbers, NaN-like strings, arrays, deep objects.
 * Pure generators: callers give the base values that need the database (a menu item id, dates).
 */
import fc from 'fast-check'

export type Path = (string | number)[]

export interface BaseParty {
  /** Days ahead of today (business time zone) of the event. */
  day: number
  startTime: string
  adults: number
  children: number
  withMenu: boolean
  quantity: number
  notes: string | null
  withAddress: boolean
}

export type Mutation = { op: 'set'; path: Path; value: unknown } | { op: 'delete'; path: Path }

/** A request body to build: a mutated valid body, or (rarely) something that is no booking at all. */
export type BodyPlan = { kind: 'mutated'; base: BaseParty; mutations: Mutation[] } | { kind: 'whole'; body: unknown }

/** Strings that broke or nearly broke the server, or that parsers treat specially. */
const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '-0',
  'null',
  'undefined',
  'true',
  '0',
  '5',
  '-1',
  '99999999999',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uDBFF',
  '🍣\uD83C',
  '2026-13-01',
  '2026-02-30',
  '9999-12-31',
  '0000-00-00',
  '0001-01-01',
  '25:00',
  '12:00',
  "'",
  "2026-01-0'1",
  "' OR 1=1 --",
  '"; DROP TABLE bookings; --',
  '<script>alert(1)</script>',
  '%00',
  '\\u0000',
  '10001',
  '[object Object]',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
]

const NASTY_NUMBERS = [0, -1, 1, 1.5, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 31 - 1, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e-300]

/** Strings made of characters that matter: NUL, both surrogate halves, emoji, digits, separators. */
const trickyString = fc.string({ unit: fc.constantFrom('a', '0', '9', '-', ':', ' ', '.', '@', '\u0000', '\uD800', '\uDC00', '😀', 'é', "'", '"', '\\'), maxLength: 12 })

export const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom<unknown>(null, true, false, ...NASTY_STRINGS, ...NASTY_NUMBERS), weight: 6 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
  { arbitrary: trickyString, weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  // JSON has no NaN or Infinity: JSON.stringify sends them as null, which is junk too.
  { arbitrary: fc.double(), weight: 1 },
)

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

/** Junk of any JSON shape: scalars, small arrays and objects of junk, deep nesting. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: junkScalar, weight: 8 },
  { arbitrary: fc.array(junkScalar, { maxLength: 3 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom('a', 'id', 'item', 'zip', 'adults', '0', ''), junkScalar, { maxKeys: 3 }), weight: 2 },
  { arbitrary: fc.tuple(fc.integer({ min: 5, max: 60 }), junkScalar, fc.boolean()).map(([d, leaf, arr]) => nest(d, leaf, arr)), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
)

/** Every field of the booking body, the server-only fields and timestamps, and unknown keys. */
export const BOOKING_PATHS: Path[] = [
  ['eventDate'],
  ['startTime'],
  ['durationMinutes'],
  ['guests'],
  ['guests', 'adults'],
  ['guests', 'children'],
  ['address'],
  ['address', 'street'],
  ['address', 'city'],
  ['address', 'state'],
  ['address', 'zip'],
  ['menu'],
  ['menu', 0],
  ['menu', 0, 'item'],
  ['menu', 0, 'quantity'],
  ['menu', 0, 'id'],
  ['menu', 1],
  ['contact'],
  ['contact', 'name'],
  ['contact', 'email'],
  ['contact', 'phone'],
  ['specialRequests'],
  ['dietaryNotes'],
  ['source'],
  ['status'],
  ['pricing'],
  ['pricing', 'totalCents'],
  ['pricing', 'lineItems'],
  ['pricing', 'lineItems', 0, 'label'],
  ['payment'],
  ['payment', 'depositPaidCents'],
  ['payment', 'paidAt'],
  ['cancellation'],
  ['manageTokenHash'],
  ['createdAt'],
  ['updatedAt'],
  ['deletedAt'],
  ['id'],
  ['_status'],
  ['customer'],
  ['assignedChefs'],
  ['title'],
  ['startsAt'],
  ['blockedFrom'],
  ['guestsTotal'],
  ['chefUnits'],
  ['guests', 'extra'],
  ['address', 'extra'],
  ['contact', 'extra'],
  ['unknownField'],
]

const pathArb: fc.Arbitrary<Path> = fc.oneof(
  { arbitrary: fc.constantFrom(...BOOKING_PATHS), weight: 12 },
  { arbitrary: fc.string({ maxLength: 8 }).map((k): Path => [k]), weight: 1 },
)

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), path: pathArb, value: junkValue }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), path: pathArb }), weight: 1 },
)

export const basePartyArb: fc.Arbitrary<BaseParty> = fc.record({
  // 255–299 days ahead: no other integration test books those days.
  day: fc.integer({ min: 255, max: 299 }),
  startTime: fc.constantFrom('12:00', '15:00', '18:00'),
  adults: fc.integer({ min: 1, max: 14 }),
  children: fc.integer({ min: 0, max: 4 }),
  withMenu: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 6 }),
  notes: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
  withAddress: fc.boolean(),
})

export const bodyPlanArb: fc.Arbitrary<BodyPlan> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('mutated' as const), base: basePartyArb, mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) }), weight: 30 },
  // A few bodies left valid: the property must also hold for what the server accepts.
  { arbitrary: fc.record({ kind: fc.constant('mutated' as const), base: basePartyArb, mutations: fc.constant<Mutation[]>([]) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('whole' as const), body: junkValue }), weight: 1 },
)

export interface BaseValues {
  /** The event date `day` days ahead (YYYY-MM-DD, business time zone). */
  dateAhead: (day: number) => string
  /** An active menu item's id. */
  menuItemId: number
  /** A fresh email for this body (unique per body, so valid bodies never collide as duplicates). */
  email: () => string
}

export function bookingFromBase(base: BaseParty, values: BaseValues): Record<string, unknown> {
  return {
    eventDate: values.dateAhead(base.day),
    startTime: base.startTime,
    guests: { adults: base.adults, children: base.children },
    address: { street: '1 Fuzz Street', city: 'New York', state: 'NY', zip: '10001' },
    ...(base.withMenu ? { menu: [{ item: values.menuItemId, quantity: base.quantity }] } : {}),
    contact: { name: 'Fuzz Guest', email: values.email(), phone: '212 555 0100' },
    ...(base.notes !== null ? { specialRequests: base.notes } : {}),
  }
}

export function quoteFromBase(base: BaseParty, values: BaseValues): Record<string, unknown> {
  const { contact: _contact, specialRequests: _notes, address, ...rest } = bookingFromBase(base, values)
  return base.withAddress ? { ...rest, address } : rest
}

function isContainer(v: unknown): v is Record<string | number, unknown> {
  return typeof v === 'object' && v !== null
}

/** Applies mutations to a copy of `body`; missing or non-object parents along a path are created. */
export function applyMutations(body: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(body)
  for (const m of mutations) {
    let parent: Record<string | number, unknown> = copy
    for (const key of m.path.slice(0, -1)) {
      const next = parent[key]
      if (!isContainer(next)) {
        if (m.op === 'delete') break
        parent[key] = {}
      }
      parent = parent[key] as Record<string | number, unknown>
    }
    const last = m.path[m.path.length - 1] as string | number
    if (m.op === 'delete') Reflect.deleteProperty(parent, last)
    else parent[last] = m.value
  }
  return copy
}

export function buildBody(plan: BodyPlan, kind: 'booking' | 'quote', values: BaseValues): unknown {
  if (plan.kind === 'whole') return plan.body
  const base = kind === 'booking' ? bookingFromBase(plan.base, values) : quoteFromBase(plan.base, values)
  return applyMutations(base, plan.mutations)
}

/** One availability query: parameters in order (repeats allowed), as the client would send them. */
export type QueryPlan = [string, string][]

const dayParam = fc.integer({ min: -400, max: 800 })
const queryValue = (dateAhead: (day: number) => string): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: dayParam.map(dateAhead), weight: 4 },
    { arbitrary: junkScalar.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), weight: 3 },
    { arbitrary: trickyString, weight: 1 },
  )

export function queryPlanArb(dateAhead: (day: number) => string): fc.Arbitrary<QueryPlan> {
  const value = queryValue(dateAhead)
  const validRange = fc.tuple(dayParam, fc.integer({ min: 0, max: 70 })).map(([d, n]): QueryPlan => [
    ['from', dateAhead(d)],
    ['to', dateAhead(d + n)],
  ])
  const extra = fc.array(
    fc.tuple(fc.constantFrom('from', 'to', 'guests', 'durationMinutes', 'x', '', 'from[]', 'guests[0]'), fc.oneof(value, fc.integer({ min: -5, max: 600 }).map(String))),
    { maxLength: 3 },
  )
  return fc.oneof(
    fc.tuple(validRange, extra).map(([r, e]) => [...r, ...e]),
    fc.tuple(fc.option(value), fc.option(value), extra).map(([from, to, e]) => [
      ...(from === null ? [] : [['from', from] as [string, string]]),
      ...(to === null ? [] : [['to', to] as [string, string]]),
      ...e,
    ]),
  )
}

/** The query string (URL-encoded, so NUL and quotes arrive as the characters themselves). */
export function queryString(plan: QueryPlan): string {
  const params = new URLSearchParams()
  for (const [k, v] of plan) params.append(k, v)
  return params.toString()
}

/** A body as sent: a JSON value (serialized when sent) or raw text (not JSON, nested too deep, too big). */
export type Wire = { json: unknown } | { text: string }

export function wireText(wire: Wire): string {
  return 'text' in wire ? wire.text : (JSON.stringify(wire.json) ?? 'null')
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    // JSON.parse throws exactly when the text is not JSON: that is the answer.
    return false
  }
}

/** Whether encodeURIComponent takes `s` (it throws on a lone surrogate). */
export function encodable(s: string): boolean {
  try {
    encodeURIComponent(s)
    return true
  } catch {
    // It throws URIError exactly for text it cannot encode: that is the answer.
    return false
  }
}

/** Text that is not JSON, or only barely (duplicate keys, prototype keys, NUL, lone surrogates). */
export const NOT_JSON = [
  '{',
  '}',
  '{"code":',
  "{'code': 'x'}",
  '{"amountCents": 1,}',
  '[1,]',
  'undefined',
  'NaN',
  '-Infinity',
  '0x10',
  '{"a":1}garbage',
  '\u0000',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '"\\uDC00"',
  '\uFEFF{}',
  ' ',
  '',
  '{}{}',
  '{"__proto__":{"amountCents":1,"isAdmin":true}}',
  '{"constructor":{"prototype":{"role":"admin"}}}',
  '{"amountCents":1e400}',
  '{"amountCents":-0}',
  '{"amountCents":1.0}',
  '{"amountCents":100,"amountCents":"100"}',
]

/** Text that is not JSON (or barely), JSON nested up to `maxDepth` deep, and with `oversize` bodies over 64 kB. */
export function notJsonText(opts: { maxDepth: number; oversize?: boolean }): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NOT_JSON), weight: 4 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
    {
      arbitrary: fc.tuple(fc.integer({ min: 500, max: opts.maxDepth }), fc.boolean()).map(([depth, asArray]) => (asArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`)),
      weight: 1,
    },
    ...(opts.oversize ? [{ arbitrary: fc.integer({ min: 66_000, max: 80_000 }).map((n) => `{"pad":"${'x'.repeat(n)}"}`), weight: 1 }] : []),
  )
}
