/**
 * The booking emails' templates, as staff write them: a subject and a rich-text body with
 * placeholders in double braces, `{{customerName}}`, `{{eventDate}}`, `{{manageLink}}` … Rules, as
 * the business says them:
 * - only the placeholders listed here exist; a template naming any other is refused when it is
 *   saved, and the refusal names the field (`subject` or `body`) and the unknown name;
 * - a placeholder is written whole in one style: `{{customer` in bold followed by `Name}}` is
 *   refused, because it would reach the customer as braces;
 * - link placeholders (`{{manageLink}}` …) go in the text, where they become a link in the HTML part
 *   and the address in the plain-text part; they are refused in the subject (an address in a
 *   subject line is never revealed) and inside a link's address;
 * - a placeholder that only one email has (`{{balanceLink}}` in "balance due", the previous date in
 *   "rescheduled") is refused in the other templates;
 * - values are text: a customer's name can never add a private link, markup or a placeholder.
 * This module fills placeholders in strings and in Lexical's JSON (the editor's stored state);
 * turning that into HTML and plain text is Payload's converters' work
 * (src/collections/EmailTemplates/render.ts). Pure: no I/O, no framework.
 */
import type { ValidationIssue } from '../errors'
import type { BookingEmailEvent } from './index'
import { LINK_MARKER } from './links'

export interface PlaceholderSpec {
  /** What it stands for, shown to staff beside the editor. */
  description: string
  /** What it reads like in the admin preview. */
  sample: string
  /** A link: in the text part it is the address; in HTML, a link to it. */
  link?: true
  /** Only these emails have it (all emails when absent). */
  only?: readonly BookingEmailEvent[]
}

/** Every placeholder a template may use. */
export const EMAIL_PLACEHOLDERS = {
  customerName: { description: 'The name on the booking.', sample: 'Jordan Lee' },
  firstName: { description: 'The first word of the name on the booking.', sample: 'Jordan' },
  businessName: { description: 'The business name from the settings.', sample: 'MyHibachi' },
  bookingNumber: { description: 'The booking number staff see in the admin.', sample: '1042' },
  eventDate: { description: 'The day of the event, in the business time zone.', sample: 'Saturday, June 6, 2026' },
  startTime: { description: 'When the chef starts cooking, in the business time zone.', sample: '6 pm' },
  endTime: { description: 'When the event ends, in the business time zone.', sample: '8 pm' },
  guests: { description: 'The party: guests, adults and children.', sample: '12 guests (10 adults, 2 children)' },
  address: { description: 'Where the event is.', sample: '12 Park Ave, New York, NY 10016' },
  totalDollars: { description: 'The booking total.', sample: '$780' },
  depositDollars: { description: 'The deposit the booking asks for.', sample: '$200' },
  paidDollars: { description: 'Everything paid so far (deposit and balance).', sample: '$200' },
  balanceDollars: { description: 'What is still to pay after the deposit (in "balance due": the amount asked for).', sample: '$580' },
  balanceDueDate: { description: 'The day the balance is charged to the saved card.', sample: 'Thursday, June 4, 2026' },
  refundDollars: { description: 'What the cancellation policy gives back (in "cancelled"; $0 otherwise).', sample: '$200' },
  previousEventDate: { description: 'The day the event was on before it moved.', sample: 'Friday, June 5, 2026', only: ['rescheduled'] },
  previousStartTime: { description: 'The start time before the event moved.', sample: '7 pm', only: ['rescheduled'] },
  manageLink: {
    description:
      'The private link to see, change or cancel the booking (in "received", and "confirmed" when staff book it confirmed). In the other emails, the account page, where the customer signs in with their email.',
    sample: 'https://myhibachi.example/booking/Sample-Manage-Link-Token',
    link: true,
  },
  accountLink: { description: "The customer's account page.", sample: 'https://myhibachi.example/account', link: true },
  balanceReason: {
    description: 'Why the balance link came: the saved card was declined or needs the customer, or staff sent it.',
    sample: 'We tried to charge the balance to the card you paid the deposit with, but your bank declined it or asked you to confirm it.',
    only: ['balance_due'],
  },
  balanceLink: { description: 'The private link to pay the balance.', sample: 'https://myhibachi.example/pay/Sample-Balance-Link-Token', link: true, only: ['balance_due'] },
} as const satisfies Record<string, PlaceholderSpec>

