/**
 * Reading an inbound email as the inbox needs it, from the fields an inbound-parse service posts
 * (`readInboundEmail`: the 400s naming `from` and `text`, and the stored shape): the sender's mailbox (`Jane Doe <jane@example.com>`, encoded words decoded), the reply itself
 * without the quoted conversation under it, plain text from an HTML-only mail, the Message-ID and
 * the ids it replies to (from the raw header block), and a booking reference in the subject
 * (`#123`, `Booking 123`). Pure functions over strings.
 * The input is written by anyone on the internet: every scan here is linear in its length (no
 * regular expression that can backtrack over the whole text), so a crafted mail cannot stall the
 * server.
 */
import { createHash } from 'node:crypto'

import { z } from 'zod'

import { MESSAGE_BODY_MAX, ValidationError, type ValidationIssue } from '../../../domain'
import type { InboundEmail } from '../inbound'
import { decodeText, type FormFields } from './forms'

export interface Mailbox {
  /** Lower-case address. */
  address: string
  /** Display name, decoded; empty when the header named none. */
  name: string
}

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email())

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) decoded; other text left as is. */
export function decodeEncodedWords(s: string): string {
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = s.replace(/(\?=)[ \t\r\n]+(?==\?)/g, '$1')
  return joined.replace(/=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,1000})\?=/g, (_whole, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          )
    // RFC 2231 allows a language after the charset: `UTF-8*en`.
    return decodeText(bytes, charset.split('*')[0])
  })
}

/**
 * The first mailbox of a From header: `Name <address>`, `"Doe, Jane" <address>`, a bare address,
 * or `address (Comment)`. Undefined when there is no valid address.
 */
export function parseMailbox(value: string): Mailbox | undefined {
  const v = value.slice(0, 2000).trim()
  const lt = v.indexOf('<')
  const gt = lt < 0 ? -1 : v.indexOf('>', lt)
  let address: string
  let name: string
  if (lt >= 0 && gt > lt) {
    address = v.slice(lt + 1, gt)
    name = v.slice(0, lt)
  } else {
    const first = v.split(',')[0] ?? ''
    const comment = /\(([^()]{0,200})\)/.exec(first)
    address = first.replace(/\([^()]{0,200}\)/g, '')
    name = comment?.[1] ?? ''
  }
  const parsed = emailSchema.safeParse(address)
  if (!parsed.success) return undefined
  const cleanName = decodeEncodedWords(name)
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  return { address: parsed.data, name: storableText(cleanName).slice(0, 120) }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Text the database can store: NUL removed, half an emoji replaced by U+FFFD. A mail or text from
 * outside is kept with a stray byte cleaned rather than refused: refusing would lose it.
 */
export function storableText(s: string): string {
  // NUL is exactly what PostgreSQL refuses in text.
  return s.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD')
}

function isReplyHeader(line: string, next: string): boolean {
  if (line.startsWith('On ') && line.length < 400) {
    // Gmail and Apple Mail: "On Mon, 3 Jun 2026 at 10:00, Jane <jane@example.com> wrote:", sometimes over two lines.
    if (line.endsWith('wrote:')) return true
    if (next.endsWith('wrote:') && next.length < 200) return true
  }
  if (/^-{2,}\s*Original Message\s*-{2,}$/i.test(line)) return true
  return false
}

/**
 * The reply a customer wrote, without the conversation their mail program quoted under it: cut at
 * the first "On … wrote:", "-----Original Message-----" or Outlook's "From: … Sent:" block, and
 * lines starting with `>` dropped. When that leaves nothing (a mail that is all quote, or a reply
 * written inline), the whole text is kept.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  let end = lines.length
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim()
    const next = (lines[i + 1] ?? '').trim()
    if (isReplyHeader(line, next)) {
      end = i
      break
    }
    // Outlook: a rule line, or straight away "From: …" followed within three lines by "Sent:" or "Date:".
    if ((/^_{10,}$/.test(line) && /^from:/i.test(next)) || (/^from:\s/i.test(line) && lines.slice(i + 1, i + 4).some((l) => /^(sent|date):\s/i.test(l.trim())))) {
      end = i
      break
    }
  }
  const kept = lines
    .slice(0, end)
    .filter((l) => !l.trimStart().startsWith('>'))
    .join('\n')
    .trim()
  return kept === '' ? text.trim() : kept
}

const SKIPPED = new Set(['script', 'style', 'head', 'title'])
const BLOCKS = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'hr', 'blockquote'])
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

function decodeEntities(s: string): string {
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD'
    }
    return ENTITIES[ref.toLowerCase()] ?? whole
  })
}

/**
 * Readable text from an HTML mail: tags dropped, blocks and <br> as line breaks, script/style/head
 * dropped whole, quoted replies (<blockquote>) dropped, entities decoded. One pass, no backtracking.
 */
export function htmlToText(html: string): string {
  const out: string[] = []
  let skipDepth = 0
  let quoteDepth = 0
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    const textEnd = lt < 0 ? html.length : lt
    if (skipDepth === 0 && quoteDepth === 0) out.push(html.slice(i, textEnd))
    if (lt < 0) break
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      if (close < 0) break
      i = close + 3
      continue
    }
    const gt = html.indexOf('>', lt)
    if (gt < 0) break
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9]{0,20})/.exec(html.slice(lt + 1, Math.min(gt, lt + 24)))
    if (m) {
      const name = (m[2] ?? '').toLowerCase()
      const closing = m[1] === '/'
      const selfClosing = html[gt - 1] === '/'
      if (SKIPPED.has(name) && !selfClosing) skipDepth = Math.max(0, skipDepth + (closing ? -1 : 1))
      if (name === 'blockquote' && !selfClosing) quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1))
      if (BLOCKS.has(name) && skipDepth === 0 && quoteDepth === 0) out.push('\n')
    }
    i = gt + 1
  }
  return decodeEntities(out.join(''))
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Every value of a header in a raw header block (folded lines unfolded), in order. */
export function headerValues(rawHeaders: string, name: string): string[] {
  const wanted = `${name.toLowerCase()}:`
  return rawHeaders
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .filter((line) => line.toLowerCase().startsWith(wanted))
    .map((line) => line.slice(wanted.length).trim())
}

