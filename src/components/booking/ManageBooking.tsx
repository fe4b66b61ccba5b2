'use client'
/**
 * The customer's manage page body: the booking, its price, and — while the lifecycle allows —
 * moving it to another free slot or cancelling it with the refund the policy gives. Each change
 * is confirmed by the customer first, sent once (Idempotency-Key) through the REST client, and
 * the page shows the server's answer. Must never decide a rule itself: the server does.
 */
import { useRef, useState } from 'react'

import type { ManageView } from '../../collections/Bookings/manageView'
import { api, ApiError, newIdempotencyKey } from '../../client/api'
import { formatCents } from '../../site/format'
import { Calendar, monthOf } from './Calendar'
import { fieldId } from './Field'
import { useMonthAvailability } from './hooks'
import { dateLabel, timeLabel, zoneLabel } from './labels'
import { QuoteSummary } from './QuoteSummary'
import { MonthNav, SlotPicker } from './SlotPicker'

interface Props {
  token: string
  initial: ManageView
  firstDate: string
  lastDate: string
}

type Panel = 'none' | 'reschedule' | 'cancel'

const STATUS_TEXT: Record<string, string> = {
  pending: 'Requested — waiting for our confirmation',
  confirmed: 'Confirmed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
}

export function ManageBooking({ token, initial, firstDate, lastDate }: Props) {
  const [view, setView] = useState(initial)
  const [panel, setPanel] = useState<Panel>('none')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  const keyRef = useRef<string | null>(null)
  const statusRef = useRef<HTMLParagraphElement>(null)

  // Reschedule choice.
  // The reschedule calendar opens on the booking's own month (its date is usually the nearest wish).
  const startDate = initial.eventDate >= firstDate && initial.eventDate <= lastDate ? initial.eventDate : firstDate
  const [month, setMonth] = useState(() => monthOf(startDate))
  const [focused, setFocused] = useState(startDate)
  const [newDate, setNewDate] = useState<string | null>(null)
  const [newTime, setNewTime] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [reason, setReason] = useState('')
  const guests = view.guests.adults + view.guests.children
  const availability = useMonthAvailability(panel === 'reschedule' ? month : '', firstDate, lastDate, Math.max(1, guests))
  const freeSlots = (newDate ? (availability.days.get(newDate) ?? []) : []).filter((s) => s.available && !(newDate === view.eventDate && s.time === view.startTime))

  const base = `/api/bookings/manage/${encodeURIComponent(token)}`
  const money = (c: number) => formatCents(c, view.pricing.currency)

  function open(p: Panel) {
    setPanel(p)
    setConfirming(false)
    setError(null)
    setMessage(null)
    keyRef.current = null
  }

  async function send(path: string, body: unknown, done: (v: ManageView) => string) {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    setError(null)
    keyRef.current ??= newIdempotencyKey()
    try {
      const answer = await api<{ booking: ManageView }>(`${base}/${path}`, { method: 'POST', body, idempotencyKey: keyRef.current, timeoutMs: 20_000 })
      setView(answer.booking)
      setPanel('none')
      setConfirming(false)
      setMessage(done(answer.booking))
      keyRef.current = null
      requestAnimationFrame(() => statusRef.current?.focus())
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      const field = Object.values(err.fieldErrors)[0]
      setError(field ?? err.message)
      if (err.reason === 'slot_full') {
        availability.reload()
        setNewTime(null)
      }
      setConfirming(false)
      keyRef.current = null
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const cancelled = view.status === 'cancelled'
  return (
    <div className="manage">
      <p className="manage-status">
        Status: <span className={`status-badge${cancelled ? ' is-cancelled' : ''}`}>{STATUS_TEXT[view.status] ?? view.status}</span>
      </p>
      <p ref={statusRef} tabIndex={-1} role="status" className={message ? 'notice' : undefined}>
        {message ?? ''}
      </p>

      <div className="booking-layout">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Your party</h2>
          <dl className="summary">
            <dt>When</dt>
            <dd data-testid="booking-when">
              {dateLabel(view.eventDate)} at {timeLabel(view.startTime)} ({zoneLabel(view.timezone, view.eventDate)}), about {Math.round(view.durationMinutes / 60)} hours
            </dd>
            <dt>Guests</dt>
            <dd>
              {view.guests.adults} adult{view.guests.adults === 1 ? '' : 's'}
              {view.guests.children > 0 ? `, ${view.guests.children} child${view.guests.children === 1 ? '' : 'ren'}` : ''}
            </dd>
            <dt>Where</dt>
            <dd>
              {view.address.street}, {view.address.city}, {view.address.state} {view.address.zip}
            </dd>
            <dt>Contact</dt>
            <dd>
              {view.contact.name} · {view.contact.email} · {view.contact.phone}
            </dd>
            {view.menu.length > 0 ? (
              <>
                <dt>Menu</dt>
                <dd>{view.menu.map((m) => `${m.name} × ${m.quantity}`).join(', ')}</dd>
              </>
            ) : null}
          </dl>
          {view.cancellation ? (
            <p className="notice">
              Cancelled on {new Date(view.cancellation.cancelledAt).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: view.timezone })}. Refund: {view.cancellation.refundPercent}% of what you paid (
              {money(view.cancellation.refundCents)}).
            </p>
          ) : null}
          <p>
            <a className="button-secondary" href={`${base}/calendar.ics`} download>
              Add to calendar (.ics)
            </a>
          </p>
        </section>
        <aside className="booking-aside" aria-label="Price">
          <QuoteSummary quote={view.pricing} title="Price" />
        </aside>
      </div>

      {view.canReschedule || view.canCancel ? (
        <div className="manage-actions">
          {view.canReschedule ? (
            <button type="button" className="button" aria-expanded={panel === 'reschedule'} aria-controls="reschedule-panel" onClick={() => open(panel === 'reschedule' ? 'none' : 'reschedule')}>
              Change date or time
            </button>
          ) : null}
          {view.canCancel ? (
            <button type="button" className="button-secondary" aria-expanded={panel === 'cancel'} aria-controls="cancel-panel" onClick={() => open(panel === 'cancel' ? 'none' : 'cancel')}>
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

      {panel === 'reschedule' ? (
        <section id="reschedule-panel" className="card manage-panel" aria-labelledby="reschedule-heading">
          <h2 id="reschedule-heading">Choose a new date and time</h2>
          <MonthNav
            month={month}
            firstDate={firstDate}
            lastDate={lastDate}
            onMonth={(m, focus) => {
              setMonth(m)
              setFocused(focus)
            }}
          />
          <Calendar
            month={month}
            firstDate={firstDate}
            lastDate={lastDate}
            selected={newDate}
            focused={focused}
            labelledBy="reschedule-heading"
            dayState={(date) => {
              const slots = availability.days.get(date)
              if (!slots) return availability.loading ? 'loading' : 'unavailable'
              return slots.some((s) => s.available && !(date === view.eventDate && s.time === view.startTime)) ? 'available' : 'unavailable'
            }}
            onFocusDate={(d) => {
              setFocused(d)
              if (monthOf(d) !== month) setMonth(monthOf(d))
            }}
            onSelect={(d) => {
              setNewDate(d)
              setNewTime(null)
              setConfirming(false)
            }}
          />
          <p aria-live="polite">{availability.loading ? 'Checking which days are free…' : newDate ? `Selected: ${dateLabel(newDate)}` : ''}</p>
          {newDate ? (
            <fieldset>
              <legend>Start time on {dateLabel(newDate)}</legend>
              <SlotPicker
                id={fieldId('startTime')}
                name="newStartTime"
                times={freeSlots.map((slot) => slot.time)}
                selected={newTime}
                onSelect={(time) => {
                  setNewTime(time)
                  setConfirming(false)
                }}
              />
              {freeSlots.length === 0 && !availability.loading ? <p>No free times on this day. Please choose another date.</p> : null}
            </fieldset>
          ) : null}
          {newDate && newTime && !confirming ? (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Review the change
            </button>
          ) : null}
          {newDate && newTime && confirming ? (
            <div className="notice" role="group" aria-labelledby="confirm-move">
              <p id="confirm-move">
                Move your party from {dateLabel(view.eventDate)} at {timeLabel(view.startTime)} to <strong>{dateLabel(newDate)} at {timeLabel(newTime)}</strong>?
              </p>
              <div className="manage-actions">
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void send('reschedule', { eventDate: newDate, startTime: newTime }, (b) => `Done: your party is now on ${dateLabel(b.eventDate)} at ${timeLabel(b.startTime)}.`)}
                >
                  {busy ? 'Moving…' : 'Yes, move my booking'}
                </button>
                <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
                  No, keep it
                </button>
              </div>
            </div>
          ) : null}
        </section>
      ) : null}

      {panel === 'cancel' ? (
        <section id="cancel-panel" className="card manage-panel" aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">Cancel this booking?</h2>
          {view.refundIfCancelledNow ? (
            <p>
              Cancelling now, {view.refundIfCancelledNow.daysBefore} day{view.refundIfCancelledNow.daysBefore === 1 ? '' : 's'} before your party, refunds{' '}
              <strong>{view.refundIfCancelledNow.refundPercent}%</strong> of what you have paid ({money(view.refundIfCancelledNow.refundCents)} of {money(view.payment.depositPaidCents)}).
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="cancel-reason">Reason (optional)</label>
            <textarea id="cancel-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="manage-actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void send('cancel', reason.trim() ? { reason: reason.trim() } : {}, (b) => `Your booking is cancelled. Refund: ${b.cancellation ? money(b.cancellation.refundCents) : money(0)}.`)}
            >
              {busy ? 'Cancelling…' : 'Yes, cancel my booking'}
            </button>
            <button type="button" className="button-secondary" disabled={busy} onClick={() => open('none')}>
              No, keep my booking
            </button>
          </div>
        </section>
      ) : null}
    </div>
  )
}
