'use client'
/**
 * The customer's manage page body: the booking, its price, what is paid and due (with "Pay
 * deposit" / "Pay balance" through Stripe Checkout when the server allows it), and — while the
 * lifecycle allows — moving it to another free slot or cancelling it with the refund the policy
 * gives. Each change is confirmed by the customer first, sent once (Idempotency-Key) through the
 * REST client, and the page shows the server's answer. Must never decide a rule itself: the server does.
 *
 * This file only composes: the sections are components in ./manage, the state and the requests
 * are hooks (useManageBooking, useReschedule, useCheckout).
 */
import { useState } from 'react'

import type { ManageView } from '../../collections/Bookings/manageView'
import type { ApiError } from '../../client/api'
import { formatCents } from '../../site/format'
import { dateLabel, PENDING_DEPOSIT_LABEL, statusLabel, timeLabel } from './labels'
import { BookingDetails } from './manage/BookingDetails'
import { CancelPanel } from './manage/CancelPanel'
import { PaymentPanel } from './manage/PaymentPanel'
import { ReschedulePanel } from './manage/ReschedulePanel'
import { useCheckout } from './useCheckout'
import { useManageBooking } from './useManageBooking'
import { useReschedule } from './useReschedule'

interface Props {
  token: string
  initial: ManageView
  firstDate: string
  lastDate: string
}

export function ManageBooking({ token, initial, firstDate, lastDate }: Props) {
  const { view, panel, message, error, busy, confirming, setConfirming, statusRef, base, open, send } = useManageBooking(token, initial)
  const checkout = useCheckout(token)
  const reschedule = useReschedule({ view, initialDate: initial.eventDate, firstDate, lastDate, active: panel === 'reschedule' })
  const [reason, setReason] = useState('')

  const money = (c: number) => formatCents(c, view.pricing.currency)
  // A slot taken meanwhile leaves the move to be chosen again, with fresh availability.
  const onRefused = (err: ApiError) => {
    if (err.reason === 'slot_full') reschedule.slotTaken()
  }
  const change = (path: string, body: unknown, done: (v: ManageView) => string) => void send(path, body, done, onRefused)

  // Over without taking place: the badge is greyed.
  const ended = view.status === 'cancelled' || view.status === 'expired'
  // The open panel, if any. Both show the booking and lock while a change is being sent.
  const panelProps = { view, busy }
  const openPanel =
    panel === 'reschedule' ? (
      <ReschedulePanel
        {...panelProps}
        firstDate={firstDate}
        lastDate={lastDate}
        reschedule={reschedule}
        confirming={confirming}
        setConfirming={setConfirming}
        onMove={(eventDate, startTime) => change('reschedule', { eventDate, startTime }, (b) => `Done: your party is now on ${dateLabel(b.eventDate)} at ${timeLabel(b.startTime)}.`)}
      />
    ) : panel === 'cancel' ? (
      <CancelPanel
        {...panelProps}
        reason={reason}
        onReason={setReason}
        onCancel={() => change('cancel', reason.trim() ? { reason: reason.trim() } : {}, (b) => `Your booking is cancelled. Refund: ${b.cancellation ? money(b.cancellation.refundCents) : money(0)}.`)}
        onKeep={() => open('none')}
      />
    ) : null
  return (
    <div className="manage">
      <p className="manage-status">
        Status: <span className={`status-badge${ended ? ' is-cancelled' : ''}`}>{view.status === 'pending' && view.canPayDeposit ? PENDING_DEPOSIT_LABEL : statusLabel(view.status)}</span>
      </p>
      <p ref={statusRef} tabIndex={-1} role="status" className={message ? 'notice' : undefined}>
        {message ?? ''}
      </p>

      <PaymentPanel view={view} checkout={checkout} busy={busy} />

      <BookingDetails view={view} base={base} />

      {view.canReschedule || view.canCancel ? (
        <div className="manage-actions">
          {view.canReschedule ? (
            <button type="button" className="button" disabled={checkout.going !== null} aria-expanded={panel === 'reschedule'} aria-controls="reschedule-panel" onClick={() => open(panel === 'reschedule' ? 'none' : 'reschedule')}>
              Change date or time
            </button>
          ) : null}
          {view.canCancel ? (
            <button type="button" className="button-secondary" disabled={checkout.going !== null} aria-expanded={panel === 'cancel'} aria-controls="cancel-panel" onClick={() => open(panel === 'cancel' ? 'none' : 'cancel')}>
              Cancel booking
            </button>
          ) : null}
        </div>
      ) : null}

      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}

      {openPanel}
    </div>
  )
}
