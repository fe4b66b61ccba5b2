/**
 * Step 1 of the booking form: the party's date on a calendar of the days that still have a free
 * start time for a party of this size (as the server says). Changing the date keeps the chosen
 * time only if it is free on the new day.
 */
import { Calendar } from '../Calendar'
import { fieldId } from '../Field'
import type { AvailabilityState } from '../hooks'
import { dateLabel } from '../labels'
import { MonthNav } from '../SlotPicker'
import type { CalendarPaging } from '../useCalendarPaging'
import type { StepProps } from './types'

interface Props extends Pick<StepProps, 'draft' | 'config' | 'update'> {
  paging: CalendarPaging
  availability: AvailabilityState
  /** The step's own error for the date (the quote never names it). */
  error: string | undefined
}

export function DateStep({ draft, config, update, paging, availability, error }: Props) {
  return (
    <fieldset className="calendar-box">
      <legend id="date-legend">Choose the date of your party</legend>
      <p className="hint" id="date-hint">
        Days you can pick are shown in bold. Use the arrow keys to move between days. Times are {config.zoneName}.
      </p>
      <MonthNav month={paging.month} firstDate={config.firstDate} lastDate={config.lastDate} onMonth={paging.onMonth} />
      <div id={fieldId('eventDate')} tabIndex={-1}>
        <Calendar
          month={paging.month}
          firstDate={config.firstDate}
          lastDate={config.lastDate}
          selected={draft.eventDate}
          focused={paging.focused}
          labelledBy="date-legend"
          dayState={(date) => {
            const slots = availability.days.get(date)
            if (!slots) return availability.loading ? 'loading' : 'unavailable'
            return slots.some((s) => s.available) ? 'available' : 'unavailable'
          }}
          onFocusDate={paging.onFocusDate}
          onSelect={(date) =>
            update(
              (d) => ({
                eventDate: date,
                startTime: availability.days.get(date)?.some((s) => s.available && s.time === d.startTime) ? d.startTime : null,
              }),
              ['eventDate'],
            )
          }
        />
      </div>
      <p className="calendar-status" aria-live="polite">
        {availability.loading ? 'Checking which days are free…' : draft.eventDate ? `Selected: ${dateLabel(draft.eventDate)}` : 'No date selected yet.'}
      </p>
      {availability.error ? (
        <div className="notice notice-error" role="alert">
          <p>{availability.error}</p>
          <button type="button" className="button-secondary" onClick={availability.reload}>
            Try again
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId('eventDate')}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
