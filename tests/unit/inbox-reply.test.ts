// The rules of a staff reply from the inbox (src/domain/messaging/reply.ts), as the business says them.
import { describe, expect, it } from 'vitest'

import { ValidationError } from '../../src/domain'
import { defaultReplySubject, replySchema } from '../../src/domain/messaging/reply'
import { parseOrThrow } from '../../src/domain/schemas'

function pathsOf(input: unknown): string[] {
  try {
    parseOrThrow(replySchema, input)
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => i.path)
    throw err
  }
  return []
}

describe('a staff reply', () => {
  it('goes by email, text or internal note, with words, trimmed', () => {
    expect(parseOrThrow(replySchema, { channel: 'note', body: '  Call after 5  ' })).toEqual({ channel: 'note', body: 'Call after 5' })
    expect(parseOrThrow(replySchema, { channel: 'email', body: 'Hi', subject: ' Hello ', bookingId: '12' })).toEqual({ channel: 'email', body: 'Hi', subject: 'Hello', bookingId: 12 })
    expect(pathsOf({ channel: 'fax', body: 'Hi' })).toEqual(['channel'])
    expect(pathsOf({ channel: 'web', body: 'Hi' })).toEqual(['channel'])
  })

  it('needs words, at most 5000 characters', () => {
    expect(pathsOf({ channel: 'email', body: '   ' })).toEqual(['body'])
    expect(pathsOf({ channel: 'email' })).toEqual(['body'])
    expect(pathsOf({ channel: 'email', body: 'x'.repeat(5001) })).toEqual(['body'])
    expect(pathsOf({ channel: 'email', body: 'x'.repeat(5000) })).toEqual([])
  })

  it('has a subject only when it is an email', () => {
    expect(pathsOf({ channel: 'sms', body: 'Hi', subject: 'Hello' })).toEqual(['subject'])
    expect(pathsOf({ channel: 'note', body: 'Hi', subject: '   ' })).toEqual([])
    expect(pathsOf({ channel: 'email', body: 'Hi', subject: 'x'.repeat(301) })).toEqual(['subject'])
  })

  it('names a booking by its id, or none; never a recipient of its own', () => {
    expect(pathsOf({ channel: 'note', body: 'Hi', bookingId: null })).toEqual([])
    expect(pathsOf({ channel: 'note', body: 'Hi', bookingId: 0 })).toEqual(['bookingId'])
    expect(pathsOf({ channel: 'note', body: 'Hi', bookingId: '12a' })).toEqual(['bookingId'])
    expect(pathsOf({ channel: 'email', body: 'Hi', to: 'someone@example.com' })).toEqual(['to'])
  })
})

describe('the subject of an email reply left empty', () => {
  it('answers the last email: "Re: " once, never "Re: Re:"', () => {
    expect(defaultReplySubject('Party size', 'MyHibachi')).toBe('Re: Party size')
    expect(defaultReplySubject('RE: re:  Party   size ', 'MyHibachi')).toBe('Re: Party size')
  })

  it('says who it is from when the thread has no email yet', () => {
    expect(defaultReplySubject(undefined, 'MyHibachi')).toBe('Message from MyHibachi')
    expect(defaultReplySubject('   ', 'Hibachi Bros')).toBe('Message from Hibachi Bros')
  })

  it('stays within the 300 characters a subject may have', () => {
    expect(defaultReplySubject('x'.repeat(400), 'MyHibachi')).toHaveLength(300)
  })
})
