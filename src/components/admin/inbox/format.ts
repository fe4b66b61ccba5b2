/**
 * How the inbox words times and labels, on the server (the view renders them there, in the
 * business's time zone from the settings, so the page never depends on the browser's clock).
 */
import type { MessageChannel, MessageStatus } from '../../../domain'

export const CHANNEL_LABELS: Record<MessageChannel, string> = { email: 'Email', sms: 'SMS', note: 'Note', web: 'Account page', chat: 'Chat' }

export const STATUS_NOTES: Record<MessageStatus, string> = {
  queued: 'waiting for the job runner to send it',
  sent: 'handed to the provider',
  delivered: 'the provider confirmed delivery',
  failed: 'not sent',
  received: 'from the customer',
}

/** "Dec 2, 5:30 PM" in the zone (with the year when it is not this year's); the ISO text when unreadable. */
export function shortInstant(iso: string | null, timeZone: string, now = new Date()): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const year = (d: Date) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: zoneOr(timeZone) }).format(d)
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    ...(year(at) === year(now) ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zoneOr(timeZone),
  }).format(at)
}

function zoneOr(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch (err) {
    // An unknown zone name in the settings: the server's zone (UTC in production) rather than a crash.
    if (err instanceof RangeError) return undefined
    throw err
  }
}

/** The zone's short name ("EST"), said once on the page so nobody mistakes whose clock it is. */
export function zoneName(timeZone: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short', timeZone: zoneOr(timeZone) }).formatToParts(at).find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

/** Who a chat message is from, as the thread shows it: "Customer", "Assistant", or the staff member's name. */
export function chatRoleLabel(role: 'customer' | 'assistant' | 'staff', authorName: string | null | undefined): string {
  if (role === 'customer') return 'Customer'
  if (role === 'assistant') return 'Assistant'
  return authorName ? `${authorName} (staff)` : 'Staff'
}

/** Who answers a thread's storefront chat, for the thread list: "Answering: assistant" or "Answering: Ana Lee". */
export function answeringHint(mode: 'assistant' | 'staff', staffName: string | null | undefined): string {
  return mode === 'staff' ? `Answering: ${staffName ?? 'staff'}` : 'Answering: assistant'
}
