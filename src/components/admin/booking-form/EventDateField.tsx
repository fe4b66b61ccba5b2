'use client'
/**
 * The booking form's event date (admin): a month calendar that shows, for the party on the form,
 * which days are free, full (or a blackout day) or not bookable, read from the public
 * GET /api/availability. The stored value stays a 'YYYY-MM-DD' string in the business time zone.
 * Staff may still pick a day that is not free (an existing booking's own date, an exception the
 * manager allows): the server's booking rules decide on save, as for every other write.
 */
import { FieldDescription, FieldError, FieldLabel, useField, useFormFields } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import { useId, useState } from 'react'

import { FORM_DAY_STATE_LABELS, formDayState, partySize } from '../../../domain/bookingForm'
import { addMonths, Calendar, monthOf, type DayState } from '../../booking/Calendar'
import { useMonthAvailability } from '../../booking/hooks'
import { dateLabel } from '../../booking/labels'
import { contrastStyles, formStyles } from './styles'

const ANY_FIRST = '0001-01-01'
const ANY_LAST = '9999-12-31'
const DATE = /^\d{4}-\d{2}-\d{2}$/

function todayLocal(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export const EventDateField: TextFieldClientComponent = ({ path, field, readOnly }) => {
  const { value, setValue, showError } = useField<string>({ path })
  const adults = useFormFields(([f]) => f['guests.adults']?.value)
  const children = useFormFields(([f]) => f['guests.children']?.value)
  const party = partySize(adults, children)
  const selected = typeof value === 'string' && DATE.test(value) ? value : null
  const [focused, setFocused] = useState(() => selected ?? todayLocal())
  const month = monthOf(focused)
  const availability = useMonthAvailability(month, ANY_FIRST, ANY_LAST, party)
  const headingId = useId()

  const state = (date: string) => formDayState(availability.days.get(date))
  const dayState = (date: string): DayState => {
    const s = state(date)
    // Every day stays choosable by staff except while loading; the words say what it is.
    return s === 'loading' ? 'loading' : 'available'
  }

  return (
    <div className="field-type bf-date-picker" style={{ marginBottom: '1.5rem' }}>
      <style>{formStyles + contrastStyles}</style>
      <FieldLabel label={field.label || 'Event date'} path={path} required={field.required} />
      <p id={headingId} style={{ margin: '0 0 0.5rem' }}>
        {selected ? `Chosen: ${dateLabel(selected)}` : 'No date chosen yet'} · availability for a party of {party}
      </p>
      <FieldError path={path} showError={showError} />
      <div className="bf-date-picker__nav">
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => setFocused(`${addMonths(month, -1)}-01`)} disabled={readOnly}>
          ‹ Previous month
        </button>
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={() => setFocused(`${addMonths(month, 1)}-01`)} disabled={readOnly}>
          Next month ›
        </button>
      </div>
      <Calendar
        month={month}
        firstDate={ANY_FIRST}
        lastDate={ANY_LAST}
        selected={selected}
        focused={focused.startsWith(month) ? focused : `${month}-01`}
        dayState={dayState}
        dayStatus={(date) => FORM_DAY_STATE_LABELS[state(date)]}
        dayKind={state}
        onSelect={(date) => {
          if (!readOnly) setValue(date)
        }}
        onFocusDate={setFocused}
        labelledBy={headingId}
      />
      <div className="bf-legend" aria-hidden="true">
        <span className="bf-day-free">free</span> <span className="bf-day-full">full or blackout</span> <span className="bf-day-unavailable">not bookable for this party</span>
      </div>
      {availability.error ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {availability.error}{' '}
          <button type="button" className="btn btn--style-secondary btn--size-small" onClick={availability.reload}>
            Try again
          </button>
        </p>
      ) : null}
      <FieldDescription path={path} description={field.admin?.description} />
    </div>
  )
}
