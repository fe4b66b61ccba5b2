'use client'
/**
 * Admin panel: where a booking's money stands — paid, still due, refunded, the payment state in
 * words, the slot hold of an unpaid booking, when the balance is charged and the last payment
 * error — read from the server's `pricing`, `paymentState` and `payment` fields of the form. For
 * managers and admins, two actions on the server's endpoints: email the customer a
 * balance-payment link, and refund to the card. Both reload the document afterwards so the figures
 * and the payments list below show what the server recorded. Never computes a price or moves money
 * itself: the endpoints decide and answer, the panel shows what they say.
 */
import { Button, useAuth, useConfig, useDocumentInfo, useFormFields, useFormModified } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useId, useState, useSyncExternalStore, type CSSProperties, type KeyboardEvent } from 'react'

import { PAYMENT_STATE_LABELS, PAYMENT_STATES, type PaymentState } from '../../domain/paymentState'
import type { User } from '../../payload-types'
import { formatCents } from '../../site/format'
import { parseDollarsToCents } from './dollars'
import { formatInstant, formatInstantUtc } from './formatInstant'
import { staffPost } from './staffPost'

/** A sentence under the state's name: what it means for staff. */
const STATE_NOTES: Record<PaymentState, string> = {
  deposit_unpaid: 'The deposit has not been paid yet.',
  balance_due: 'The deposit is paid; the rest of the total is still owed.',
  paid: 'Everything has been paid.',
  refunded: 'The booking is over and money was given back.',
  none: 'Nothing is owed on this booking.',
}

const REASON_MAX = 500

const box: CSSProperties = { padding: '0.75rem 1rem', borderRadius: 'var(--style-radius-s, 4px)', margin: '0.75rem 0', maxWidth: '40rem' }
const warningBox: CSSProperties = { ...box, border: '1px solid var(--theme-warning-500)', background: 'var(--theme-warning-100)', color: 'var(--theme-text)' }
const errorText: CSSProperties = { color: 'var(--theme-error-500)', margin: '0.25rem 0 0' }
const inputStyle: CSSProperties = { display: 'block', width: '100%', maxWidth: '24rem', padding: '0.5rem', marginTop: '0.25rem', font: 'inherit' }

const isPaymentState = (v: unknown): v is PaymentState => typeof v === 'string' && (PAYMENT_STATES as readonly string[]).includes(v)

// True in the browser once hydrated, false while rendering on the server: times are worded in the
// viewer's zone only when the viewer's zone is known, so the server's HTML never mismatches.
const subscribeNothing = () => () => undefined
const useInBrowser = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  )

interface RefundKey {
  key: string
  amountCents: number
  reason: string
}


/** The business's time zone from the settings global (public), read once; undefined until then. */
function useBusinessTimeZone(apiRoute: string): string | undefined {
  const [timeZone, setTimeZone] = useState<string>()
  useEffect(() => {
    const ctrl = new AbortController()
    fetch(`${apiRoute}/globals/business-settings?depth=0`, { credentials: 'include', signal: ctrl.signal })
      .then((res) => (res.ok ? (res.json() as Promise<{ timezone?: unknown }>) : null))
      .then((doc) => {
        if (typeof doc?.timezone === 'string') setTimeZone(doc.timezone)
      })
      .catch(() => {
        // Unreadable settings (offline, aborted) leave the times in the browser's zone, which each
        // time shown names: nothing to report, the panel still says when.
        if (!ctrl.signal.aborted) setTimeZone(undefined)
      })
    return () => ctrl.abort()
  }, [apiRoute])
  return timeZone
}

