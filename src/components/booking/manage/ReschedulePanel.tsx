/**
 * The manage page's "change date or time" panel: a calendar of days with a slot the booking could
 * move to, the free times of the chosen day, and an "are you sure" that names the old and the new
 * slot before anything is sent. The server decides whether the move is allowed.
 */
import type { ManageView } from '../../../collections/Bookings/manageView'
import { Calendar } from '../Calendar'
import { fieldId } from '../Field'
import { dateLabel, timeLabel } from '../labels'
import { MonthNav, SlotPicker } from '../SlotPicker'
import type { Reschedule } from '../useReschedule'

interface Props {
  view: ManageView
  firstDate: string
  lastDate: string
  reschedule: Reschedule
  confirming: boolean
  setConfirming: (confirming: boolean) => void
  busy: boolean
  /** Sends the move of the booking to `newDate` at `newTime`. */
  onMove: (newDate: string, newTime: string) => void
}

export function ReschedulePanel({ view, firstDate, lastDate, reschedule, confirming, setConfirming, busy, onMove }: Props) {
  const { paging, availability, newDate, newTime, freeSlots } = reschedule
  return (
    <section id="reschedule-panel" className="card manage-panel" aria-labelledby="reschedule-heading">
      <h2 id="reschedule-heading">Choose a new date and time</h2>
      <MonthNav month={paging.month} firstDate={firstDate} lastDate={lastDate} onMonth={paging.onMonth} />
      <Calendar
        month={paging.month}
        firstDate={firstDate}
        lastDate={lastDate}
        selected={newDate}
        focused={paging.focused}
        labelledBy="reschedule-heading"
        dayState={(date) => {
          const slots = availability.days.get(date)
          if (!slots) return availability.loading ? 'loading' : 'unavailable'
          return reschedule.hasMovableSlot(date, slots) ? 'available' : 'unavailable'
        }}
        onFocusDate={paging.onFocusDate}
        onSelect={(d) => {
          reschedule.chooseDate(d)
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
              reschedule.chooseTime(time)
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
            <button type="button" className="button" disabled={busy} onClick={() => onMove(newDate, newTime)}>
              {busy ? 'Moving…' : 'Yes, move my booking'}
            </button>
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              No, keep it
            </button>
          </div>
        </div>
      ) : null}
    </section>
  )
}