export type PlaceholderName = keyof typeof EMAIL_PLACEHOLDERS
export type PlaceholderValues = Record<PlaceholderName, string>

export const PLACEHOLDER_NAMES = Object.keys(EMAIL_PLACEHOLDERS) as PlaceholderName[]

/** Longest plain text a template's body may hold (the sent email adds the values). */
export const TEMPLATE_TEXT_MAX = 10_000

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.prototype.hasOwnProperty.call(EMAIL_PLACEHOLDERS, name)
}

function specOf(name: PlaceholderName): PlaceholderSpec {
  return EMAIL_PLACEHOLDERS[name]
}

export function isLinkPlaceholder(name: PlaceholderName): boolean {
  return specOf(name).link === true
}

/** The sample values the admin preview shows. */
export function samplePlaceholderValues(): PlaceholderValues {
  return Object.fromEntries(PLACEHOLDER_NAMES.map((n) => [n, EMAIL_PLACEHOLDERS[n].sample])) as PlaceholderValues
}

export type Segment = { literal: string } | { placeholder: string }

/** A text cut into literal runs and placeholders (known or not), in order. */
export function segmentsOf(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index
    if (at > last) out.push({ literal: text.slice(last, at) })
    out.push({ placeholder: m[1] ?? '' })
    last = at + m[0].length
  }
  if (last < text.length) out.push({ literal: text.slice(last) })
  return out
}

/** The placeholder names a text uses, in order, each once. */
export function placeholdersIn(text: string): string[] {
  const names = segmentsOf(text).flatMap((s) => ('placeholder' in s ? [s.placeholder] : []))
  return [...new Set(names)]
}

/**
 * A value as it may appear in an email: a customer's own words can never become a private link
 * (the `[[link:…]]` marker the sender opens) or a placeholder for a later pass.
 */
