import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  fromZodError,
  isDomainError,
} from '../../src/domain/errors'

describe('domain errors', () => {
  it('gives every error a machine code and keeps them all DomainErrors', () => {
    const errors = [
      new ValidationError([{ path: 'a', message: 'b' }]),
      new ConflictError('taken', 'slot_full'),
      new NotFoundError('no such booking'),
      new ForbiddenError('not yours'),
    ]
    expect(errors.map((e) => e.code)).toEqual(['validation_error', 'conflict', 'not_found', 'forbidden'])
    for (const e of errors) {
      expect(e).toBeInstanceOf(DomainError)
      expect(e).toBeInstanceOf(Error)
      expect(isDomainError(e)).toBe(true)
    }
    expect(isDomainError(new Error('plain'))).toBe(false)
  })

  it('names each error class so logs show what happened', () => {
    expect(new ValidationError([]).name).toBe('ValidationError')
    expect(new ConflictError('x').name).toBe('ConflictError')
    expect(new NotFoundError().name).toBe('NotFoundError')
    expect(new ForbiddenError().name).toBe('ForbiddenError')
  })

  it('keeps the conflict reason as a machine code', () => {
    const err = new ConflictError('That slot is full', 'slot_full')
    expect(err.reason).toBe('slot_full')
    expect(err.message).toBe('That slot is full')
    expect(new ConflictError('no reason').reason).toBeUndefined()
  })

  it('summarises validation issues in the message', () => {
    const err = new ValidationError([
      { path: 'guests.adults', message: 'At least one adult must attend' },
      { path: 'address.zip', message: 'Bad ZIP' },
    ])
    expect(err.message).toBe('Validation failed: guests.adults: At least one adult must attend; address.zip: Bad ZIP')
    expect(ValidationError.single('startTime', 'Too early').issues).toEqual([{ path: 'startTime', message: 'Too early' }])
  })

  it('turns zod issues into dotted paths', () => {
    const schema = z.object({ guests: z.object({ adults: z.number() }), menu: z.array(z.object({ item: z.string() })) })
    const result = schema.safeParse({ guests: { adults: 'ten' }, menu: [{ item: 'a' }, { item: 5 }] })
    if (result.success) throw new Error('expected failure')
    const err = fromZodError(result.error)
    expect(err).toBeInstanceOf(ValidationError)
    expect(err.issues.map((i) => i.path)).toEqual(['guests.adults', 'menu.1.item'])
  })

  it('reports each unknown field at its own path', () => {
    const schema = z.object({ address: z.object({ zip: z.string() }).strict() }).strict()
    const result = schema.safeParse({ address: { zip: '10001', gate: 'B' }, coupon: 'FREE' })
    if (result.success) throw new Error('expected failure')
    const paths = fromZodError(result.error).issues.map((i) => i.path).sort()
    expect(paths).toEqual(['address.gate', 'coupon'])
  })
})
