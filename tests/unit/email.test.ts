/**
 * Email configuration and the adapter's outbox mode, without Payload: with no SMTP_URL (outside
 * production) each message becomes an RFC 822 `.eml` file under DATA_DIR/outbox, readable by a
 * mail parser, private to the owner, and logged by file path only (never the recipient).
 * The only I/O is a temporary folder.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { simpleParser, type AddressObject } from 'mailparser'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { EnvError, parseEnv } from '../../src/server/env'

const base = { NODE_ENV: 'development', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32) } as const

describe('email configuration', () => {
  it('defaults the sender to MyHibachi and leaves SMTP_URL unset', () => {
    const env = parseEnv({ ...base })
    expect(env.EMAIL_FROM).toEqual({ name: 'MyHibachi', address: 'bookings@myhibachi.local' })
    expect(env.SMTP_URL).toBeUndefined()
  })

  it('reads EMAIL_FROM as a name and an address, or a bare address', () => {
    expect(parseEnv({ ...base, EMAIL_FROM: '"Hibachi, NYC" <hello@example.com>' }).EMAIL_FROM).toEqual({ name: 'Hibachi, NYC', address: 'hello@example.com' })
    expect(parseEnv({ ...base, EMAIL_FROM: 'hello@example.com' }).EMAIL_FROM).toEqual({ name: '', address: 'hello@example.com' })
  })

  it('names EMAIL_FROM when it is not one address (no header injection)', () => {
    expect(() => parseEnv({ ...base, EMAIL_FROM: 'nobody' })).toThrow(/^Invalid environment: EMAIL_FROM expected an address/)
    expect(() => parseEnv({ ...base, EMAIL_FROM: 'A <a@example.com>\r\nBcc: b@example.com' })).toThrow(/EMAIL_FROM/)
  })

  it('accepts smtp:// and smtps:// URLs and names SMTP_URL otherwise', () => {
    expect(parseEnv({ ...base, SMTP_URL: 'smtps://user:pass@mail.example.com:465' }).SMTP_URL).toBe('smtps://user:pass@mail.example.com:465')
    expect(() => parseEnv({ ...base, SMTP_URL: 'https://mail.example.com' })).toThrow(new EnvError('Invalid environment: SMTP_URL expected an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587'))
  })

  it('requires SMTP_URL in production, but not while `next build` loads the config', () => {
    const production = { ...base, NODE_ENV: 'production' } as const
    expect(() => parseEnv(production)).toThrow('Invalid environment: SMTP_URL is required in production (an smtp:// or smtps:// URL)')
    expect(parseEnv({ ...production, NEXT_PHASE: 'phase-production-build' }).NODE_ENV).toBe('production')
    expect(parseEnv({ ...production, SMTP_URL: 'smtp://mail.example.com' }).SMTP_URL).toBe('smtp://mail.example.com')
  })
})

describe('outbox mode (no SMTP_URL)', () => {
  let dataDir: string
  const previous = { dataDir: process.env.DATA_DIR, logLevel: process.env.LOG_LEVEL }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'myhibachi-email-'))
    process.env.DATA_DIR = dataDir
    // The info line about the file is what this checks; loggers take their level when made.
    process.env.LOG_LEVEL = 'info'
  })

  afterAll(async () => {
    if (previous.dataDir === undefined) delete process.env.DATA_DIR
    else process.env.DATA_DIR = previous.dataDir
    if (previous.logLevel === undefined) delete process.env.LOG_LEVEL
    else process.env.LOG_LEVEL = previous.logLevel
    await rm(dataDir, { recursive: true, force: true })
  })

  it('writes each message as an .eml file under DATA_DIR/outbox and logs the path, not the recipient', async () => {
    const { captureLogs } = await import('../helpers/capture-logs')
    const { emailAdapter } = await import('../../src/infra/email')
    const logs = captureLogs()
    try {
      const adapter = emailAdapter({ from: { name: 'MyHibachi', address: 'bookings@myhibachi.local' } })({ payload: {} as Payload })
      expect(adapter.name).toBe('outbox')
      expect(adapter.defaultFromAddress).toBe('bookings@myhibachi.local')
      expect(adapter.defaultFromName).toBe('MyHibachi')

      const sent = await adapter.sendEmail({ to: 'guest@example.com', subject: 'Confirm your email', html: '<p>Hello <a href="http://localhost:3000/account/verify/abc">link</a></p>' })
      const outbox = path.join(dataDir, 'outbox')
      const files = await readdir(outbox)
      expect(files).toHaveLength(1)
      expect(files[0]).toMatch(/\.eml$/)
      expect(sent.file).toBe(path.join(outbox, files[0] ?? ''))
      expect((await stat(sent.file ?? '')).mode & 0o777).toBe(0o600)

      const parsed = await simpleParser(await readFile(sent.file ?? ''))
      expect(parsed.subject).toBe('Confirm your email')
      expect((parsed.to as AddressObject).value[0]?.address).toBe('guest@example.com')
      expect(parsed.from?.value[0]).toEqual({ name: 'MyHibachi', address: 'bookings@myhibachi.local' })
      expect(parsed.html).toContain('/account/verify/abc')
      expect(parsed.messageId).toBe(sent.messageId)

      await adapter.sendEmail({ to: 'other@example.com', subject: 'Second', html: '<p>2</p>', from: 'Someone <someone@example.com>' })
      expect(await readdir(outbox)).toHaveLength(2)

      const written = logs.lines.filter((l) => l.msg === 'email written to the outbox')
      expect(written.map((l) => l.file)).toContain(sent.file)
      expect(JSON.stringify(logs.lines)).not.toMatch(/guest@example\.com|other@example\.com|Confirm your email/)
    } finally {
      logs.restore()
    }
  })
})

describe('a send that fails', () => {
  it('is rethrown as the transport threw it (its codes intact) and recognised as a failed send; other errors are not', async () => {
    const { emailAdapter, mailSendFailed } = await import('../../src/infra/email')
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const adapter = emailAdapter({ smtpUrl: 'smtp://127.0.0.1:1', from: { name: '', address: 'bookings@myhibachi.local' } })({ payload: {} as Payload })
    const err = await adapter.sendEmail({ to: 'guest@example.com', subject: 'Hello', html: '<p>Hi</p>' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(Error)
    expect((err as { code?: string }).code).toBe('ESOCKET')
    expect(mailSendFailed(err)).toBe(true)
    expect(mailSendFailed(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe(false)
    expect(mailSendFailed(undefined)).toBe(false)

    // What Payload's routes answer for it (sign-up and password emails are sent inside the request).
    const { EMAIL_UNAVAILABLE_MESSAGE, mapDatabaseErrors } = await import('../../src/http/errors')
    const answer = mapDatabaseErrors([])({ error: err, result: undefined } as unknown as Parameters<ReturnType<typeof mapDatabaseErrors>>[0])
    expect(answer).toEqual({ status: 503, response: { errors: [{ name: 'ServiceUnavailable', message: EMAIL_UNAVAILABLE_MESSAGE, data: { reason: 'email_unavailable' } }] } })
  })
})
