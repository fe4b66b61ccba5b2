/**
 * What error tracking sends and what it never does: the scrubbing every event, span and
 * breadcrumb passes through (src/domain/redact.ts, the logs' own list), the SDK options of the
 * server and the browser (no sessions, no client reports, no spans unless asked, no PII collected),
 * the variables that turn it on, and the browser's reading of the server's answer.
 */
import type { NodeOptions } from '@sentry/nextjs'
import { describe, expect, it } from 'vitest'

import { browserOptions, parseConfig } from '../../src/client/error-tracking'
import { CENSOR, PRIVATE_DATA_COLLECTION, REDACT_PATHS, REDACTED_KEYS, scrubDeep, scrubErrorReport, scrubText } from '../../src/domain/redact'
import { EnvError, parseEnv } from '../../src/server/env'
import { browserErrorTracking, releaseName, serverOptions } from '../../src/server/error-tracking'
import { REDACT_PATHS as LOGGER_REDACT_PATHS } from '../../src/server/logger'

/** The SDK's integration type, as its options name it. */
type Integration = ReturnType<Extract<NonNullable<NodeOptions['integrations']>, (defaults: never) => unknown>>[number]

const base = { NODE_ENV: 'production', DATABASE_URI: 'postgres://u@localhost:5432/db', PAYLOAD_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com' } as const
const DSN = 'https://0123456789abcdef@o1.ingest.sentry.io/42'

/** An event as the Node SDK builds it for a failed booking request, before beforeSend. */
function failedBookingEvent() {
  return {
    event_id: '0f8fad5bd9cb469fa16570867728950e',
    release: 'myhibachi@1.2.3-rc.de',
    environment: 'production',
    tags: { request_id: '12345678-1234-5678-1234-567812345678', 'http.status_code': 500, digest: '2938475612' },
    transaction: 'GET /booking/AbC123-token_xyz',
    user: { email: 'ann@example.com', ip_address: '203.0.113.9' },
    request: {
      method: 'POST',
      url: 'https://myhibachi.test/api/bookings?email=ann%40example.com&depth=0',
      query_string: 'email=ann%40example.com',
      cookies: { 'payload-token': 'eyJhbGciOi.secret' },
      data: '{"contact":{"name":"Ann Lee","email":"ann@example.com","phone":"212-555-0100"}}',
      headers: {
        Cookie: 'payload-token=eyJhbGciOi.secret',
        Authorization: 'Bearer sk_live_abc',
        'X-Forwarded-For': '203.0.113.9',
        Referer: 'https://myhibachi.test/booking/AbC123-token_xyz?welcome=1',
        'User-Agent': 'Mozilla/5.0',
        'x-request-id': '12345678-1234-5678-1234-567812345678',
      },
    },
    exception: {
      values: [
        {
          type: 'DrizzleQueryError',
          value: 'Failed query: insert into "customers" ("name", "email", "phone") values ($1, $2, $3)\nparams: Ann Lee,ann@example.com,+1 212 555 0100',
          stacktrace: { frames: [{ filename: '/app/.next/server/chunks/ssr/1234567890.js', lineno: 12, colno: 3456 }] },
        },
        { type: 'Error', value: 'no customer for ann@example.com (call 212-555-0100)' },
      ],
    },
    extra: { contact: { email: 'ann@example.com', phone: '212-555-0100', address: { street: '1 Main St' } }, manageToken: 'tok', apiKey: 'k' },
    breadcrumbs: [{ category: 'fetch', data: { url: '/api/bookings/manage/AbC123-token_xyz/cancel', method: 'POST' } }],
    contexts: { nextjs: { request_path: '/account/login/ZZtoken99?next=/account&name=Ann+Lee' } },
  }
}

describe('the scrubbing list is the logs’ list', () => {
  it('is the very array the logger redacts with', () => {
    expect(LOGGER_REDACT_PATHS).toBe(REDACT_PATHS)
  })

  it('reports drop every name the log paths end in, at any depth', () => {
    for (const name of ['authorization', 'cookie', 'x-api-key', 'set-cookie', 'password', 'token', 'secret', 'apikey', 'managetoken', 'email', 'phone', 'address']) expect(REDACTED_KEYS.has(name), name).toBe(true)
    expect(scrubDeep({ a: { b: { c: { d: { Email: 'x@y.z', Phone: '1', ok: 'kept' } } } } })).toEqual({ a: { b: { c: { d: { Email: CENSOR, Phone: CENSOR, ok: 'kept' } } } } })
  })
})

describe('scrubText', () => {
  it('replaces e-mail addresses, phone numbers and link tokens', () => {
    expect(scrubText('mail ann.lee@mail.example.co.uk or call +1 (212) 555-0100 / 2125550100')).toBe('mail [email] or call [phone] / [phone]')
    expect(scrubText('GET /account/login/AbC123?next=1')).toBe('GET /account/login/[token]?next=1')
  })

  it('cuts a database driver’s parameters, which quote the row', () => {
    expect(scrubText('Failed query: select 1\nparams: Ann,ann@example.com\n,more')).toBe(`Failed query: select 1\nparams: ${CENSOR}`)
  })

  it('leaves identifiers, versions and stack positions alone', () => {
    const text = 'request 12345678-1234-5678-1234-567812345678 at page.js:12:3456 v1.2.3 id 123456 /chunks/1234567890.js'
    expect(scrubText(text)).toBe(text)
  })
})

describe('scrubErrorReport', () => {
  const scrubbed = scrubErrorReport(failedBookingEvent())
  const text = JSON.stringify(scrubbed)

  it('keeps of the request only its method, its URL without the query and harmless headers', () => {
    expect(scrubbed.request).toEqual({
      method: 'POST',
      url: 'https://myhibachi.test/api/bookings',
      headers: { 'User-Agent': 'Mozilla/5.0', 'x-request-id': '12345678-1234-5678-1234-567812345678' },
    })
  })

  it('drops the user, and names, e-mails, phones, cookies, tokens and bodies everywhere', () => {
    expect(scrubbed.user).toBeUndefined()
    for (const secret of ['ann@example.com', 'ann%40example.com', 'Ann Lee', '212-555-0100', '212 555 0100', 'eyJhbGciOi', 'sk_live_abc', '203.0.113.9', 'AbC123-token_xyz', 'ZZtoken99', '1 Main St', '"tok"']) {
      expect(text, secret).not.toContain(secret)
    }
    expect(scrubbed.extra).toEqual({ contact: { email: CENSOR, phone: CENSOR, address: CENSOR }, manageToken: CENSOR, apiKey: CENSOR })
  })

  it('keeps what identifies the event: its ID, the release, the request ID and digest tags, the stack', () => {
    expect(scrubbed.event_id).toBe('0f8fad5bd9cb469fa16570867728950e')
    expect(scrubbed.release).toBe('myhibachi@1.2.3-rc.de')
    expect(scrubbed.tags).toEqual({ request_id: '12345678-1234-5678-1234-567812345678', 'http.status_code': 500, digest: '2938475612' })
    expect(scrubbed.exception.values[0]?.stacktrace).toEqual({ frames: [{ filename: '/app/.next/server/chunks/ssr/1234567890.js', lineno: 12, colno: 3456 }] })
    expect(scrubbed.exception.values[1]?.value).toBe('no customer for [email] (call [phone])')
    expect(scrubbed.transaction).toBe('GET /booking/[token]')
    expect(scrubbed.breadcrumbs[0]?.data.url).toBe('/api/bookings/manage/[token]/cancel')
    expect(scrubbed.contexts.nextjs.request_path).toBe('/account/login/[token]')
  })

  it('does not change the event it is given', () => {
    const event = failedBookingEvent()
    scrubErrorReport(event)
    expect(event).toEqual(failedBookingEvent())
  })
})

describe('the server SDK options', () => {
  const on = parseEnv({ ...base, SENTRY_DSN: DSN, SENTRY_RELEASE: 'abc123', PUBLIC_SERVER_URL: 'https://myhibachi.test/x' })
  const integration = (name: string) => ({ name }) as Integration

  it('sends errors only: no sessions, no client reports, no tracing unless a rate above 0 is set', () => {
    const options = serverOptions(on, 'server')
    expect(options.dsn).toBe(DSN)
    expect(options.release).toBe('abc123')
    expect(options.environment).toBe('production')
    expect(options.sendClientReports).toBe(false)
    expect(options.tracesSampleRate).toBeUndefined()
    expect(options.tracePropagationTargets).toEqual(['https://myhibachi.test'])
    expect(serverOptions(parseEnv({ ...base, SENTRY_DSN: DSN, SENTRY_TRACES_SAMPLE_RATE: '0.25' }), 'server').tracesSampleRate).toBe(0.25)
    const integrations = options.integrations as (defaults: Integration[]) => Integration[]
    const names = integrations([integration('ProcessSession'), integration('Http'), integration('OnUnhandledRejection'), integration('Console')]).map((i) => i.name)
    expect(names).toEqual(['Console', 'Http', 'OnUnhandledRejection'])
  })

  it('lets the SDK collect no user, cookie, body, query or variables', () => {
    const options = serverOptions(on, 'worker')
    expect(options.dataCollection).toBe(PRIVATE_DATA_COLLECTION)
    expect(PRIVATE_DATA_COLLECTION).toMatchObject({ userInfo: false, cookies: false, httpBodies: [], urlQueryParams: false, stackFrameVariables: false, databaseQueryData: false })
  })

  it('scrubs events and breadcrumbs on their way out', () => {
    const options = serverOptions(on, 'server')
    const event = options.beforeSend?.(failedBookingEvent() as never, {}) as unknown as ReturnType<typeof failedBookingEvent>
    expect(event.user).toBeUndefined()
    expect(JSON.stringify(event)).not.toContain('ann@example.com')
    const crumb = options.beforeBreadcrumb?.({ category: 'http', data: { url: 'https://x.test/booking/SECRETtok1?name=Ann+Lee', 'http.query': 'name=Ann+Lee' }, message: 'to ann@example.com' })
    expect(crumb).toEqual({ category: 'http', data: { url: 'https://x.test/booking/[token]' }, message: 'to [email]' })
    const navigation = options.beforeBreadcrumb?.({ category: 'navigation', data: { from: '/book?name=Ann', to: '/booking/SECRETtok1?welcome=1' } })
    expect(navigation).toEqual({ category: 'navigation', data: { from: '/book', to: '/booking/[token]' } })
  })

  it('names the release after package.json when SENTRY_RELEASE is unset', () => {
    expect(releaseName(parseEnv({ ...base }))).toMatch(/^myhibachi@\d+\.\d+\.\d+/)
  })
})

describe('the variables', () => {
  it('leave error tracking off by default, and tell the browser so', () => {
    const env = parseEnv({ ...base })
    expect(env.SENTRY_DSN).toBeUndefined()
    expect(env.SENTRY_TRACES_SAMPLE_RATE).toBe(0)
    expect(browserErrorTracking(env)).toEqual({ dsn: null })
  })

  it('give the browser the DSN, release, environment and rate when on', () => {
    expect(browserErrorTracking(parseEnv({ ...base, SENTRY_DSN: DSN, SENTRY_RELEASE: 'r1', SENTRY_ENVIRONMENT: 'staging', SENTRY_TRACES_SAMPLE_RATE: '0.1' }))).toEqual({ dsn: DSN, release: 'r1', environment: 'staging', tracesSampleRate: 0.1 })
  })

  it('refuse a malformed DSN or rate, naming the variable', () => {
    expect(() => parseEnv({ ...base, SENTRY_DSN: 'https://o1.ingest.sentry.io/42' })).toThrow(new EnvError('Invalid environment: SENTRY_DSN expected a Sentry DSN, https://<key>@<host>/<project id>'))
    expect(() => parseEnv({ ...base, SENTRY_DSN: 'https://key@o1.ingest.sentry.io/' })).toThrow(/SENTRY_DSN/)
    expect(() => parseEnv({ ...base, SENTRY_TRACES_SAMPLE_RATE: '1.5' })).toThrow('Invalid environment: SENTRY_TRACES_SAMPLE_RATE expected a number from 0 to 1')
    expect(() => parseEnv({ ...base, SENTRY_RELEASE: 'has space' })).toThrow(/SENTRY_RELEASE/)
  })
})

describe('the browser side', () => {
  it('reads the server’s answer, and nothing else', () => {
    expect(parseConfig({ dsn: null })).toEqual({ dsn: null, release: undefined, environment: undefined, tracesSampleRate: 0 })
    expect(parseConfig({ dsn: DSN, release: 'r', environment: 'e', tracesSampleRate: 0.5 })).toEqual({ dsn: DSN, release: 'r', environment: 'e', tracesSampleRate: 0.5 })
    expect(parseConfig({ dsn: 3 })).toBeNull()
    expect(parseConfig('<html>')).toBeNull()
  })

  it('keeps no session and no tracing unless the rate is above 0', () => {
    const defaults = ['BrowserSession', 'BrowserTracing', 'GlobalHandlers'].map((name) => ({ name }) as Integration)
    const off = browserOptions({ dsn: DSN, tracesSampleRate: 0 })
    expect((off.integrations as (d: Integration[]) => Integration[])(defaults).map((i) => i.name)).toEqual(['GlobalHandlers'])
    expect(off.tracesSampleRate).toBeUndefined()
    expect(off.sendClientReports).toBe(false)
    expect(off.dataCollection).toBe(PRIVATE_DATA_COLLECTION)
    const traced = browserOptions({ dsn: DSN, tracesSampleRate: 0.2 })
    expect((traced.integrations as (d: Integration[]) => Integration[])(defaults).map((i) => i.name)).toEqual(['BrowserTracing', 'GlobalHandlers'])
    expect(traced.tracesSampleRate).toBe(0.2)
  })
})
