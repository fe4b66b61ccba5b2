'use client'
/**
 * The booking form's start time (admin): a select of the slot grid for the chosen date, each time
 * with the chefs left for the party on the form, from the public GET /api/availability. The stored
 * value stays 'HH:MM' (24-hour, business time zone). The booking's own time stays choosable even
 * when its slot shows full (the booking itself may fill it); the server's rules decide on save.
 */
import { FieldDescription, FieldError, FieldLabel, useField, useFormFields } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'
import { useId } from 'react'

import { partySize, startTimeOptions } from '../../../domain/bookingForm'
import { monthOf } from '../../booking/Calendar'
import { useMonthAvailability } from '../../booking/hooks'

const DATE = /^\d{4}-\d{2}-\d{2}$/

export const StartTimeField: TextFieldClientComponent = ({ path, field, readOnly }) => {
  const { value, setValue, showError, initialValue } = useField<string>({ path })
  const date = useFormFields(([f]) => f.eventDate?.value)
  const adults = useFormFields(([f]) => f['guests.adults']?.value)
  const children = useFormFields(([f]) => f['guests.children']?.value)
  const day = typeof date === 'string' && DATE.test(date) ? date : ''
  const availability = useMonthAvailability(day ? monthOf(day) : '', day, day, partySize(adults, children))
  const slots = day ? availability.days.get(day) : undefined
  const current = typeof value === 'string' && value ? value : null
  const saved = typeof initialValue === 'string' ? initialValue : null
  const options = startTimeOptions(slots ?? [], current ?? saved)
  const id = useId()
  const placeholder = !day ? 'Choose the date first' : availability.loading || !slots ? 'Loading times…' : 'Choose a start time'

  return (
    <div className="field-type" style={{ marginBottom: '1.5rem', flex: '1 1 14rem' }}>
      <FieldLabel htmlFor={id} label={field.label || 'Start time'} path={path} required={field.required} />
      <FieldError path={path} showError={showError} />
      <select
        id={id}
        name={path}
        value={current ?? ''}
        disabled={readOnly}
        aria-invalid={showError || undefined}
        onChange={(e) => setValue(e.target.value || null)}
        style={{ width: '100%', padding: '0.6rem 0.5rem', font: 'inherit', color: 'var(--theme-text)', background: 'var(--theme-input-bg)', border: '1px solid var(--theme-elevation-150)', borderRadius: 'var(--style-radius-s, 4px)' }}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {availability.error ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {availability.error}
        </p>
      ) : null}
      <FieldDescription path={path} description={field.admin?.description} />
    </div>
  )
}
