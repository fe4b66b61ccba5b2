'use client'
/**
 * The page Stripe Checkout sends the customer back to: after paying it says the payment arrived
 * and waits for it to confirm the booking, then shows the booking confirmed (date, time, deposit
 * paid, balance due); after leaving the payment page unpaid it says until when the date is held.
 * One status line (role=status) carries what changes; the heading takes focus when the screen
 * changes, as each step of the booking form does. "Back to your booking" uses the manage link this
 * tab remembered before it left for the payment page.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react'

import { formatCents, telHref } from '../../site/format'
import { readManageUrl } from './checkout'
import { dateLabel, instantLabel, statusLabel, timeLabel, zoneLabel } from './labels'
import type { ReturnPhase, ReturnView } from './paymentReturn'
import { usePaymentReturn } from './usePaymentReturn'

interface Props {
  /** The single-use code of the return address; null without one. */
  code: string | null
  /** The customer left the payment page without paying (`cancelled=1`). */
  cancelled: boolean
  /** The payment was the balance (`for=balance` in the return URL). */
  forBalance?: boolean
  phone: string | null
}

function subscribeStorage(onChange: () => void) {
  window.addEventListener('storage', onChange)
  return () => window.removeEventListener('storage', onChange)
}

/** The manage link this tab remembered (null on the server and when there is none). */
function useManageUrl(): string | null {
  return useSyncExternalStore(subscribeStorage, readManageUrl, () => null)
}

const HEADINGS: Record<ReturnPhase['kind'], string> = {
  checking: 'Checking your payment',
  waiting: 'Thank you for your payment',
  confirmed: 'Your booking is confirmed',
  slow: 'Thank you for your payment',
  expired: 'Your hold ended before the payment arrived',
  not_completed: 'Payment not completed',
  other: 'Your booking',
  link_expired: 'This link has expired',
  error: 'We could not check your payment',
}

const when = (b: ReturnView) => `${dateLabel(b.eventDate)} at ${timeLabel(b.startTime)} (${zoneLabel(b.timezone, b.eventDate)})`

/** The sentence of the status line for `phase`. */
function statusText(phase: ReturnPhase): string {
  switch (phase.kind) {
    case 'checking':
      return 'Checking your payment…'
    case 'waiting':
      return 'Payment received, confirming your booking…'
    case 'confirmed':
      return `Your booking is confirmed for ${when(phase.booking)}.`
    case 'slow':
      return 'Confirming your booking is taking longer than usual. You do not need to pay again: an email will follow as soon as it is confirmed.'
    case 'expired':
      return 'The hold on your date ended before your payment arrived, so the date was released. Our staff will be in touch about your payment.'
    case 'not_completed':
      return notCompletedText(phase.booking)
    case 'other':
      return `Your booking's status: ${statusLabel(phase.booking.status)}.`
    case 'link_expired':
      return 'This payment link has expired or was already used. Use the manage link from your confirmation email to see your booking and its payment.'
    case 'error':
      return phase.message
  }
}

function notCompletedText(b: ReturnView): string {
  const notPaid = 'The payment was not completed.'
  if (b.status === 'pending' && b.holdExpiresAt) {
    return `${notPaid} Your booking is held until ${instantLabel(b.holdExpiresAt, b.timezone)}; you can pay the deposit from your booking's page until then, after which the date is released.`
  }
  if (b.status === 'pending') return `${notPaid} Your booking is still waiting for its deposit.`
  if (b.status === 'confirmed') {
    const money = formatCents(b.balanceDueCents, b.currency)
    return b.balanceDueCents > 0 ? `${notPaid} Your booking is still confirmed; the balance of ${money} is still due.` : `${notPaid} Your booking is still confirmed.`
  }
  if (b.status === 'expired') return `${notPaid} The hold on your date has ended, so the date was released.`
  return `${notPaid} Your booking's status: ${statusLabel(b.status)}.`
}

export function PaymentReturn({ code, cancelled, forBalance = false, phone }: Props) {
  const { phase, retry, checkAgain } = usePaymentReturn(code, cancelled, forBalance)
  const manageUrl = useManageUrl()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const shownKind = useRef<ReturnPhase['kind']>('checking')

  // A new screen moves focus to its heading (not the first check, which is where the page starts).
  useEffect(() => {
    if (phase.kind === shownKind.current) return
    shownKind.current = phase.kind
    if (phase.kind !== 'checking') headingRef.current?.focus()
  }, [phase.kind])

  const booking = 'booking' in phase ? phase.booking : null
  const money = (c: number) => (booking ? formatCents(c, booking.currency) : '')

  return (
    <div className="payment-return">
      <h1 ref={headingRef} tabIndex={-1}>
        {HEADINGS[phase.kind]}
      </h1>
      <div className="card">
        <p role="status" aria-live="polite" data-testid="payment-status" data-phase={phase.kind}>
          {statusText(phase)}
        </p>

        {phase.kind === 'confirmed' && booking ? (
          <dl className="summary" data-testid="payment-summary">
            <dt>When</dt>
            <dd>{when(booking)}</dd>
            <dt>Deposit paid</dt>
            <dd>{money(booking.depositPaidCents)}</dd>
            <dt>Balance due</dt>
            <dd>{money(booking.balanceDueCents)}</dd>
          </dl>
        ) : null}

        {phase.kind === 'waiting' ? <p className="hint">This usually takes a few seconds. You can keep this page open.</p> : null}

        {phase.kind === 'expired' && phone ? (
          <p>
            Questions? Call <a href={telHref(phone)}>{phone}</a>.
          </p>
        ) : null}

        {phase.kind === 'slow' || phase.kind === 'error' ? (
          <p>
            <button type="button" className="button-secondary" onClick={phase.kind === 'slow' ? checkAgain : retry}>
              {phase.kind === 'slow' ? 'Check again' : 'Try again'}
            </button>
          </p>
        ) : null}

        {phase.kind !== 'checking' && phase.kind !== 'waiting' ? (
          manageUrl ? (
            <p>
              <a href={manageUrl} className={phase.kind === 'not_completed' ? 'button' : 'button-secondary'} data-testid="back-to-booking">
                Back to your booking
              </a>
            </p>
          ) : phase.kind === 'not_completed' ? (
            <p>Use the manage link from your confirmation email to get back to your booking.</p>
          ) : null
        ) : null}
      </div>
    </div>
  )
}
