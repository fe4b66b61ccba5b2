/**
 * Reading an inbound email's form without the network or the database: the multipart form an
 * inbound-parse service posts (each field in the charset it names, attachments counted and
 * dropped, a malformed body a 400 on `body`), the sender's mailbox, the reply without its quoted
 * conversation, text from an HTML-only mail, Message-IDs from the header block, a booking number
 * in the subject, and which fields a mail must have (400s naming `from` and `text`).
 */
import { describe, expect, it } from 'vitest'

import { bookingReferenceIn, decodeEncodedWords, headerValues, htmlToText, messageIdsIn, parseMailbox, readInboundEmail, storableText, stripQuotedReply } from '../../src/collections/Messages/endpoints/emailText'
import { boundaryOf, decodeText, formKindOf, parseMultipart, parseUrlEncoded } from '../../src/collections/Messages/endpoints/forms'
import { issuePaths } from './support'

function multipart(boundary: string, parts: { name: string; value: string | Buffer; filename?: string; contentType?: string }[]): Buffer {
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`
    const type = p.contentType ? `\r\nContent-Type: ${p.contentType}` : ''
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}${type}\r\n\r\n`), typeof p.value === 'string' ? Buffer.from(p.value) : p.value, Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(chunks)
}

describe('the inbound form', () => {
  it('is a urlencoded or multipart post, nothing else', () => {
    expect(formKindOf('application/x-www-form-urlencoded; charset=UTF-8')).toBe('urlencoded')
    expect(formKindOf('multipart/form-data; boundary=xYzZY')).toBe('multipart')
    expect(formKindOf('application/json')).toBeUndefined()
    expect(formKindOf(null)).toBeUndefined()
    expect(boundaryOf('multipart/form-data; boundary=xYzZY')).toBe('xYzZY')
    expect(boundaryOf('multipart/form-data; boundary="a b:c"')).toBe('a b:c')
    expect(boundaryOf('multipart/form-data')).toBeUndefined()
  })

  it("reads SendGrid's multipart fields, each in the charset it names, and counts attachments without keeping them", () => {
    const body = multipart('xYzZY', [
      { name: 'from', value: 'Zoë <zoe@example.com>' },
      { name: 'text', value: Buffer.from("Café crème, s'il vous plaît", 'latin1') },
      { name: 'subject', value: 'Menu' },
      { name: 'charsets', value: JSON.stringify({ from: 'UTF-8', text: 'iso-8859-1', subject: 'UTF-8' }) },
      { name: 'attachment1', value: Buffer.from([0, 1, 2, 255]), filename: 'yard.jpg', contentType: 'image/jpeg' },
    ])
    const form = parseMultipart(body, 'xYzZY')
    expect(form.fields.get('from')).toBe('Zoë <zoe@example.com>')
    expect(form.fields.get('text')).toBe("Café crème, s'il vous plaît")
    expect(form.files).toBe(1)
    expect(form.fields.has('attachment1')).toBe(false)
  })

  it("prefers a part's own Content-Type charset, and reads an unknown charset as UTF-8", () => {
    const body = multipart('b', [
      { name: 'text', value: Buffer.from('Grüße', 'latin1'), contentType: 'text/plain; charset=ISO-8859-1' },
      { name: 'subject', value: 'Olá' },
      { name: 'charsets', value: '{"subject":"x-no-such-charset"}' },
    ])
    const form = parseMultipart(body, 'b')
    expect(form.fields.get('text')).toBe('Grüße')
    expect(form.fields.get('subject')).toBe('Olá')
    expect(decodeText(Buffer.from('ok'), 'not-a-charset')).toBe('ok')
  })

  it('refuses a malformed multipart body as a 400 on body', () => {
    expect(issuePaths(() => parseMultipart(Buffer.from('no boundary here'), 'xYzZY'))).toEqual(['body'])
    expect(issuePaths(() => parseMultipart(Buffer.from('--xYzZY\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), 'xYzZY'))).toEqual(['body'])
    expect(issuePaths(() => parseMultipart(Buffer.from('--xYzZY\r\nContent-Type: text/plain\r\n\r\nx\r\n--xYzZY--'), 'xYzZY'))).toEqual(['body'])
    expect(issuePaths(() => parseMultipart(Buffer.from('--xYzZY\r\nno headers\r\n--xYzZY--'), 'xYzZY'))).toEqual(['body'])
    const many = multipart('m', Array.from({ length: 201 }, (_, i) => ({ name: `f${i}`, value: 'x' })))
    expect(issuePaths(() => parseMultipart(many, 'm'))).toEqual(['body'])
  })

  it('reads urlencoded fields, keeping the first of a repeated name and every value in order', () => {
    const form = parseUrlEncoded('from=a%40example.com&text=Hi+there&text=again')
    expect(form.fields.get('from')).toBe('a@example.com')
    expect(form.fields.get('text')).toBe('Hi there')
    expect(form.all).toEqual([
      ['from', 'a@example.com'],
      ['text', 'Hi there'],
      ['text', 'again'],
    ])
  })
})

describe("the sender's mailbox", () => {
  it('is the address (lower-case) and the display name, however the header spells them', () => {
    expect(parseMailbox('Jane Doe <Jane.Doe@Example.com>')).toEqual({ address: 'jane.doe@example.com', name: 'Jane Doe' })
    expect(parseMailbox('"Doe, Jane" <jane@example.com>')).toEqual({ address: 'jane@example.com', name: 'Doe, Jane' })
    expect(parseMailbox('jane@example.com')).toEqual({ address: 'jane@example.com', name: '' })
    expect(parseMailbox('jane@example.com (Jane Doe)')).toEqual({ address: 'jane@example.com', name: 'Jane Doe' })
    expect(parseMailbox('=?UTF-8?B?Wm/DqyBTbWl0aA==?= <zoe@example.com>')).toEqual({ address: 'zoe@example.com', name: 'Zoë Smith' })
    expect(parseMailbox('=?ISO-8859-1?Q?Andr=E9_Pi?= <andre@example.com>')).toEqual({ address: 'andre@example.com', name: 'André Pi' })
  })

  it('takes the first of several', () => {
    expect(parseMailbox('a@example.com, b@example.com')?.address).toBe('a@example.com')
    expect(parseMailbox('A <a@example.com>, B <b@example.com>')?.address).toBe('a@example.com')
  })

  it('is nothing without a valid address', () => {
    for (const bad of ['', 'Jane Doe', '<>', 'Jane <not an address>', 'a@b', 'x'.repeat(300) + '@example.com']) expect(parseMailbox(bad)).toBeUndefined()
  })

  it('decodes adjacent encoded words as one text', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Caf=C3=A9?= =?UTF-8?Q?_cr=C3=A8me?=')).toBe('Café crème')
    expect(decodeEncodedWords('plain text')).toBe('plain text')
  })
})

describe('the reply without its quoted conversation', () => {
  it('cuts at Gmail\'s "On … wrote:", on one line or two', () => {
    expect(stripQuotedReply('Yes, 6pm works.\n\nOn Mon, Jun 3, 2026 at 10:00 AM MyHibachi <bookings@example.com> wrote:\n> Can we confirm?\n> Thanks')).toBe('Yes, 6pm works.')
    expect(stripQuotedReply('Sounds good\r\n\r\nOn Mon, Jun 3, 2026 at 10:00 AM MyHibachi <\r\nbookings@example.com> wrote:\r\n> old')).toBe('Sounds good')
  })

  it('cuts at Outlook\'s header block and its "Original Message" line', () => {
    expect(stripQuotedReply('See you then\n\nFrom: MyHibachi <bookings@example.com>\nSent: Monday, June 3, 2026 10:00 AM\nTo: Jane\nSubject: Booking')).toBe('See you then')
    expect(stripQuotedReply('Thanks!\n-----Original Message-----\nFrom: x')).toBe('Thanks!')
    expect(stripQuotedReply('Ok\n________________________________\nFrom: MyHibachi')).toBe('Ok')
  })

  it('drops quoted lines in an inline reply, and keeps everything when all of it is quoted', () => {
    expect(stripQuotedReply('> What time?\n6pm please\n> Guests?\n12')).toBe('6pm please\n12')
    expect(stripQuotedReply('> only a quote')).toBe('> only a quote')
  })

  it('keeps a message that merely mentions someone writing', () => {
    expect(stripQuotedReply('On Saturday we will be 12.\nMy sister wrote: bring sauce')).toBe('On Saturday we will be 12.\nMy sister wrote: bring sauce')
  })
})

describe('text from an HTML mail', () => {
  it('keeps the words and line breaks, drops tags, styles, scripts and quoted replies', () => {
    const html = '<html><head><title>x</title><style>p{color:red}</style></head><body><p>Hi&nbsp;there,</p><div>Party of <b>12</b> &amp; 2 kids<br>Thanks</div><blockquote>old <blockquote>older</blockquote> quote</blockquote><script>alert(1)</script><!-- note --></body></html>'
    expect(htmlToText(html)).toBe('Hi there,\n\nParty of 12 & 2 kids\nThanks')
  })

  it('decodes numeric entities and survives broken markup', () => {
    expect(htmlToText('Caf&#233; &#x1F363; &bogus; <b')).toBe('Café 🍣 &bogus;')
    expect(htmlToText('a <!-- never closed')).toBe('a')
  })

  it('reads pathological markup in one pass (a crafted mail cannot stall the server)', () => {
    const nasty = '<blockquote'.repeat(50_000) + '<'.repeat(50_000) + 'x'
    expect(htmlToText(nasty)).toBe('')
    expect(stripQuotedReply('On '.repeat(100_000))).toBe('On '.repeat(100_000).trim())
    expect(bookingReferenceIn('booking '.repeat(10_000))).toBeUndefined()
  })
})

describe('the header block', () => {
  const raw = 'Received: by mx.example.com\r\nMessage-ID:\r\n <CAB123@mail.gmail.com>\r\nIn-Reply-To: <message-5-1700000000000@myhibachi.local>\r\nReferences: <a@x> <message-5-1700000000000@myhibachi.local>\r\nSubject: Re: Booking\r\n'

  it('gives each header value, unfolded', () => {
    expect(headerValues(raw, 'Message-ID')).toEqual(['<CAB123@mail.gmail.com>'])
    expect(headerValues(raw, 'references')).toEqual(['<a@x> <message-5-1700000000000@myhibachi.local>'])
    expect(headerValues(raw, 'X-Missing')).toEqual([])
  })

  it('gives the message ids a header names, bounded', () => {
    expect(messageIdsIn(headerValues(raw, 'references')[0] ?? '')).toEqual(['<a@x>', '<message-5-1700000000000@myhibachi.local>'])
    expect(messageIdsIn('<a@x> <b@y> <c@z>', 2)).toEqual(['<a@x>', '<b@y>'])
    expect(messageIdsIn('no ids')).toEqual([])
  })
})

describe('a booking reference in the subject', () => {
  it('is "#123", "Booking 123" and their variants', () => {
    expect(bookingReferenceIn('Re: Your booking #123 is confirmed')).toBe(123)
    expect(bookingReferenceIn('Question about #45')).toBe(45)
    expect(bookingReferenceIn('Booking 77')).toBe(77)
    expect(bookingReferenceIn('booking no. 8 — change')).toBe(8)
    expect(bookingReferenceIn('Booking ref: 9')).toBe(9)
  })

  it('is nothing for other numbers', () => {
    expect(bookingReferenceIn('Party for 12 on June 3')).toBeUndefined()
    expect(bookingReferenceIn('Colour &#123;')).toBeUndefined()
    expect(bookingReferenceIn('#0')).toBeUndefined()
    expect(bookingReferenceIn('')).toBeUndefined()
  })
})

describe('storable text', () => {
  it('drops NUL and mends half an emoji instead of refusing the mail', () => {
    expect(storableText('a\u0000b')).toBe('ab')
    expect(storableText('x\uD83C')).toBe('x\uFFFD')
    expect(storableText('🍣')).toBe('🍣')
  })
})

describe('an inbound email', () => {
  const form = (fields: Record<string, string>, files = 0) => ({ fields: new Map(Object.entries(fields)), all: Object.entries(fields), files })

  it('needs a sender address and something to read: each missing one is a 400 naming it', () => {
    expect(issuePaths(() => readInboundEmail(form({ text: 'hi' })))).toEqual(['from'])
    expect(issuePaths(() => readInboundEmail(form({ from: 'Jane', text: 'hi' })))).toEqual(['from'])
    expect(issuePaths(() => readInboundEmail(form({ from: 'jane@example.com', text: '  ', subject: ' ' })))).toEqual(['text'])
    expect(issuePaths(() => readInboundEmail(form({ from: '', html: '<p></p>' })))).toEqual(['from', 'text'])
  })

  it('with only a subject, or only attachments, is kept and says so', () => {
    expect(readInboundEmail(form({ from: 'jane@example.com', subject: 'Call me back please' })).body).toBe('(no text: see the subject)')
    expect(readInboundEmail(form({ from: 'jane@example.com' }, 1)).body).toBe('(1 attachment not kept: ask the customer to send it another way if needed)')
  })

  it('is the reply, the subject, the Message-ID, the booking it names and the ids it replies to', () => {
    const mail = readInboundEmail(
      form({
        from: 'Jane <JANE@example.com>',
        subject: 'Re: Booking #42\r\n confirmed',
        text: 'Yes please\n\nOn Mon, Jun 3, 2026, MyHibachi <b@example.com> wrote:\n> old',
        headers: 'Message-ID: <abc@mail.example.com>\nIn-Reply-To: <message-9-1@myhibachi.local>\n',
      }),
    )
    expect(mail).toEqual({
      from: { address: 'jane@example.com', name: 'Jane' },
      subject: 'Re: Booking #42 confirmed',
      body: 'Yes please',
      providerId: '<abc@mail.example.com>',
      bookingReference: 42,
      repliesTo: ['<message-9-1@myhibachi.local>'],
    })
  })

  it('reads an HTML-only mail as text, notes attachments it does not keep, and stands in for a missing Message-ID', () => {
    const fields = { from: 'jane@example.com', html: '<p>Photo of the yard attached</p>', subject: 'Yard' }
    const mail = readInboundEmail(form(fields, 2))
    expect(mail.body).toBe('Photo of the yard attached\n\n(2 attachments not kept: ask the customer to send them another way if needed)')
    expect(mail.providerId).toMatch(/^<sha256-[0-9a-f]{64}@inbound>$/)
    // The same mail delivered again gets the same stand-in, so it is stored once.
    expect(readInboundEmail(form(fields, 2)).providerId).toBe(mail.providerId)
    expect(readInboundEmail(form({ ...fields, html: '<p>Another</p>' }, 2)).providerId).not.toBe(mail.providerId)
  })
})
