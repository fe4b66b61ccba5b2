/**
 * A booking email from its template: the subject and body with their placeholders filled, as an
 * HTML part and a plain-text part, through Payload's own Lexical converters
 * (`convertLexicalToHTML`, `convertLexicalToPlaintext`) with a few of ours on top:
 * - text: every value is HTML-escaped (the converters escape the template's own words); a link
 *   placeholder becomes a link to its address, which may be a `[[link:name]]` marker the sender
 *   opens (src/domain/messaging/links.ts): the stored message never holds a private link;
 * - links staff insert: only addresses the site itself would link (safeHref), made absolute (an
 *   email has no page to be relative to); internal links to pages become the page's address;
 * - plain text: a link shows its address after its words, list items get a dash or a number.
 * And the values of one booking: dates and times on the business's clock (settings `timezone`),
 * money from integer cents in the booking's currency.
 * No I/O: the caller loads the template, the booking and the settings.
 */
import type { DefaultNodeTypes, SerializedAutoLinkNode, SerializedLinkNode, SerializedListItemNode, SerializedTextNode } from '@payloadcms/richtext-lexical'
import { convertLexicalToHTML, type HTMLConvertersFunction } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext, type PlaintextConverters } from '@payloadcms/richtext-lexical/plaintext'

import {
  balanceDueAt,
  centsOrZero,
  instantToLocal,
  linkMarker,
  localToInstant,
  paymentSummary,
  type BookingEmailEvent,
  type BusinessSettings,
} from '../../domain'
import {
  fillLexical,
  fillText,
  isLinkPlaceholder,
  isPlaceholderName,
  inertValue,
  segmentsOf,
  type LexicalDocLike,
  type PlaceholderValues,
} from '../../domain/messaging/templates'
import { safeHref } from '../../domain/safe-url'
import type { Booking } from '../../payload-types'
import { formatCents, formatClock } from '../../site/format'
import { manageUrl } from '../Bookings/manageTokens'

