import { describe, expect, it } from 'vitest'

import { afterFailedAttempt, bookingEmailKey, isSettled, linkMarker, maskLinks, normalizePhone, previewOf, relationId, retryDelayMs, revealLinks } from '../../src/domain'
import { EnvError, parseEnv } from '../../src/server/env'
import { seal, unseal } from '../../src/server/sealed'

const SECRET = 'a'.repeat(40)

describe('sending attempts', () => {
  it('retries a failed send while attempts remain, then gives up as failed', () => {
    expect(afterFailedAttempt(1, 5).next).toBe('retry')
    expect(afterFailedAttempt(4, 5).next).toBe('retry')
    expect(afterFailedAttempt(5, 5).next).toBe('failed')
    expect(afterFailedAttempt(1, 1).next).toBe('failed')
  })

  it('waits twice as long before each retry', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000])
  })

  it('never sends again what was sent, delivered or received', () => {
    expect(isSettled('sent')).toBe(true)
    expect(isSettled('delivered')).toBe(true)
    expect(isSettled('received')).toBe(true)
    expect(isSettled('queued')).toBe(false)
    expect(isSettled('failed')).toBe(false)
  })
})

describe('phone numbers', () => {
  it('reads US numbers in any spelling as the same E.164 number', () => {
    for (const spelling of ['+1 (212) 555-0100', '212.555.0100', '(212) 555 0100', '1-212-555-0100', '+12125550100']) {
      expect(normalizePhone(spelling)).toBe('+12125550100')
    }
  })

  it('keeps other countries by their + digits and refuses what is not a number', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
    expect(normalizePhone('555-0100')).toBeUndefined()
    expect(normalizePhone('call me')).toBeUndefined()
    expect(normalizePhone('+1234567890123456')).toBeUndefined()
  })
})

describe('one email per booking event', () => {
  it('keys an event by booking, and by variant for events that can repeat', () => {
    expect(bookingEmailKey(12, 'received')).toBe('booking:12:received')
    expect(bookingEmailKey(12, 'rescheduled', '2027-01-02T23:00:00.000Z')).toBe('booking:12:rescheduled:2027-01-02T23:00:00.000Z')
  })
})

describe('private links in stored messages', () => {
  const body = `Manage it here: ${linkMarker('manage')} or pay: ${linkMarker('balance')}`

  it('puts the real link in only when the message is sent, escaped for HTML', () => {
    const links = { manage: 'https://x.test/booking/tok?a=1&b=2' }
    expect(revealLinks(body, links, 'text')).toBe('Manage it here: https://x.test/booking/tok?a=1&b=2 or pay: (private link)')
    expect(revealLinks(`<a href="${linkMarker('manage')}">`, links, 'html')).toBe('<a href="https://x.test/booking/tok?a=1&amp;b=2">')
  })

  it('shows "(private link)" everywhere else', () => {
    expect(maskLinks(body)).toBe('Manage it here: (private link) or pay: (private link)')
    expect(previewOf(maskLinks(body), 30)).toBe('Manage it here: (private link…')
  })

  it('seals links so that only the same secret and purpose open them', () => {
    const box = seal('message-links', '{"manage":"https://x.test/booking/tok"}', SECRET)
    expect(box).not.toContain('tok')
    expect(unseal('message-links', box, SECRET)).toBe('{"manage":"https://x.test/booking/tok"}')
    expect(unseal('other-purpose', box, SECRET)).toBeUndefined()
    expect(unseal('message-links', box, 'b'.repeat(40))).toBeUndefined()
    const [v, iv, tag, data] = box.split('.')
    const flipped = `${data?.startsWith('A') ? 'B' : 'A'}${data?.slice(1) ?? ''}`
    expect(unseal('message-links', [v, iv, tag, flipped].join('.'), SECRET)).toBeUndefined()
    expect(unseal('message-links', 'not a box', SECRET)).toBeUndefined()
  })
})

describe('relationship ids', () => {
  it('reads an id whether the relationship is populated or not', () => {
    expect(relationId(7)).toBe(7)
    expect(relationId({ id: 7, name: 'x' })).toBe(7)
    expect(relationId(null)).toBeNull()
    expect(relationId('7')).toBeNull()
  })
})

describe('messaging environment', () => {
  const base = { NODE_ENV: 'production', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com' } as const
  const twilio = { TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'f'.repeat(32), TWILIO_FROM: '+12125550100' }

  it('turns SMS on only with all three Twilio variables, naming the missing one', () => {
    expect(parseEnv({ ...base, ...twilio }).TWILIO_FROM).toBe('+12125550100')
    expect(() => parseEnv({ ...base, TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: twilio.TWILIO_AUTH_TOKEN })).toThrow(
      new EnvError('Invalid environment: TWILIO_FROM is required with TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (SMS needs the account SID, auth token and sender together)'),
    )
    expect(() => parseEnv({ ...base, TWILIO_FROM: '+12125550100' })).toThrow(/TWILIO_ACCOUNT_SID is required/)
  })

  it('refuses a malformed sender, account SID or inbound secret, naming it', () => {
    expect(() => parseEnv({ ...base, ...twilio, TWILIO_FROM: '212-555-0100' })).toThrow(/TWILIO_FROM expected an E.164 number/)
    expect(() => parseEnv({ ...base, ...twilio, TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/TWILIO_ACCOUNT_SID expected a Twilio account SID/)
    expect(() => parseEnv({ ...base, INBOUND_EMAIL_SECRET: 'short' })).toThrow(/INBOUND_EMAIL_SECRET expected at least 24 characters/)
  })

  it('bounds the sending and polling settings', () => {
    const env = parseEnv({ ...base })
    expect([env.JOBS_POLL_MS, env.MESSAGE_SEND_ATTEMPTS, env.MESSAGE_RETRY_DELAY_MS]).toEqual([1_000, 5, 30_000])
    expect(() => parseEnv({ ...base, MESSAGE_SEND_ATTEMPTS: '0' })).toThrow('Invalid environment: MESSAGE_SEND_ATTEMPTS expected an integer from 1 to 20')
  })
})
