/**
 * Input that used to answer 500: text PostgreSQL cannot store, impossible dates in an
 * availability query, menu item ids no row can have. Each must be a ValidationError naming the
 * field, with each rule's message once.
 */
import { describe, expect, it } from 'vitest'

import { ValidationError, fromZodError, uniqueIssuePaths } from '../../src/domain/errors'
import {
  MAX_RECORD_ID,
  availabilityQuerySchema,
  bookingCreateSchema,
  cancelSchema,
  dateSchema,
  guestsSchema,
  menuSelectionSchema,
  parseOrThrow,
  quoteRequestSchema,
  unstorableTextIssues,
  unstorableTextProblem,
} from '../../src/domain/schemas'
import { validationIssues } from './support'

const address = { street: '350 5th Ave', city: 'New York', state: 'NY', zip: '10001' }
const contact = { name: 'Aiko Tanaka', email: 'aiko@example.com', phone: '(212) 555-0100' }
const booking = { eventDate: '2026-06-10', startTime: '17:00', guests: { adults: 10 }, address, contact }

describe('text the database can store', () => {
  it('refuses NUL and lone surrogates, and keeps whole emoji and line breaks', () => {
    expect(unstorableTextProblem('a\u0000b')).toMatch(/NUL/)
    expect(unstorableTextProblem('\uD800')).toMatch(/broken character/)
    expect(unstorableTextProblem('x\uDC00')).toMatch(/broken character/)
    expect(unstorableTextProblem('\uDC00\uD800')).toMatch(/broken character/)
    for (const ok of ['', 'Pat 🍤 Guest', 'line one\nline two\ttab', 'café', '\uD83C\uDF63']) expect(unstorableTextProblem(ok)).toBeUndefined()
  })

  it('finds every bad string in a body by its dotted path', () => {
    const body = { contact: { name: 'ok', phone: 'a\u0000' }, menu: [{ item: 1 }, { id: '\uD800' }], n: 5, ok: null }
    expect(unstorableTextIssues(body).map((i) => i.path)).toEqual(['contact.phone', 'menu.1.id'])
    expect(unstorableTextIssues('\u0000').map((i) => i.path)).toEqual(['body'])
  })

  it('stops at a sane depth instead of recursing without end', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(unstorableTextIssues({ a: deep })).toEqual([{ path: expect.stringMatching(/^a(\.0)+$/), message: 'Nested too deeply' }])
  })

  it('names the free-text field that holds the bad character', () => {
    expect(validationIssues(() => parseOrThrow(bookingCreateSchema, { ...booking, contact: { ...contact, name: 'Pat\u0000' } }))).toEqual([
      { path: 'contact.name', message: expect.stringMatching(/NUL/) },
    ])
    expect(validationIssues(() => parseOrThrow(bookingCreateSchema, { ...booking, address: { ...address, street: '1 \uD800 St' } }))).toEqual([
      { path: 'address.street', message: expect.stringMatching(/broken character/) },
    ])
    expect(validationIssues(() => parseOrThrow(cancelSchema, { reason: 'x\u0000' })).map((i) => i.path)).toEqual(['reason'])
  })
})

describe('dates', () => {
  it('gives one message per bad date, the first rule it breaks', () => {
    expect(validationIssues(() => parseOrThrow(dateSchema, 'x'))).toEqual([{ path: 'body', message: 'Use a YYYY-MM-DD date' }])
    expect(validationIssues(() => parseOrThrow(dateSchema, '2026-13-01'))).toEqual([{ path: 'body', message: 'That date does not exist on the calendar' }])
  })

  it('keeps dates to years date arithmetic can handle', () => {
    expect(dateSchema.safeParse('2026-06-10').success).toBe(true)
    for (const far of ['0001-01-01', '1999-12-31', '3000-01-01', '9999-12-31']) expect(dateSchema.safeParse(far).success).toBe(false)
  })

  it('answers an impossible availability range with a ValidationError, never a RangeError', () => {
    for (const [from, to] of [
      ['2026-13-01', '2026-13-02'],
      ["2026-01-0'1", '2026-01-02'],
      ['2026-02-30', '2026-03-01'],
      ['9999-12-31', '9999-12-31'],
      ['0001-01-01', '0001-01-01'],
    ]) {
      const issues = validationIssues(() => parseOrThrow(availabilityQuerySchema, { from, to }))
      expect(issues.length).toBeGreaterThan(0)
      expect(issues.every((i) => i.path === 'from' || i.path === 'to')).toBe(true)
    }
  })
})

describe('menu item ids', () => {
  it('accepts whole-number ids as numbers or digit strings', () => {
    expect(menuSelectionSchema.parse([{ item: 6, quantity: 1 }, { item: ' 7 ', quantity: 2 }])).toEqual([
      { item: '6', quantity: 1 },
      { item: '7', quantity: 2 },
    ])
  })

  it('refuses ids no row can have, with one plain message', () => {
    for (const item of ['x', 'null', '[object Object]', '', 0, -1, 1.5, 1e20, MAX_RECORD_ID + 1, '99999999999', null, {}, []]) {
      const issues = validationIssues(() => parseOrThrow(menuSelectionSchema, [{ item, quantity: 1 }]))
      expect(issues, JSON.stringify(item)).toEqual([{ path: '0.item', message: 'Choose an item from the menu' }])
    }
  })
})

describe('children', () => {
  it('reads absent or null children as none, in the quote as in the booking', () => {
    expect(guestsSchema.parse({ adults: 4, children: null })).toEqual({ adults: 4, children: 0 })
    expect(parseOrThrow(quoteRequestSchema, { eventDate: '2026-06-10', startTime: '17:00', guests: { adults: 2, children: null } }).guests.children).toBe(0)
  })

  it('still refuses children that are not a whole number', () => {
    for (const children of [[], '2', -1, 1.5, {}]) {
      expect(validationIssues(() => parseOrThrow(guestsSchema, { adults: 2, children })).map((i) => i.path)).toEqual(['children'])
    }
  })
})

describe('issue paths', () => {
  it('names a problem with the whole body `body`', () => {
    const result = quoteRequestSchema.safeParse('x')
    expect(result.success).toBe(false)
    if (!result.success) expect(fromZodError(result.error).issues.map((i) => i.path)).toEqual(['body'])
  })

  it('lists each path once, in order', () => {
    const err = new ValidationError([
      { path: 'eventDate', message: 'a' },
      { path: 'startTime', message: 'b' },
      { path: 'eventDate', message: 'c' },
    ])
    expect(uniqueIssuePaths(err.issues)).toEqual(['eventDate', 'startTime'])
  })
})
