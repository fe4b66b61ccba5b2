'use client'
/**
 * Sending the booking request: one submit makes one booking. The Idempotency-Key is kept in the
 * draft across retries and double clicks (a changed answer clears it), a second click while the
 * request runs does nothing, and the server's refusals land where the customer can act on them:
 * beside the field they name, back on the time step for a slot just taken, on the email for a
 * duplicate booking. On success the saved draft is forgotten and the manage page opens.
 */
import { useRouter } from 'next/navigation'
import { useRef, useState, type Dispatch, type SetStateAction } from 'react'

import { api, ApiError, newIdempotencyKey } from '../../client/api'
import { bookingBody, stepOfPath, type BookingFormConfig, type Draft } from './draft'
import type { WizardSteps } from './useWizardSteps'
import { writeStoredDraft } from './useDraftStorage'
import { firstStepWithErrors, toFormErrors } from './wizard'

interface CreatedBooking {
  doc: { id: number | string; manageToken?: string }
}

export interface BookingSubmit {
  submitting: boolean
  submit: () => Promise<void>
}

export function useBookingSubmit(
  draft: Draft,
  setDraft: Dispatch<SetStateAction<Draft>>,
  config: BookingFormConfig,
  steps: Pick<WizardSteps, 'goTo' | 'showErrors' | 'setFormError'>,
  reloadAvailability: () => void,
): BookingSubmit {
  const router = useRouter()
  const [submitting, setSubmitting] = useState(false)
  const submittingRef = useRef(false)
  const { goTo, showErrors, setFormError } = steps

  async function submit() {
    if (submittingRef.current) return
    const invalid = firstStepWithErrors(draft, config)
    if (invalid) {
      goTo(invalid.step)
      showErrors(invalid.errors)
      return
    }
    submittingRef.current = true
    setSubmitting(true)
    setFormError(null)
    const key = draft.idempotencyKey ?? newIdempotencyKey()
    if (!draft.idempotencyKey) setDraft((d) => ({ ...d, idempotencyKey: key }))
    try {
      const created = await api<CreatedBooking>('/api/bookings', { method: 'POST', body: bookingBody(draft, config), idempotencyKey: key, timeoutMs: 20_000 })
      const token = created.doc.manageToken
      writeStoredDraft(null)
      router.push(token ? `/booking/${encodeURIComponent(token)}?welcome=1` : '/')
    } catch (err) {
      submittingRef.current = false
      setSubmitting(false)
      if (!(err instanceof ApiError)) throw err
      const firstPath = Object.keys(err.fieldErrors)[0]
      if (firstPath !== undefined) {
        goTo(stepOfPath(firstPath))
        showErrors(toFormErrors(err.fieldErrors, draft, config))
        return
      }
      if (err.reason === 'slot_full') {
        reloadAvailability()
        goTo('time', { startTime: null })
        showErrors({ startTime: 'Sorry, that time was just booked by someone else. Please choose another time.' })
        return
      }
      if (err.reason === 'duplicate_booking') {
        goTo('contact')
        showErrors({ 'contact.email': err.message })
        return
      }
      setFormError(err.message)
    }
  }

  return { submitting, submit }
}