/** The `<…>` message ids in a header value (Message-ID, In-Reply-To, References), at most `max`. */
export function messageIdsIn(value: string, max = 20): string[] {
  const ids: string[] = []
  const re = /<([^<>\s]{1,250})>/g
  for (let m = re.exec(value); m && ids.length < max; m = re.exec(value)) ids.push(`<${m[1] ?? ''}>`)
  return ids
}

/**
 * The booking number a subject names: `#123`, `Booking 123`, `booking #123`, `Booking no. 123`,
 * `booking ref: 123`. Undefined when it names none.
 */
export function bookingReferenceIn(subject: string): number | undefined {
  const s = subject.slice(0, 500)
  const m = /\bbooking\s{0,3}(?:#|no\.?|number|ref(?:erence)?\.?)?\s{0,3}:?\s{0,3}#?(\d{1,9})\b/i.exec(s) ?? /(?:^|[^\w&])#\s?(\d{1,9})\b/.exec(s)
  const n = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : undefined
}

const SUBJECT_MAX = 300
const PROVIDER_ID_MAX = 200

/** The Message-ID, or a stand-in from what identifies this mail, so a re-delivery is still stored once. */
function providerIdOf(form: FormFields, rawHeaders: string, from: string, subject: string, text: string): string {
  const messageId = messageIdsIn(headerValues(rawHeaders, 'message-id').join(' '), 1)[0]
  if (messageId && messageId.length <= PROVIDER_ID_MAX) return messageId
  const basis = messageId ?? [from, form.fields.get('to') ?? '', subject, headerValues(rawHeaders, 'date')[0] ?? '', text].join('\n')
  return `<sha256-${createHash('sha256').update(basis, 'utf8').digest('hex')}@inbound>`
}

/**
 * The mail as the inbox stores it, or the ValidationError naming what is missing: a sender address
 * (`from`), and something to read (`text`: the text part, else the HTML's text; a mail with only a
 * subject or only attachments is kept, saying so).
 */
export function readInboundEmail(form: FormFields): InboundEmail {
  const issues: ValidationIssue[] = []
  const fromField = form.fields.get('from')
  const from = fromField === undefined ? undefined : parseMailbox(fromField)
  if (fromField === undefined || fromField.trim() === '') issues.push({ path: 'from', message: 'The sender (from) is required' })
  else if (!from) issues.push({ path: 'from', message: 'The sender (from) has no valid email address' })
  const subject = storableText(decodeEncodedWords(form.fields.get('subject') ?? ''))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SUBJECT_MAX)
  const text = form.fields.get('text') ?? ''
  const plain = text.trim() !== '' ? text : htmlToText(form.fields.get('html') ?? '')
  const reply = plain.trim() === '' ? '' : storableText(stripQuotedReply(plain))
  const note = form.files > 0 ? `(${form.files} attachment${form.files === 1 ? '' : 's'} not kept: ask the customer to send ${form.files === 1 ? 'it' : 'them'} another way if needed)` : ''
  if (reply === '' && note === '' && subject === '') issues.push({ path: 'text', message: 'The email has nothing to read (no text, html, subject or attachment)' })
  if (issues.length > 0 || !from) throw new ValidationError(issues)
  const body = [reply.slice(0, MESSAGE_BODY_MAX - note.length - 2), note].filter(Boolean).join('\n\n') || '(no text: see the subject)'
  const rawHeaders = form.fields.get('headers') ?? ''
  const bookingReference = bookingReferenceIn(subject)
  return {
    from,
    subject,
    body,
    providerId: storableText(providerIdOf(form, rawHeaders, from.address, subject, body)),
    ...(bookingReference !== undefined ? { bookingReference } : {}),
    repliesTo: messageIdsIn([...headerValues(rawHeaders, 'in-reply-to'), ...headerValues(rawHeaders, 'references')].join(' ')),
  }
}
