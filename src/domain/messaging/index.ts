/**
 * Messages with customers, as the business says it: every message in or out — email, SMS, a
 * staff note, a reply from the account page, a chat turn — belongs to ONE thread per customer
 * (or per phone number, for a text from a number we do not know yet). Outbound messages go
 * `queued` → `sent` → `delivered`, or `failed` after a bounded number of attempts; inbound ones
 * are `received`. Each booking email is sent at most once per booking event: its key says which.
 * Pure rules only: no I/O, no framework.
 */
export const MESSAGE_CHANNELS = ['email', 'sms', 'note', 'web', 'chat'] as const
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number]

/** What staff may reply with from the inbox; a note is kept in the thread and never sent; a chat reply goes to the open chat window. */
export const REPLY_CHANNELS = ['email', 'sms', 'note', 'chat'] as const
export type ReplyChannel = (typeof REPLY_CHANNELS)[number]

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number]

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'received'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

export const THREAD_STATES = ['open', 'done'] as const
export type ThreadState = (typeof THREAD_STATES)[number]

/** Who answers a thread's storefront chat: the assistant, or the staff member who took it over. */
export const CHAT_MODES = ['assistant', 'staff'] as const
export type ChatMode = (typeof CHAT_MODES)[number]

/** How a staff member signs chat messages to customers: the first name ("Ana" from "Ana Lopez"), else "<business> staff". */
export function staffFirstName(user: { name?: string | null } | null | undefined, businessName = 'MyHibachi'): string {
  const first = user?.name?.trim().split(/\s+/)[0]
  return first ? first.slice(0, 100) : `${businessName} staff`
}

/** A chat window counts as open ("live") while it showed a sign of life this recently. */
export const CHAT_LIVE_MS = 75_000

/** The emails a booking's life sends, each from a template staff edit in the admin. */
export const BOOKING_EMAIL_EVENTS = ['received', 'confirmed', 'rescheduled', 'cancelled', 'reminder', 'balance_due', 'thank_you'] as const
export type BookingEmailEvent = (typeof BOOKING_EMAIL_EVENTS)[number]

export const BOOKING_EMAIL_EVENT_LABELS: Record<BookingEmailEvent, string> = {
  received: 'Booking received (pending)',
  confirmed: 'Booking confirmed',
  rescheduled: 'Booking rescheduled',
  cancelled: 'Booking cancelled',
  reminder: 'Reminder before the event',
  balance_due: 'Balance due',
  thank_you: 'Thank you after the event',
}

/** Longest message body kept (an SMS is split by the provider; an email's text part). */
export const MESSAGE_BODY_MAX = 20_000
/** Longest reply staff or a customer may type. */
export const REPLY_MAX = 5_000

/** Statuses after which an outbound message is never sent again. */
export function isSettled(status: MessageStatus): boolean {
  return status === 'sent' || status === 'delivered' || status === 'received'
}

export interface AttemptOutcome {
  /** `retry`: try again later (the job runner's backoff); `failed`: give up, staff may retry by hand. */
  next: 'retry' | 'failed'
}

/**
 * After a failed attempt (the `attempts`-th, counting from 1): try again while attempts remain,
 * else the message is `failed` and shows its error with a "retry" button.
 */
export function afterFailedAttempt(attempts: number, maxAttempts: number): AttemptOutcome {
  return { next: attempts < maxAttempts ? 'retry' : 'failed' }
}

/** The delay before attempt `n + 1` after `n` failures: base × 2^(n-1). */
export function retryDelayMs(failures: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, failures - 1)
}

/**
 * A phone number as the digits that identify it: US numbers in any spelling (+1 (212) 555-0100,
 * 212.555.0100) become `+12125550100`; other numbers with a leading `+` keep their digits.
 * Undefined when it is not a phone number.
 */
export function normalizePhone(input: string): string | undefined {
  const trimmed = input.trim()
  const digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : undefined
  if (digits.length === 10) return `+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`
  return undefined
}

/** The first line of a message, short, for the inbox list. */
export function previewOf(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`
}

/** The key that makes a booking email unique: one per booking and event (and per date, for those that move). */
export function bookingEmailKey(bookingId: number, event: BookingEmailEvent, variant?: string): string {
  return variant ? `booking:${bookingId}:${event}:${variant}` : `booking:${bookingId}:${event}`
}

/** The numeric id of a relationship value, populated or not; null when absent. */
export function relationId(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'number') return value.id
  return null
}