export interface EmailTemplateSource {
  subject: string
  body: LexicalDocLike
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/** The longest subject a message keeps. */
const SUBJECT_MAX = 300

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

const LINK_STYLE = 'color: #b3261e; text-decoration: underline; word-break: break-all'

/** Lexical's text format flags, as its HTML converter applies them. */
const FORMATS: [flag: number, open: string, close: string][] = [
  [1, '<strong>', '</strong>'],
  [2, '<em>', '</em>'],
  [4, '<span style="text-decoration: line-through;">', '</span>'],
  [8, '<span style="text-decoration: underline;">', '</span>'],
  [16, '<code>', '</code>'],
  [32, '<sub>', '</sub>'],
  [64, '<sup>', '</sup>'],
]

function insideLink(parent: unknown): boolean {
  const type = parent && typeof parent === 'object' ? (parent as { type?: unknown }).type : undefined
  return type === 'link' || type === 'autolink'
}

/** A text node's HTML: its words escaped, values escaped, link placeholders as links. */
function textHtml(node: SerializedTextNode, values: PlaceholderValues, inLink: boolean): string {
  let html = segmentsOf(node.text)
    .map((s) => {
      if ('literal' in s) return escapeHtml(s.literal)
      if (!isPlaceholderName(s.placeholder)) return escapeHtml(`{{${s.placeholder}}}`)
      const value = values[s.placeholder]
      if (!isLinkPlaceholder(s.placeholder)) return escapeHtml(inertValue(value))
      // A link inside a link is not HTML: inside one, the address is shown as words.
      return inLink ? escapeHtml(value) : `<a href="${escapeHtml(value)}" style="${LINK_STYLE}">${escapeHtml(value)}</a>`
    })
    .join('')
  for (const [flag, open, close] of FORMATS) if (node.format & flag) html = `${open}${html}${close}`
  return html
}

/** Where a link staff inserted goes in an email: absolute, and only where the site links; null otherwise. */
function emailHref(node: SerializedLinkNode | SerializedAutoLinkNode, origin: string): string | null {
  const fields = node.fields
  let url: unknown = fields.url
  if (fields.linkType === 'internal') {
    const doc = (fields as { doc?: { relationTo?: unknown; value?: unknown } | null }).doc
    const value = doc?.value
    const slug = value && typeof value === 'object' ? (value as { slug?: unknown }).slug : undefined
    // Not populated, or not a page: the home page is a safe, working target.
    url = doc?.relationTo === 'pages' && typeof slug === 'string' && slug !== 'home' ? `/${encodeURIComponent(slug)}` : '/'
  }
  const href = safeHref(url)
  if (href === null) return null
  if (href.startsWith('/') && !href.startsWith('//')) return `${origin}${href}`
  if (href.startsWith('#') || href.startsWith('?')) return `${origin}/${href}`
  return href
}

function htmlConverters(values: PlaceholderValues, origin: string): HTMLConvertersFunction<DefaultNodeTypes> {
  const link = ({ node, nodesToHTML }: { node: SerializedLinkNode | SerializedAutoLinkNode; nodesToHTML: (a: { nodes: SerializedLinkNode['children'] }) => string[] }) => {
    const children = nodesToHTML({ nodes: node.children }).join('')
    const href = emailHref(node, origin)
    return href === null ? children : `<a href="${escapeHtml(href)}" style="${LINK_STYLE}">${children}</a>`
  }
  return ({ defaultConverters }) => ({
    ...defaultConverters,
    text: ({ node, parent }) => textHtml(node, values, insideLink(parent)),
    link,
    autolink: link,
  })
}

function plaintextConverters(origin: string): PlaintextConverters<DefaultNodeTypes> {
  const link = ({ node, nodesToPlaintext }: { node: SerializedLinkNode | SerializedAutoLinkNode; nodesToPlaintext: (a: { nodes: SerializedLinkNode['children'] }) => string[] }) => {
    const words = nodesToPlaintext({ nodes: node.children }).join('')
    const href = emailHref(node, origin)
    return href === null || href === words ? words : `${words} (${href})`
  }
  return {
    link,
    autolink: link,
    listitem: ({ node, nodesToPlaintext, parent, childIndex }: { node: SerializedListItemNode; nodesToPlaintext: (a: { nodes: SerializedListItemNode['children'] }) => string[]; parent: unknown; childIndex: number }) => {
      const numbered = parent && typeof parent === 'object' && (parent as { listType?: unknown }).listType === 'number'
      const bullet = numbered ? `${node.value}. ` : '- '
      return `${childIndex > 0 ? '\n' : ''}${bullet}${nodesToPlaintext({ nodes: node.children }).join('')}`
    },
  }
}

/** The whole HTML part around the body: one column, inline styles (mail clients drop style sheets). */
function layout(subject: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin: 0; padding: 0; background: #f6f4f1">',
    '<div style="max-width: 36rem; margin: 0 auto; padding: 24px; background: #ffffff; font-family: Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1f1f1f">',
    body,
    '</div>',
    '</body></html>',
  ].join('\n')
}

/**
 * The email a template makes with these values. `origin` is the public site's address (links staff
 * wrote as site paths become absolute). The subject is one line, at most 300 characters.
 */
export function renderTemplate(template: EmailTemplateSource, values: PlaceholderValues, origin: string): RenderedEmail {
  const subject = fillText(template.subject, values).replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX)
  type EditorState = Parameters<typeof convertLexicalToHTML>[0]['data']
  const body = convertLexicalToHTML({ data: template.body as unknown as EditorState, converters: htmlConverters(values, origin), disableContainer: true })
  const text = convertLexicalToPlaintext({ data: fillLexical(template.body, values) as unknown as EditorState, converters: plaintextConverters(origin) })
  return { subject, html: layout(subject, body), text: `${text.trim()}\n` }
}

// --- One booking's values ---------------------------------------------------------------------

/** What an email knows besides the booking. */
export interface BookingEmailContext {
  event: BookingEmailEvent
  /** The public site's origin (PUBLIC_SERVER_URL). */
  origin: string
  /** The booking's plain manage token, when the request that made it is the one sending. */
  manageToken?: string
  /** The balance-payment link, the amount it asks for, and why it was sent ("balance due"). */
  balance?: { url: string; amountCents: number; why: BalanceLinkReason }
  /** Where the booking was before it moved ("rescheduled"). */
  previous?: { eventDate: string; startTime: string }
}

/** Why a balance link is emailed: the saved card needs the customer, or staff sent it. */
export type BalanceLinkReason = 'card_failed' | 'staff'

