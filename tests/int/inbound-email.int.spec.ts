/**
 * Inbound email against real Postgres, through Payload's real REST handler, posted as SendGrid's
 * Inbound Parse posts it (multipart/form-data, boundary xYzZY, fields in the charsets it names) or
 * as a urlencoded form:
 * - behind INBOUND_EMAIL_SECRET (Basic auth password or Bearer): missing or wrong is a 401 before
 *   the body is read; over 1 MB a 413; not a form a 415; no sender or nothing to read a 400 naming it;
 *   nothing written on any refusal;
 * - a mail from a customer lands in their thread, as the reply only (the quoted conversation cut),
 *   linked to the booking its subject names when it is theirs (never someone else's), else to the
 *   booking of the email of ours it replies to, else to their next one; an unknown sender becomes
 *   a customer (unverified); the same Message-ID is stored once;
 * - fast-check: arbitrary bodies never give a 5xx and write nothing unless authenticated and
 *   valid; and nothing logged carries an address, a subject or a body.
 * Booking days: dateAhead(6..9).
 */
import { createLocalReq, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { applySettings, bookingBody, dateAhead, errorPaths, runTag, type DocResponse } from '../helpers/bookings-fixtures'
import { captureLogs } from '../helpers/capture-logs'
import { junkScalar } from '../helpers/fuzz-bodies'
import { restClient, type RestResponse } from '../helpers/rest'

// Info lines too, so the test of what is logged sees the inbound lines (set before the logger is made).
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'info'
})

const RUN = runTag()
const SECRET = `inbound-${RUN}-0123456789abcdefghij`
const SET = ['INBOUND_EMAIL_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const
const saved: Record<string, string | undefined> = {}

let payload: Payload
let config: Promise<SanitizedConfig>
let rest: ReturnType<typeof restClient>

/** Customer B writes to us; C is someone else with a booking of their own. */
const B = { email: `inbound-b-${RUN}@example.com`, customerId: 0, nextId: 0, laterId: 0 }
const C = { email: `inbound-c-${RUN}@example.com`, bookingId: 0 }

beforeAll(async () => {
  for (const name of SET) saved[name] = process.env[name]
  process.env.INBOUND_EMAIL_SECRET = SECRET
  // This file's app has no SMS: Twilio's webhooks must say so (503).
  for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) Reflect.deleteProperty(process.env, name)
  config = ((await import('../../payload.config')) as { default: Promise<SanitizedConfig> }).default
  payload = await getPayload({ config })
  rest = restClient(config)
  await applySettings(payload, { chefCount: 10 })
  B.laterId = await book(9, B.email)
  B.nextId = await book(6, B.email)
  C.bookingId = await book(7, C.email)
  B.customerId = Number((await payload.findByID({ collection: 'bookings', id: B.nextId, depth: 0, overrideAccess: true })).customer)
})

afterAll(async () => {
  // Writes purge the availability cache 750 ms after commit: let the last one run before teardown closes Redis.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name)
    else process.env[name] = value
  }
})

async function book(day: number, email: string): Promise<number> {
  const res = await rest<DocResponse>('POST', '/bookings', { body: bookingBody(dateAhead(day), email, { contact: { name: 'Bea Booker', email, phone: '332 555 0199' } }) })
  expect(res.status).toBe(201)
  return res.body.doc.id
}

const BASIC = `Basic ${Buffer.from(`sendgrid:${SECRET}`).toString('base64')}`
const BOUNDARY = 'xYzZY'

type Field = string | Buffer | { file: Buffer; filename: string; type: string }

