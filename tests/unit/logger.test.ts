import { Writable } from 'node:stream'

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