export function inertValue(value: string): string {
  return value.replace(LINK_MARKER, (m) => m.replace('[[', '[ [')).replace(/\{\{/g, '{ {')
}

/**
 * The text with every known placeholder replaced by its value. Text values are made inert; a link
 * placeholder's value (an address or a `[[link:…]]` marker the sender opens) is put in as it is.
 * An unknown placeholder is left as written (a saved template never has one).
 */
export function fillText(text: string, values: PlaceholderValues): string {
  return segmentsOf(text)
    .map((s) => {
      if ('literal' in s) return s.literal
      if (!isPlaceholderName(s.placeholder)) return `{{${s.placeholder}}}`
      const value = values[s.placeholder]
      return isLinkPlaceholder(s.placeholder) ? value : inertValue(value)
    })
    .join('')
}

// --- Lexical JSON -----------------------------------------------------------------------------

/** A Lexical node as stored: what this module reads of it. */
export interface LexicalNodeLike {
  type?: unknown
  text?: unknown
  children?: unknown
  fields?: { url?: unknown } | null
  [key: string]: unknown
}

export interface LexicalDocLike {
  root: LexicalNodeLike
}

export function isLexicalDoc(value: unknown): value is LexicalDocLike {
  return typeof value === 'object' && value !== null && 'root' in value && typeof (value as { root: unknown }).root === 'object' && (value as { root: unknown }).root !== null
}

function childrenOf(node: LexicalNodeLike): LexicalNodeLike[] {
  return Array.isArray(node.children) ? (node.children as unknown[]).filter((c): c is LexicalNodeLike => typeof c === 'object' && c !== null) : []
}

/** Every node under `node`, depth first (the node itself first). */
function* walk(node: LexicalNodeLike): Generator<LexicalNodeLike> {
  yield node
  for (const child of childrenOf(node)) yield* walk(child)
}

/** The text of every text node, in order. */
export function textsOf(doc: LexicalDocLike): string[] {
  const out: string[] = []
  for (const node of walk(doc.root)) if (node.type === 'text' && typeof node.text === 'string') out.push(node.text)
  return out
}

/** The document with every text node's placeholders filled (a copy; `doc` is not changed). */
export function fillLexical<T extends LexicalDocLike>(doc: T, values: PlaceholderValues): T {
  const fill = (node: LexicalNodeLike): LexicalNodeLike => {
    const copy: LexicalNodeLike = { ...node }
    if (node.type === 'text' && typeof node.text === 'string') copy.text = fillText(node.text, values)
    if (Array.isArray(node.children)) copy.children = childrenOf(node).map(fill)
    return copy
  }
  return { ...doc, root: fill(doc.root) }
}

// --- Checking a template ----------------------------------------------------------------------

const STRAY_BRACES = /\{\{|\}\}/

function listNames(names: string[]): string {
  return names.map((n) => `{{${n}}}`).join(', ')
}

/** The problems with the placeholders of one text (a subject, or one text node of the body). */
function textProblems(text: string, event: BookingEmailEvent | undefined, where: 'subject' | 'body'): string[] {
  const problems: string[] = []
  const names = placeholdersIn(text)
  const unknown = names.filter((n) => !isPlaceholderName(n))
  if (unknown.length > 0) problems.push(`Unknown placeholder ${listNames(unknown)}. The placeholders are: ${listNames(PLACEHOLDER_NAMES)}.`)
  const known = names.filter(isPlaceholderName)
  if (event) {
    const elsewhere = known.filter((n) => {
      const only = specOf(n).only
      return only !== undefined && !only.includes(event)
    })
    for (const n of elsewhere) problems.push(`{{${n}}} is only in the ${(specOf(n).only ?? []).join(', ')} email.`)
  }
  if (where === 'subject') {
    const links = known.filter(isLinkPlaceholder)
    if (links.length > 0) problems.push(`Links cannot go in the subject: ${listNames(links)}.`)
  }
  const rest = segmentsOf(text)
    .flatMap((s) => ('literal' in s ? [s.literal] : []))
    .join(' ')
  if (STRAY_BRACES.test(rest)) problems.push('A placeholder must be written whole, in one style, like {{customerName}}: the text has a stray {{ or }}.')
  return problems
}

/**
 * Everything wrong with a template's subject and body, each issue naming its field (`subject`,
 * `body`). `event` is the email the template is for (when known): placeholders of other emails are
 * refused. Only the parts given are checked (an update may change one).
 */
export function templateProblems(template: { subject?: unknown; body?: unknown }, event?: BookingEmailEvent): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const add = (path: 'subject' | 'body', messages: string[]) => {
    for (const message of new Set(messages)) issues.push({ path, message })
  }
  if (typeof template.subject === 'string') add('subject', textProblems(template.subject, event, 'subject'))
  if (template.body !== undefined && template.body !== null) {
    if (!isLexicalDoc(template.body)) {
      add('body', ['The body must be rich text.'])
    } else {
      const messages: string[] = []
      let length = 0
      for (const text of textsOf(template.body)) {
        length += text.length
        messages.push(...textProblems(text, event, 'body'))
      }
      for (const node of walk(template.body.root)) {
        const url = node.fields?.url
        if ((node.type === 'link' || node.type === 'autolink') && typeof url === 'string' && (url.includes('{{') || url.includes('}}'))) {
          messages.push("Placeholders go in the text, not in a link's address: write {{manageLink}} (or another link placeholder) in the text instead.")
        }
      }
      if (length > TEMPLATE_TEXT_MAX) messages.push(`The body may hold at most ${TEMPLATE_TEXT_MAX} characters of text; it has ${length}.`)
      add('body', messages)
    }
  }
  return issues
}
