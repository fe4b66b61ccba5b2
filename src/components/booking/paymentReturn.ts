/**
 * The return page's rules as plain data: what it shows for the booking the server describes
 * (ReturnView) once the customer is back from Stripe Checkout, and how long it waits for the
 * payment to confirm the booking. The server decides the status; this only picks the screen.
 * No React, no fetch here.
 */
import type { ReturnView } from '../../domain'

export type { ReturnView }

/** How often the page asks whether the payment has confirmed the booking … */
export const POLL_EVERY_MS = 2_000
/** … and for how long, before it says this is taking longer than usual. */
export const POLL_FOR_MS = 90_000

/**
 * What the return page shows:
 * - `checking`: finding the booking (the return cookie, else the single-use code);
 * - `waiting`: paid, the booking is still pending (the page keeps asking);
 * - `confirmed`: the booking is confirmed;
 * - `slow`: still pending after POLL_FOR_MS;
 * - `expired`: the hold ended before the payment arrived (the date was released);
 * - `not_completed`: the customer left the payment page (`cancelled=1`);
 * - `other`: any other status (completed, cancelled, no_show);
 * - `link_expired`: no cookie and no usable code;
 * - `error`: the server could not be asked (offline, 5xx).
 */
export type ReturnPhase =
  | { kind: 'checking' }
  | { kind: 'waiting' | 'confirmed' | 'slow' | 'expired' | 'not_completed' | 'other'; booking: ReturnView }
  | { kind: 'link_expired' }
  | { kind: 'error'; message: string }

/**
 * The screen for `booking`; `cancelled`: back from a payment page left unpaid; `timedOut`: waited
 * POLL_FOR_MS; `forBalance`: the payment was the balance (`for=balance`), so a confirmed booking
 * still showing a balance due is waiting for the webhook, not done.
 */
export function returnPhase(booking: ReturnView, opts: { cancelled: boolean; timedOut: boolean; forBalance?: boolean }): ReturnPhase {
  if (opts.cancelled) return { kind: 'not_completed', booking }
  switch (booking.status) {
    case 'confirmed':
      if (opts.forBalance && booking.balanceDueCents > 0) return { kind: opts.timedOut ? 'slow' : 'waiting', booking }
      return { kind: 'confirmed', booking }
    case 'expired':
      return { kind: 'expired', booking }
    case 'pending':
      return { kind: opts.timedOut ? 'slow' : 'waiting', booking }
    default:
      return { kind: 'other', booking }
  }
}

/** The page's address without the used-up code (other parameters, e.g. `cancelled=1`, are kept). */
export function withoutCode(href: string): string | null {
  const url = new URL(href)
  if (!url.searchParams.has('code')) return null
  url.searchParams.delete('code')
  return `${url.pathname}${url.search}${url.hash}`
}
