// A booking's history in sentences staff read at a glance, newest first: what each saved version
// changed and who saved it ("12 Nov 14:03 — Ana (manager) changed the party from 10 to 12
// adults"), each payment record ("Deposit $100.00 paid by card") and each message about the
// booking ("Email sent: Booking confirmed"). Works on plain snapshots the caller read (versions,
// payment records, messages); never reads a database or the clock. Times are worded in the
// business's time zone. Internal bookkeeping (payment totals, the hold, computed instants) is not
// shown as a change: the payment records say it better.
import { BOOKING_EMAIL_EVENT_LABELS, type BookingEmailEvent, type MessageChannel, type MessageStatus } from './messaging'
import { PAYMENT_STATE_LABELS, type PaymentState } from './paymentState'
import { instantToLocal } from './time'

/** What a version of a booking looked like, reduced to what staff care about. */
export interface BookingSnapshot {
  status: string
  eventDate: string
  startTime: string
  durationMinutes: number | null
  adults: number
  children: number
  contactName: string
  contactEmail: string
  contactPhone: string
  street: string
  city: string
  state: string
  zip: string
  specialRequests: string
  dietaryNotes: string
  /** Chefs' names (or "#id" when a name is unknown). */
  chefs: string[]
  /** "Filet mignon ×2", one per menu line. */
  menu: string[]
  totalCents: number | null
  currency: string
  paymentState: PaymentState | null
  cancellationReason: string
}

export interface Actor {
  name: string
  role: string
}

export interface VersionEntry {
  /** When it was saved (ISO instant). */
  at: string
  /** The staff member who saved it; null when the customer or the system did. */
  by: Actor | null
  snapshot: BookingSnapshot
}

export interface PaymentEntry {
  at: string
  kind: 'deposit' | 'balance' | 'refund'
  method: string
  status: 'succeeded' | 'failed' | null
  amountCents: number
  currency: string
  by: Actor | null
}

export interface MessageEntry {
  at: string
  channel: MessageChannel
  direction: 'inbound' | 'outbound'
  status: MessageStatus
  event: BookingEmailEvent | null
  subject: string | null
  by: Actor | null
}

export interface ActivityLine {
  at: string
  /** "12 Nov 14:03" in the business's time zone. */
  when: string
  kind: 'change' | 'payment' | 'message'
  text: string
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "12 Nov 14:03" (with the year when it is not `currentYear`). */
export function activityTime(at: string, timeZone: string, currentYear?: number): string {
  const ms = Date.parse(at)
  if (!Number.isFinite(ms)) return at
  const local = instantToLocal(new Date(ms), timeZone)
  const year = Number(local.date.slice(0, 4))
  const day = Number(local.date.slice(8, 10))
  const month = MONTHS[Number(local.date.slice(5, 7)) - 1] ?? ''
  return `${day} ${month}${currentYear !== undefined && year !== currentYear ? ` ${year}` : ''} ${local.time}`
}

/** "$1,234.50" (whole cents, the booking's currency, USD when unknown). */
export function moneyText(cents: number, currency = 'usd'): string {
  const code = /^[a-z]{3}$/i.test(currency) ? currency.toUpperCase() : 'USD'
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(cents / 100)
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
const quoted = (s: string) => (s.trim() === '' ? '(empty)' : `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`)
const statusWord = (s: string) => s.replace('_', ' ')

function party(s: Pick<BookingSnapshot, 'adults' | 'children'>): string {
  return s.children > 0 ? `${plural(s.adults, 'adult', 'adults')} and ${plural(s.children, 'child', 'children')}` : plural(s.adults, 'adult', 'adults')
}

function listText(items: string[]): string {
  return items.length === 0 ? 'none' : items.join(', ')
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i])
}

/**
 * What changed from one version to the next, as phrases that follow "<who> ": "changed the status
 * from pending to confirmed", "changed the party from 10 to 12 adults". Empty when nothing staff
 * care about changed.
 */