/** A multipart/form-data body as SendGrid writes it. */
function multipart(fields: Record<string, Field>, boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'object' && !Buffer.isBuffer(value)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type}\r\n\r\n`), value.file, Buffer.from('\r\n'))
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n'))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

interface Answer {
  status: number
  headers: Headers
  body: { received?: boolean; id?: number; created?: boolean; errors?: { name: string; message: string; data?: { reason?: string; errors?: { path: string }[] } }[] }
}

async function post(body: Buffer | string, contentType: string | null, authorization: string | null = BASIC): Promise<Answer> {
  const headers = new Headers()
  if (contentType) headers.set('Content-Type', contentType)
  if (authorization) headers.set('Authorization', authorization)
  const request = new Request('http://localhost:3000/api/inbound/email', { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) })
  const response = await handleEndpoints({ config, path: '/api/inbound/email', request })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} }
}

const sendgrid = (fields: Record<string, Field>, authorization: string | null = BASIC) => post(multipart(fields), `multipart/form-data; boundary=${BOUNDARY}`, authorization)

const paths = (a: Answer) => errorPaths(a as unknown as RestResponse<unknown>)

let mailCount = 0
/** The fields SendGrid posts for a plain mail (its own Message-ID each time unless given). */
function mail(opts: { from: string; subject?: string; text?: string; html?: string; messageId?: string; extraHeaders?: string }): Record<string, Field> {
  mailCount++
  const messageId = opts.messageId ?? `<CA+${RUN}-${mailCount}@mail.gmail.com>`
  const headers = `Received: by mx.sendgrid.net\r\nMessage-ID: ${messageId}\r\nDate: Mon, 1 Jun 2026 10:00:00 -0400\r\nFrom: ${opts.from}\r\nTo: bookings@parse.myhibachi.test\r\nSubject: ${opts.subject ?? ''}\r\n${opts.extraHeaders ?? ''}`
  return {
    headers,
    dkim: '{@gmail.com : pass}',
    to: 'bookings@parse.myhibachi.test',
    from: opts.from,
    sender_ip: '209.85.128.41',
    envelope: JSON.stringify({ to: ['bookings@parse.myhibachi.test'], from: 'bounce@example.com' }),
    subject: opts.subject ?? '',
    ...(opts.text !== undefined ? { text: opts.text } : {}),
    ...(opts.html !== undefined ? { html: opts.html } : {}),
    charsets: JSON.stringify({ to: 'UTF-8', html: 'UTF-8', subject: 'UTF-8', from: 'UTF-8', text: 'UTF-8' }),
    SPF: 'pass',
  }
}

async function stored(id: number | undefined) {
  return payload.findByID({ collection: 'messages', id: Number(id), depth: 0, overrideAccess: true, showHiddenFields: true })
}

async function customerIdByEmail(email: string): Promise<number | undefined> {
  return (await payload.find({ collection: 'customers', where: { email: { equals: email } }, depth: 0, overrideAccess: true, limit: 1 })).docs[0]?.id
}

describe('a mail from a customer', () => {
  it('lands in their thread as the reply only, linked to the booking its subject names', async () => {
    const messageId = `<CA+known-${RUN}@mail.gmail.com>`
    const res = await sendgrid(
      mail({
        from: `Bea Booker <${B.email.toUpperCase()}>`,
        subject: `Re: Booking #${B.laterId} — can we start at 6?`,
        text: `Hi! Can we start at 6pm instead?\n\nThanks,\nBea\n\nOn Mon, Jun 1, 2026 at 10:00 AM MyHibachi <bookings@myhibachi.test> wrote:\n> Your booking is confirmed.\n> See you then`,
        messageId,
      }),
    )
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ received: true, created: true })
    const message = await stored(res.body.id)
    expect(message).toMatchObject({
      channel: 'email',
      direction: 'inbound',
      status: 'received',
      customer: B.customerId,
      booking: B.laterId,
      from: B.email,
      subject: `Re: Booking #${B.laterId} — can we start at 6?`,
      body: 'Hi! Can we start at 6pm instead?\n\nThanks,\nBea',
      providerId: messageId,
    })
    const thread = await payload.findByID({ collection: 'threads', id: Number(message.thread), depth: 0, overrideAccess: true })
    expect(thread.customer).toBe(B.customerId)
    expect(thread.lastChannel).toBe('email')
    expect(thread.lastDirection).toBe('inbound')
    expect(thread.unreadCount).toBeGreaterThanOrEqual(1)

    // SendGrid delivering it again (a retry after a timeout) stores nothing new.
    const again = await sendgrid(mail({ from: B.email, subject: 'changed', text: 'changed', messageId }))
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ received: true, id: res.body.id, created: false })
    expect((await payload.find({ collection: 'messages', where: { providerId: { equals: messageId } }, overrideAccess: true })).totalDocs).toBe(1)
  })

  it('delivered several times at once is stored once', async () => {
    const fields = mail({ from: B.email, subject: 'Parking', text: 'Where should the chef park?' })
    const answers = await Promise.all([sendgrid(fields), sendgrid(fields), sendgrid(fields)])
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(answers.filter((a) => a.body.created)).toHaveLength(1)
  })

  it("naming someone else's booking is not linked to it, but to their own next booking", async () => {
    const res = await sendgrid(mail({ from: B.email, subject: `About booking ${C.bookingId}`, text: 'Is this mine?' }))
    expect(res.status).toBe(200)
    expect((await stored(res.body.id)).booking).toBe(B.nextId)
  })

  it('replying to an email of ours is linked to that email’s booking', async () => {
    const { threadFor } = await import('../../src/collections/Messages/threads')
    const req = await createLocalReq({}, payload)
    const thread = await threadFor(req, { customerId: B.customerId })
    const ours = `<message-${RUN}-1700000000000@myhibachi.local>`
    // The system records a sent email as the outbox does (status sent, Message-ID as providerId).
    await payload.create({
      collection: 'messages',
      data: { thread, customer: B.customerId, booking: B.laterId, channel: 'email', direction: 'outbound', status: 'sent', subject: 'Your booking', body: 'Confirmed', providerId: ours, attempts: 1 },
      overrideAccess: true,
    })
    const res = await sendgrid(mail({ from: B.email, subject: 'Re: Your booking', text: 'Great, thanks', extraHeaders: `In-Reply-To: ${ours}\r\nReferences: <other@x> ${ours}\r\n` }))
    expect(res.status).toBe(200)
    expect((await stored(res.body.id)).booking).toBe(B.laterId)
  })

  it('in another charset is read in that charset', async () => {
    const fields = mail({ from: B.email, subject: 'Menu' })
    fields.text = Buffer.from("Pouvons-nous avoir du riz frit à l'ail ? Merci, Zoë", 'latin1')
    fields.charsets = JSON.stringify({ to: 'UTF-8', subject: 'UTF-8', from: 'UTF-8', text: 'iso-8859-1' })
    const res = await sendgrid(fields)
    expect(res.status).toBe(200)
    expect((await stored(res.body.id)).body).toBe("Pouvons-nous avoir du riz frit à l'ail ? Merci, Zoë")
  })

  it('with only HTML is kept as its text; attachments are noted, not kept', async () => {
    const fields = mail({ from: B.email, subject: 'Backyard', html: '<div dir="ltr"><p>Here is the yard.</p><p>Grill goes <b>left</b>.</p><div class="gmail_quote"><blockquote>old thread</blockquote></div></div>' })
    fields.attachment1 = { file: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), filename: 'yard.jpg', type: 'image/jpeg' }
    fields.attachments = '1'
    const res = await sendgrid(fields)
    expect(res.status).toBe(200)
    const message = await stored(res.body.id)
    expect(message.body).toBe('Here is the yard.\n\nGrill goes left.\n\n(1 attachment not kept: ask the customer to send it another way if needed)')
    expect(message.html).toBeNull()
  })
})