const BALANCE_REASONS: Record<BalanceLinkReason, string> = {
  card_failed: 'We tried to charge the balance to the card you paid the deposit with, but your bank declined it or asked you to confirm it.',
  staff: 'Here is the link to pay the balance.',
}

export interface BookingEmailValues {
  values: PlaceholderValues
  /** The private links the values name by marker; sealed beside the message. */
  links: Record<string, string>
}

/** '2026-12-04' → 'Friday, December 4, 2026' (a calendar date: no zone moves it). */
export function dateLabel(date: string): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d, 12)))
}

function guestsLabel(adults: number, children: number): string {
  const total = adults + children
  const parts = [`${adults} adult${adults === 1 ? '' : 's'}`]
  if (children > 0) parts.push(`${children} child${children === 1 ? '' : 'ren'}`)
  return `${total} guest${total === 1 ? '' : 's'} (${parts.join(', ')})`
}

/** A booking's placeholder values and the private links they name. Throws on a booking without a start. */
export function bookingEmailValues(booking: Booking, settings: BusinessSettings, ctx: BookingEmailContext): BookingEmailValues {
  const tz = settings.timezone
  const currency = booking.pricing?.currency ?? settings.currency
  const money = (cents: number) => formatCents(cents, currency)
  const startsAt = booking.startsAt ? new Date(booking.startsAt) : localToInstant(booking.eventDate, booking.startTime, tz)
  const durationMinutes = booking.durationMinutes ?? settings.defaultDurationMinutes
  const endsAt = booking.endsAt ? new Date(booking.endsAt) : new Date(startsAt.getTime() + durationMinutes * 60_000)
  const pricing = booking.pricing ?? {}
  const payment = booking.payment ?? {}
  const summary = paymentSummary({
    totalCents: centsOrZero(pricing.totalCents),
    depositCents: centsOrZero(pricing.depositCents),
    depositPaidCents: centsOrZero(payment.depositPaidCents),
    balancePaidCents: centsOrZero(payment.balancePaidCents),
    refundedCents: centsOrZero(payment.refundedCents),
  })
  const live = booking.status === 'pending' || booking.status === 'confirmed'
  const links: Record<string, string> = {}
  let manage = `${ctx.origin}/account`
  if (ctx.manageToken) {
    links.manage = manageUrl(ctx.origin, ctx.manageToken)
    manage = linkMarker('manage')
  }
  let balanceLink = `${ctx.origin}/account`
  if (ctx.balance) {
    links.balance = ctx.balance.url
    balanceLink = linkMarker('balance')
  }
  const dueAt = payment.balanceDueAt ? new Date(payment.balanceDueAt) : balanceDueAt(settings, startsAt)
  const name = booking.contact.name.trim()
  const values: PlaceholderValues = {
    customerName: name,
    firstName: name.split(/\s+/)[0] ?? name,
    businessName: settings.businessName,
    bookingNumber: String(booking.id),
    eventDate: dateLabel(booking.eventDate),
    startTime: formatClock(booking.startTime),
    endTime: formatClock(instantToLocal(endsAt, tz).time),
    guests: guestsLabel(booking.guests.adults, booking.guests.children ?? 0),
    address: `${booking.address.street}, ${booking.address.city}, ${booking.address.state} ${booking.address.zip}`,
    totalDollars: money(centsOrZero(pricing.totalCents)),
    depositDollars: money(centsOrZero(pricing.depositCents)),
    paidDollars: money(summary.paidCents),
    balanceDollars: money(ctx.balance ? ctx.balance.amountCents : live ? summary.balanceDueCents : 0),
    balanceDueDate: dateLabel(instantToLocal(dueAt, tz).date),
    refundDollars: money(booking.status === 'cancelled' ? centsOrZero(booking.cancellation?.refundCents) : 0),
    previousEventDate: dateLabel(ctx.previous?.eventDate ?? booking.eventDate),
    previousStartTime: formatClock(ctx.previous?.startTime ?? booking.startTime),
    balanceReason: BALANCE_REASONS[ctx.balance?.why ?? 'staff'],
    manageLink: manage,
    accountLink: `${ctx.origin}/account`,
    balanceLink,
  }
  return { values, links }
}
