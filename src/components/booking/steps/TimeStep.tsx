/**
 * Step 2 of the booking form: the start time on the chosen date, from the slots the server says
 * are still free for this party. Times already booked or too soon are simply not offered.
 */
import { fieldId } from '../Field'
import type { Slot } from '../hooks'
import { dateLabel } from '../labels'
import { SlotPicker } from '../SlotPicker'
import type { StepProps } from './types'

interface Props extends Pick<StepProps, 'update'> {
  eventDate: string
  startTime: string | null
  /** The date's slots once loaded (undefined while loading) and the free ones among them. */
  slotsOfDate: Slot[] | undefined
  freeSlots: Slot[]
  loading: boolean
  /** The step's own error for the time (the quote never names it). */
  error: string | undefined
}

export function TimeStep({ eventDate, startTime, update, slotsOfDate, freeSlots, loading, error }: Props) {
  return (
    <fieldset aria-describedby={error ? `${fieldId('startTime')}-error` : 'time-hint'}>
      <legend>Start time on {dateLabel(eventDate)}</legend>
      <p className="hint" id="time-hint">
        Your chef arrives about an hour earlier to set up. Times not listed are already booked or too soon.
      </p>
      {!slotsOfDate && loading ? <p aria-live="polite">Checking free times…</p> : null}
      {slotsOfDate && freeSlots.length === 0 ? <p className="notice">No times are free on this day any more. Please go back and choose another date.</p> : null}
      <SlotPicker id={fieldId('startTime')} name="startTime" times={freeSlots.map((slot) => slot.time)} selected={startTime} onSelect={(time) => update(() => ({ startTime: time }), ['startTime'])} />
      {error ? (
        <p className="field-error" id={`${fieldId('startTime')}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