describe('a mail from an unknown sender', () => {
  it('makes them a customer (unverified, named as the mail names them) with a thread, once', async () => {
    const email = `inbound-new-${RUN}@example.com`
    const first = await post(
      new URLSearchParams({ from: `=?UTF-8?Q?Ren=C3=A9e?= Newcomer <${email}>`, subject: 'Catering for 30?', text: 'Do you do corporate events?', headers: `Message-ID: <new-${RUN}@example.com>\r\n` }).toString(),
      'application/x-www-form-urlencoded',
      `Bearer ${SECRET}`,
    )
    expect(first.status).toBe(200)
    const customerId = await customerIdByEmail(email)
    expect(customerId).toBeDefined()
    const customer = await payload.findByID({ collection: 'customers', id: Number(customerId), depth: 0, overrideAccess: true })
    expect(customer).toMatchObject({ name: 'Renée Newcomer', _verified: false })
    const message = await stored(first.body.id)
    expect(message).toMatchObject({ customer: customerId, booking: null, subject: 'Catering for 30?', body: 'Do you do corporate events?' })

    const second = await sendgrid(mail({ from: email, subject: 'Also', text: 'And weddings?' }))
    expect(second.status).toBe(200)
    expect((await stored(second.body.id)).thread).toBe(message.thread)
    expect((await payload.find({ collection: 'customers', where: { email: { equals: email } }, overrideAccess: true })).totalDocs).toBe(1)
  })
})