export function PaymentPanel() {
  const fields = useFormFields(([f]) => f)
  const { id } = useDocumentInfo()
  const { user } = useAuth<User>()
  const { config } = useConfig()
  const modified = useFormModified()
  const router = useRouter()
  const inBrowser = useInBrowser()
  const uid = useId()

  const value = (path: string): unknown => fields[path]?.value
  const cents = (path: string): number | undefined => {
    const v = value(path)
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined
  }
  const text = (path: string): string | undefined => {
    const v = value(path)
    return typeof v === 'string' && v.trim() !== '' ? v : undefined
  }

  const currency = text('pricing.currency') ?? 'usd'
  const money = (c: number | undefined) => (c === undefined ? '—' : formatCents(c, currency))
  // The business's zone (from the settings); the browser's own until it is known, named either way.
  const timeZone = useBusinessTimeZone(config.routes.api)
  const when = (iso: string | undefined) => {
    if (!iso) return undefined
    return (inBrowser ? formatInstant(iso, timeZone) : formatInstantUtc(iso)) ?? iso
  }

  const status = text('status')
  const rawState = value('paymentState')
  const state = isPaymentState(rawState) ? rawState : undefined
  const total = cents('pricing.totalCents')
  const deposit = cents('pricing.depositCents')
  const depositPaid = cents('payment.depositPaidCents') ?? 0
  const balancePaid = cents('payment.balancePaidCents') ?? 0
  const refunded = cents('payment.refundedCents') ?? 0
  const paid = depositPaid + balancePaid
  const due = total === undefined ? undefined : Math.max(0, total - paid)
  const depositDue = deposit === undefined || total === undefined ? undefined : Math.max(0, Math.min(deposit, total) - paid)
  const refundable = Math.max(0, paid - refunded)
  const owing = state === 'deposit_unpaid' || state === 'balance_due'

  const holdExpiresAt = text('payment.holdExpiresAt')
  const balanceDueAt = text('payment.balanceDueAt')
  const balanceAttemptAt = text('payment.balanceAttemptAt')
  const balanceLinkSentAt = text('payment.balanceLinkSentAt')
  const savedCard = text('payment.stripePaymentMethodId') !== undefined
  const lastError = text('payment.lastPaymentError')

  const canAct = user?.role === 'admin' || user?.role === 'manager'
  // Relative: the API is served by the same app as this admin page, whatever host staff use.
  const apiBase = config.routes.api

  const [linkSending, setLinkSending] = useState(false)
  const [linkResult, setLinkResult] = useState<string>()
  const [linkError, setLinkError] = useState<string>()

  const [refundOpen, setRefundOpen] = useState(false)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [refundSending, setRefundSending] = useState(false)
  const [amountError, setAmountError] = useState<string>()
  const [reasonError, setReasonError] = useState<string>()
  const [refundError, setRefundError] = useState<string>()
  const [refundResult, setRefundResult] = useState<string>()
  // The key of a refund whose answer never arrived: sending the same amount and reason again
  // reuses it, so the server replays that refund instead of making a second one.
  const [unansweredRefund, setUnansweredRefund] = useState<RefundKey>()

  const sending = linkSending || refundSending
  const locked = sending || modified

  if (id === undefined || id === null || id === '') {
    return (
      <div className="field-type" style={{ marginBottom: '1.5rem' }}>
        <h3 style={{ margin: '0 0 0.5rem' }}>Payment</h3>
        <p style={{ opacity: 0.7 }}>Payments appear here once the booking is saved.</p>
      </div>
    )
  }

  async function sendBalanceLink() {
    const question = `Email ${text('contact.email') ?? 'the customer'} a link to pay the balance of ${money(due)}?`
    if (!window.confirm(question)) return
    setLinkSending(true)
    setLinkError(undefined)
    setLinkResult(undefined)
    const res = await staffPost(`${apiBase}/bookings/${encodeURIComponent(String(id))}/balance-link`, {})
    setLinkSending(false)
    if (!res.ok) {
      setLinkError(res.status === 0 ? `${res.message} The link may or may not have been sent: check "Payment link last emailed" after reloading.` : res.message)
      return
    }
    const body = res.body as { amountCents?: unknown } | undefined
    const sentCents = typeof body?.amountCents === 'number' && Number.isSafeInteger(body.amountCents) ? body.amountCents : undefined
    setLinkResult(sentCents === undefined ? 'Payment link emailed to the customer.' : `Payment link for ${money(sentCents)} emailed to the customer.`)
    router.refresh()
  }

  async function submitRefund() {
    setRefundError(undefined)
    setRefundResult(undefined)
    const parsed = parseDollarsToCents(amount)
    const why = reason.trim()
    const amountProblem = parsed.ok ? undefined : parsed.message
    const reasonProblem = why.length < 3 ? 'Give a reason of at least 3 characters (it is kept with the refund).' : undefined
    setAmountError(amountProblem)
    setReasonError(reasonProblem)
    if (!parsed.ok || reasonProblem) return
    if (!window.confirm(`Refund ${money(parsed.cents)} to the customer's card? This cannot be undone.`)) return

    const retry = unansweredRefund && unansweredRefund.amountCents === parsed.cents && unansweredRefund.reason === why ? unansweredRefund : undefined
    const attempt: RefundKey = retry ?? { key: crypto.randomUUID(), amountCents: parsed.cents, reason: why }
    setRefundSending(true)
    const res = await staffPost(`${apiBase}/payments/refund`, { booking: id, amountCents: parsed.cents, reason: why }, { idempotencyKey: attempt.key })
    setRefundSending(false)
    if (!res.ok) {
      if (res.status === 0) {
        setUnansweredRefund(attempt)
        setRefundError(`${res.message} The refund may or may not have gone through. Sending the same amount and reason again is safe: it will not refund twice.`)
        return
      }
      setUnansweredRefund(undefined)
      setAmountError(res.fieldErrors.amountCents)
      setReasonError(res.fieldErrors.reason)
      setRefundError(res.message)
      return
    }
    setUnansweredRefund(undefined)
    const body = res.body as { refundedCents?: unknown; refundIds?: unknown } | undefined
    const refundedNow = typeof body?.refundedCents === 'number' && Number.isSafeInteger(body.refundedCents) ? body.refundedCents : parsed.cents
    const parts = Array.isArray(body?.refundIds) ? body.refundIds.length : 0
    setRefundResult(`Refunded ${money(refundedNow)} to the card${parts > 1 ? ` (in ${parts} Stripe refunds)` : ''}.`)
    setAmount('')
    setReason('')
    setRefundOpen(false)
    router.refresh()
  }

  // Enter in an input would submit Payload's document form (this panel sits inside it): send the refund instead.
  const onRefundKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    if (!locked) void submitRefund()
  }

  const amountId = `${uid}-amount`
  const reasonId = `${uid}-reason`
  const showLinkAction = canAct && state === 'balance_due' && status === 'confirmed'
  const showRefundAction = canAct && refundable > 0

  const dueText = (() => {
    if (due === undefined) return '—'
    if (!owing && due > 0) return `Nothing (the booking is ${status?.replace('_', ' ') ?? 'not active'}; ${money(due)} was never collected)`
    if (state === 'deposit_unpaid' && depositDue !== undefined && depositDue > 0) return `${money(due)} (deposit of ${money(depositDue)} first)`
    return money(due)
  })()

  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }} aria-labelledby={`${uid}-heading`} role="region">
      <h3 id={`${uid}-heading`} style={{ margin: '0 0 0.5rem' }}>
        Payment
      </h3>
      <p style={{ margin: '0 0 0.75rem' }}>
        <strong>{state ? PAYMENT_STATE_LABELS[state] : 'Payment state not computed yet'}</strong>
        {state ? ` — ${STATE_NOTES[state]}` : ''}
      </p>

      <table style={{ width: '100%', maxWidth: '32rem', borderCollapse: 'collapse' }}>
        <tbody>
          <tr>
            <th scope="row" style={{ textAlign: 'left', fontWeight: 400 }}>
              Paid
            </th>
            <td style={{ textAlign: 'right' }}>
              {money(paid)}
              {paid > 0 ? <span style={{ opacity: 0.7 }}>{` (deposit ${money(depositPaid)} + balance ${money(balancePaid)})`}</span> : null}
            </td>
          </tr>
          <tr style={{ fontWeight: 700 }}>
            <th scope="row" style={{ textAlign: 'left' }}>
              Due
            </th>
            <td style={{ textAlign: 'right' }}>{dueText}</td>
          </tr>
          <tr>
            <th scope="row" style={{ textAlign: 'left', fontWeight: 400 }}>
              Refunded
            </th>
            <td style={{ textAlign: 'right' }}>{money(refunded)}</td>
          </tr>
        </tbody>
      </table>

      <ul style={{ margin: '0.75rem 0', paddingLeft: '1.25rem' }}>
        {status === 'pending' && holdExpiresAt ? (
          <li>
            Slot held until <time dateTime={holdExpiresAt}>{when(holdExpiresAt)}</time>, then released.
          </li>
        ) : null}
        {state === 'balance_due' && balanceDueAt ? (
          <li>
            {savedCard ? 'Balance charged to the saved card on ' : 'Balance due on '}
            <time dateTime={balanceDueAt}>{when(balanceDueAt)}</time>
            {/* The saved card is visible to managers only: say it is missing only to them. */}
            {canAct && !savedCard ? ' (no saved card: send the customer a payment link).' : '.'}
          </li>
        ) : null}
        {balanceAttemptAt ? (
          <li>
            Card last tried for the balance <time dateTime={balanceAttemptAt}>{when(balanceAttemptAt)}</time>.
          </li>
        ) : null}
        {balanceLinkSentAt ? (
          <li>
            Payment link last emailed <time dateTime={balanceLinkSentAt}>{when(balanceLinkSentAt)}</time>.
          </li>
        ) : null}
      </ul>

      {lastError ? (
        <div style={warningBox} aria-labelledby={`${uid}-last-error`} role="note">
          <strong id={`${uid}-last-error`}>Last payment error</strong>
          <p style={{ margin: '0.25rem 0 0', overflowWrap: 'anywhere' }}>{lastError}</p>
        </div>
      ) : null}

      {(showLinkAction || showRefundAction) && modified ? (
        <p style={{ opacity: 0.8 }}>Save or discard your changes first: the payment actions reload this booking.</p>
      ) : null}

      {showLinkAction ? (
        <div style={{ margin: '0.75rem 0' }}>
          <Button buttonStyle="secondary" size="small" margin={false} disabled={locked} onClick={() => void sendBalanceLink()}>
            {linkSending ? 'Sending…' : 'Send balance-payment link'}
          </Button>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {linkResult ? <p style={{ margin: '0.25rem 0' }}>{linkResult}</p> : null}
      </div>
      {linkError ? (
        <p role="alert" style={errorText}>
          {linkError}
        </p>
      ) : null}

      {showRefundAction && !refundOpen ? (
        <div style={{ margin: '0.75rem 0' }}>
          <Button
            buttonStyle="secondary"
            size="small"
            margin={false}
            disabled={locked}
            onClick={() => {
              setRefundOpen(true)
              setRefundResult(undefined)
            }}
          >
            Refund to card…
          </Button>
        </div>
      ) : null}

      {showRefundAction && refundOpen ? (
        // Not a <form>: this panel is inside Payload's document form, and forms cannot nest.
        <div role="group" aria-labelledby={`${uid}-refund-heading`} style={{ ...box, border: '1px solid var(--theme-elevation-150)' }}>
          <h4 id={`${uid}-refund-heading`} style={{ margin: '0 0 0.5rem' }}>
            Refund to card
          </h4>
          <p style={{ margin: '0 0 0.75rem', opacity: 0.8 }}>
            At most {money(refundable)} (paid, less refunds); only card payments can be refunded here. Give cash back by recording a refund under Payments.
          </p>
          <div style={{ marginBottom: '0.75rem' }}>
            <label htmlFor={amountId}>Amount in dollars (required)</label>
            <input
              id={amountId}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="e.g. 25.00"
              value={amount}
              required
              aria-invalid={amountError ? true : undefined}
              aria-describedby={amountError ? `${amountId}-error` : undefined}
              disabled={refundSending}
              onChange={(e) => setAmount(e.target.value)}
              onKeyDown={onRefundKeyDown}
              style={inputStyle}
            />
            {amountError ? (
              <p id={`${amountId}-error`} style={errorText}>
                {amountError}
              </p>
            ) : null}
          </div>
          <div style={{ marginBottom: '0.75rem' }}>
            <label htmlFor={reasonId}>Reason (required, kept with the refund)</label>
            <input
              id={reasonId}
              type="text"
              autoComplete="off"
              maxLength={REASON_MAX}
              value={reason}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              disabled={refundSending}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={onRefundKeyDown}
              style={inputStyle}
            />
            {reasonError ? (
              <p id={`${reasonId}-error`} style={errorText}>
                {reasonError}
              </p>
            ) : null}
          </div>
          <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="small" margin={false} disabled={locked} onClick={() => void submitRefund()}>
              {refundSending ? 'Refunding…' : 'Refund'}
            </Button>
            <Button
              buttonStyle="secondary"
              size="small"
              margin={false}
              disabled={refundSending}
              onClick={() => {
                setRefundOpen(false)
                setAmountError(undefined)
                setReasonError(undefined)
                setRefundError(undefined)
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <div role="status" aria-live="polite">
        {refundResult ? <p style={{ margin: '0.25rem 0' }}>{refundResult}</p> : null}
      </div>
      {refundError ? (
        <p role="alert" style={errorText}>
          {refundError}
        </p>
      ) : null}
    </div>
  )
}