export function describeChanges(before: BookingSnapshot, after: BookingSnapshot): string[] {
  const out: string[] = []
  if (before.status !== after.status) out.push(`changed the status from ${statusWord(before.status)} to ${statusWord(after.status)}`)
  if (before.eventDate !== after.eventDate || before.startTime !== after.startTime) {
    out.push(`moved the event from ${before.eventDate} ${before.startTime} to ${after.eventDate} ${after.startTime}`)
  }
  if (before.durationMinutes !== after.durationMinutes && after.durationMinutes !== null) {
    out.push(`changed the length from ${before.durationMinutes ?? '—'} to ${after.durationMinutes} minutes`)
  }
  if (before.adults !== after.adults && before.children === after.children && after.children === 0) {
    out.push(`changed the party from ${before.adults} to ${plural(after.adults, 'adult', 'adults')}`)
  } else if (before.adults !== after.adults || before.children !== after.children) {
    out.push(`changed the party from ${party(before)} to ${party(after)}`)
  }
  const place = (s: BookingSnapshot) => `${s.street}, ${s.city}, ${s.state} ${s.zip}`
  if (place(before) !== place(after)) out.push(`changed the address from ${place(before)} to ${place(after)}`)
  if (!sameList(before.menu, after.menu)) out.push(`changed the menu from ${listText(before.menu)} to ${listText(after.menu)}`)
  if (!sameList(before.chefs, after.chefs)) {
    const added = after.chefs.filter((c) => !before.chefs.includes(c))
    const removed = before.chefs.filter((c) => !after.chefs.includes(c))
    if (added.length > 0) out.push(`assigned ${added.join(', ')}`)
    if (removed.length > 0) out.push(`unassigned ${removed.join(', ')}`)
  }
  if (before.contactName !== after.contactName) out.push(`changed the contact name from ${quoted(before.contactName)} to ${quoted(after.contactName)}`)
  if (before.contactEmail !== after.contactEmail) out.push(`changed the contact email from ${before.contactEmail} to ${after.contactEmail}`)
  if (before.contactPhone !== after.contactPhone) out.push(`changed the contact phone from ${before.contactPhone} to ${after.contactPhone}`)
  if (before.specialRequests !== after.specialRequests) out.push(`changed the special requests to ${quoted(after.specialRequests)}`)
  if (before.dietaryNotes !== after.dietaryNotes) out.push(`changed the dietary notes to ${quoted(after.dietaryNotes)}`)
  if (before.totalCents !== after.totalCents && after.totalCents !== null) {
    out.push(`${before.totalCents === null ? 'priced it at' : `changed the total from ${moneyText(before.totalCents, before.currency)} to`} ${moneyText(after.totalCents, after.currency)}`)
  }
  if (before.cancellationReason !== after.cancellationReason && after.cancellationReason.trim() !== '') out.push(`gave the reason ${quoted(after.cancellationReason)}`)
  return out
}

function who(by: Actor | null, nobody: string): string {
  return by ? `${by.name} (${by.role})` : nobody
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const PAYMENT_KIND_WORDS = { deposit: 'Deposit', balance: 'Balance', refund: 'Refund' } as const
const CHANNEL_WORDS: Record<MessageChannel, string> = { email: 'Email', sms: 'Text message', note: 'Staff note', web: 'Account-page message', chat: 'Chat message' }
const STATUS_WORDS: Record<MessageStatus, string> = { queued: 'queued', sent: 'sent', delivered: 'delivered', failed: 'failed', received: 'received' }

function paymentText(p: PaymentEntry): string {
  const amount = moneyText(p.amountCents, p.currency)
  const by = p.by ? `, recorded by ${who(p.by, '')}` : ''
  const method = p.method === 'card' ? 'by card' : `in ${p.method}`
  if (p.status === 'failed') return `${PAYMENT_KIND_WORDS[p.kind]} payment of ${amount} failed (${p.method})`
  if (p.kind === 'refund') return `Refund of ${amount} ${p.method === 'card' ? 'to the card' : `in ${p.method}`}${by}`
  return `${PAYMENT_KIND_WORDS[p.kind]} ${amount} paid ${method}${by}`
}

function messageText(m: MessageEntry): string {
  if (m.channel === 'note') return `Staff note${m.by ? ` by ${who(m.by, '')}` : ''}`
  const about = m.event ? `: ${BOOKING_EMAIL_EVENT_LABELS[m.event]}` : m.subject ? `: ${quoted(m.subject)}` : ''
  if (m.direction === 'inbound') return `${CHANNEL_WORDS[m.channel]} received from the customer${about}`
  return `${CHANNEL_WORDS[m.channel]} ${STATUS_WORDS[m.status]}${about}${m.by ? ` (by ${who(m.by, '')})` : ''}`
}

/**
 * The booking's history, newest first. Versions are compared each with the one before it (in time
 * order, whatever order they come in); the first says who made the booking and how it stood.
 */
export function bookingActivity(input: { versions: VersionEntry[]; payments: PaymentEntry[]; messages: MessageEntry[] }, timeZone: string, now?: Date): ActivityLine[] {
  const year = now ? Number(instantToLocal(now, timeZone).date.slice(0, 4)) : undefined
  const line = (at: string, kind: ActivityLine['kind'], text: string): ActivityLine => ({ at, when: activityTime(at, timeZone, year), kind, text })
  const lines: ActivityLine[] = []
  const versions = [...input.versions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  versions.forEach((v, i) => {
    const prev = versions[i - 1]
    const actor = who(v.by, 'the customer or the system')
    if (!prev) {
      const state = v.snapshot.paymentState ? `, ${PAYMENT_STATE_LABELS[v.snapshot.paymentState].toLowerCase()}` : ''
      lines.push(line(v.at, 'change', `${capitalise(actor)} made the booking for ${v.snapshot.eventDate} ${v.snapshot.startTime}, ${party(v.snapshot)} (${statusWord(v.snapshot.status)}${state})`))
      return
    }
    const changes = describeChanges(prev.snapshot, v.snapshot)
    if (changes.length > 0) lines.push(line(v.at, 'change', `${capitalise(actor)} ${changes.join('; ')}`))
  })
  for (const p of input.payments) lines.push(line(p.at, 'payment', paymentText(p)))
  for (const m of input.messages) lines.push(line(m.at, 'message', messageText(m)))
  return lines.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
}