describe('a refused post writes nothing', () => {
  const stranger = (n: string) => `inbound-refused-${n}-${RUN}@example.com`

  it('without the secret is a 401 (before the body is read), with how to authenticate', async () => {
    const cases: [string, string | null][] = [
      ['none', null],
      ['basic', `Basic ${Buffer.from(`sendgrid:${SECRET}x`).toString('base64')}`],
      ['bearer', 'Bearer not-the-secret-at-all-0000000'],
      ['scheme', `Token ${SECRET}`],
      ['nocolon', `Basic ${Buffer.from(SECRET).toString('base64')}`],
    ]
    for (const [name, authorization] of cases) {
      const res = await sendgrid(mail({ from: stranger(name), text: 'hi' }), authorization)
      expect(res.status, name).toBe(401)
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Basic realm=/)
      expect(await customerIdByEmail(stranger(name))).toBeUndefined()
    }
    // A 2 MB body without the secret is refused for the secret, not read.
    expect((await post(Buffer.alloc(2 * 1024 * 1024, 0x61), 'application/x-www-form-urlencoded', null)).status).toBe(401)
  })

  it('over 1 MB is a 413; not a form is a 415', async () => {
    const big = multipart({ ...mail({ from: stranger('big'), text: 'x' }), html: 'y'.repeat(1024 * 1024) })
    const tooBig = await post(big, `multipart/form-data; boundary=${BOUNDARY}`)
    expect(tooBig.status).toBe(413)
    expect(await customerIdByEmail(stranger('big'))).toBeUndefined()
    const json = await post(JSON.stringify({ from: stranger('json'), text: 'hi' }), 'application/json')
    expect(json.status).toBe(415)
    expect(await customerIdByEmail(stranger('json'))).toBeUndefined()
  })

  it('without a sender, a sender address or anything to read is a 400 naming the field', async () => {
    const { from: _from, ...noFrom } = mail({ from: stranger('nofrom'), text: 'hi' })
    expect(paths(await sendgrid(noFrom))).toEqual(['from'])
    expect(paths(await sendgrid(mail({ from: 'Just A Name', text: 'hi' })))).toEqual(['from'])
    const noText = await sendgrid(mail({ from: stranger('notext'), text: '   ', html: '<p> </p>' }))
    expect(noText.status).toBe(400)
    expect(paths(noText)).toEqual(['text'])
    expect(await customerIdByEmail(stranger('notext'))).toBeUndefined()
  })

  it('that is not well-formed multipart is a 400 on body', async () => {
    const res = await post(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="from"\r\n\r\n${stranger('broken')}`), `multipart/form-data; boundary=${BOUNDARY}`)
    expect(res.status).toBe(400)
    expect(paths(res)).toEqual(['body'])
    expect((await post('x', 'multipart/form-data')).status).toBe(400)
    expect(await customerIdByEmail(stranger('broken'))).toBeUndefined()
  })
})

describe('the Twilio webhooks of an app without SMS', () => {
  it('answer 503 with the reason, and never pretend', async () => {
    for (const path of ['/twilio/sms', '/twilio/status']) {
      const res = await rest('POST', path, { headers: { 'X-Twilio-Signature': 'x' } })
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ errors: [{ name: 'ServiceUnavailable', data: { reason: 'sms_not_configured' } }] })
    }
  })
})

describe('what is logged', () => {
  it('names no address, subject or body', async () => {
    const email = `inbound-logged-${RUN}@example.com`
    const logs = captureLogs()
    try {
      expect((await sendgrid(mail({ from: `Logan Private <${email}>`, subject: `Private subject ${RUN}`, text: `Private body ${RUN}` }))).status).toBe(200)
      expect((await sendgrid(mail({ from: email, text: 'x' }), 'Bearer wrong-secret-000000000000000')).status).toBe(401)
      expect((await sendgrid(mail({ from: 'nobody', text: `Refused body ${RUN}` }))).status).toBe(400)
    } finally {
      logs.restore()
    }
    expect(logs.lines.filter((l) => l.module === 'inbound' && l.msg === 'inbound email')).toHaveLength(1)
    expect(logs.lines.some((l) => l.module === 'inbound-email' && l.level === 40)).toBe(true)
    const text = JSON.stringify(logs.lines)
    for (const secret of [email, 'Logan Private', `Private subject ${RUN}`, `Private body ${RUN}`, `Refused body ${RUN}`, SECRET]) expect(text).not.toContain(secret)
  })
})

describe('arbitrary bodies to the inbound email endpoint (fast-check)', () => {
  let n = 0
  const fieldName = fc.constantFrom('from', 'to', 'subject', 'text', 'html', 'headers', 'envelope', 'charsets', 'attachments', '', 'x')
  const fieldValue = fc.oneof(
    { arbitrary: junkScalar.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))), weight: 4 },
    { arbitrary: fc.constantFrom('<b>hi</b>', '=?UTF-8?B?Wm/DqyBTbWl0aA==?= <a@b.co>', 'Message-ID: <x@y>', '{"text":"x-no-such"}', 'On Mon wrote:\n> x', '#12', ''), weight: 2 },
  )
  const plan = fc.record({
    auth: fc.constantFrom('right', 'right', 'right', 'wrong', 'none'),
    kind: fc.constantFrom('multipart', 'multipart', 'urlencoded', 'json', 'raw'),
    withSender: fc.boolean(),
    withText: fc.boolean(),
    fields: fc.dictionary(fieldName, fieldValue, { maxKeys: 5 }),
    raw: fc.uint8Array({ maxLength: 300 }),
    boundary: fc.constantFrom(BOUNDARY, 'other', 'a"b', ''),
  })

  it('never answer 5xx, and make a customer only for an authenticated, valid mail', async () => {
    const refused: string[] = []
    const statuses = new Set<number>()
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        n++
        const email = `inbound-fuzz-${n}-${RUN}@example.com`
        const fields: Record<string, string> = { ...(p.withSender ? { from: `Fuzz <${email}>` } : {}), ...(p.withText ? { text: 'fuzz text' } : {}), ...p.fields }
        const authorization = p.auth === 'right' ? BASIC : p.auth === 'wrong' ? 'Bearer nope-nope-nope-nope-nope-nope' : null
        let body: Buffer | string
        let type: string
        if (p.kind === 'multipart') {
          body = multipart(fields, p.boundary || BOUNDARY)
          type = `multipart/form-data${p.boundary ? `; boundary=${p.boundary}` : ''}`
        } else if (p.kind === 'urlencoded') {
          body = new URLSearchParams(fields).toString()
          type = 'application/x-www-form-urlencoded'
        } else if (p.kind === 'json') {
          body = JSON.stringify(fields)
          type = 'application/json'
        } else {
          body = Buffer.from(p.raw)
          type = `multipart/form-data; boundary=${BOUNDARY}`
        }
        const res = await post(body, type, authorization)
        statuses.add(res.status)
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500)
        if (p.auth !== 'right') expect(res.status).toBe(401)
        if (res.status !== 200) refused.push(email)
      }),
      {
        numRuns: 80,
        // Always among the runs: a valid mail, the same unauthenticated, and one without a sender.
        examples: [
          [{ auth: 'right', kind: 'multipart', withSender: true, withText: true, fields: {}, raw: new Uint8Array(), boundary: BOUNDARY }],
          [{ auth: 'none', kind: 'multipart', withSender: true, withText: true, fields: {}, raw: new Uint8Array(), boundary: BOUNDARY }],
          [{ auth: 'right', kind: 'urlencoded', withSender: false, withText: true, fields: {}, raw: new Uint8Array(), boundary: BOUNDARY }],
        ],
      },
    )
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401]))
    for (const email of refused) expect(await customerIdByEmail(email)).toBeUndefined()
  })
})
