import { Writable } from 'node:stream'

import { DrizzleQueryError } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { createLogger } from '../../src/server/logger'
import { registry } from '../../src/server/process-registry'

function capture() {
  const lines: Record<string, unknown>[] = []
  const destination = new Writable({
    write(chunk: Buffer, _e, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>)
      cb()
    },
  })
  return { lines, log: createLogger({ level: 'info', destination }) }
}

describe('logger', () => {
  it('keeps a failed query’s parameters (a booking’s contact details) out of the error, its message and the line’s msg', () => {
    const { lines, log } = capture()
    const query = 'insert into "bookings" ("contact_email", "contact_phone", "address_street") values ($1, $2, $3)'
    const err = new DrizzleQueryError(query, ['pat@example.com', '212-555-0100', '1 Main St\nApt 2'], new Error('Connection terminated unexpectedly'))
    // How Payload logs it: the error, and its message as the line's msg.
    log.error({ err, msg: `Error: cannot begin transaction: ${err.message}` })
    log.error(err)
    // Payload's logError for an error that is not 'info': the error alone, no msg.
    log.error({ err })
    const text = JSON.stringify(lines)
    expect(lines).toHaveLength(3)
    expect((lines[2] as { msg: string }).msg).toBe(`Failed query: ${query}\nparams: [redacted]`)
    for (const secret of ['pat@example.com', '212-555-0100', '1 Main St', 'Apt 2']) expect(text).not.toContain(secret)
    const first = lines[0] as { msg: string; err: { message: string; stack: string; params: unknown; query: string } }
    expect(first.err.query).toBe(query)
    expect(first.err.params).toBe('[redacted]')
    expect(first.err.message).toContain('params: [redacted]')
    expect(first.err.stack).toMatch(/params: \[redacted\]\n {4}at /)
    expect(first.msg).toBe(`Error: cannot begin transaction: Failed query: ${query}\nparams: [redacted]`)
    expect((lines[1] as { err: { params: unknown } }).err.params).toBe('[redacted]')
  })

  it('scrubs a failed query’s parameters from any string field a call site names itself (error, stack)', () => {
    const { lines, log } = capture()
    const query = 'update "messages" set "to" = $1 where "messages"."id" = $2'
    const err = new DrizzleQueryError(query, ['guest@example.com', 7], new Error('deadlock detected'))
    log.error({ task: 'sendMessage', jobId: 7, error: err.message, stack: err.stack }, 'a job failed; it is retried with backoff')
    log.error({ task: 'sendMessage', jobId: 7, err }, 'a job failed; it is retried with backoff')
    expect(lines).toHaveLength(2)
    expect(JSON.stringify(lines)).not.toContain('guest@example.com')
    const [named, serialized] = lines as [{ error: string; stack: string; task: string }, { err: { stack: string } }]
    expect(named.error).toBe(`Failed query: ${query}\nparams: [redacted]`)
    expect(named.stack).toMatch(/params: \[redacted\]\n {4}at /)
    expect(named.task).toBe('sendMessage')
    expect(serialized.err.stack).toMatch(/params: \[redacted\]\n {4}at /)
  })

  it('redacts secrets and personal data wherever they appear', () => {
    const { lines, log } = capture()
    log.info(
      {
        email: 'a@b.c',
        contact: { email: 'a@b.c', phone: '555', name: 'Ann' },
        req: { headers: { authorization: 'Bearer x', cookie: 'payload-token=y' } },
        user: { password: 'hunter2' },
      },
      'booking received',
    )
    const line = lines[0] as { email: string; contact: Record<string, string>; req: { headers: Record<string, string> }; user: Record<string, string> }
    expect(line.email).toBe('[redacted]')
    expect(line.contact.email).toBe('[redacted]')
    expect(line.contact.phone).toBe('[redacted]')
    expect(line.contact.name).toBe('Ann')
    expect(line.req.headers.authorization).toBe('[redacted]')
    expect(line.req.headers.cookie).toBe('[redacted]')
    expect(line.user.password).toBe('[redacted]')
  })

  it('stamps the current request ID on lines written inside a request', () => {
    const { lines, log } = capture()
    registry().requestContext.run({ requestId: 'req-42' }, () => log.info('inside'))
    log.info('outside')
    expect(lines[0]?.requestId).toBe('req-42')
    expect(lines[1]?.requestId).toBeUndefined()
  })
})
