'use client'
/**
 * Sending the booking request: one submit makes one booking. The Idempotency-Key is kept in the
 * draft across retries and double clicks (a changed answer clears it), a second click while the
 * request runs does nothing, and the server's refusals land where the customer can act on them:
 * beside the field they name, back on the time step for a slot just taken, on the email for a
 * duplicate booking. On success the saved draft is forgotten and the manage page opens — or, when
 * the booking waits for its online deposit (the server set a hold), the browser goes straight to
 * Stripe Checkout; if that cannot be opened the customer is shown the manage link, the reason and
 * until when the date is held.
 */
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react'

import { api, ApiError, newIdempotencyKey } from '../../client/api'
import { manageUrlOf, paymentErrorMessage, rememberManageUrl, requestCheckout } from './checkout'
import { bookingBody, stepOfPath, type BookingFormConfig, type Draft } from './draft'
import type { WizardSteps } from './useWizardSteps'
import { writeStoredDraft } from './useDraftStorage'
import { firstStepWithErrors, toFormErrors } from './wizard'

interface CreatedBooking {
  doc: { id: number | string; manageToken?: string; paymentState?: string; payment?: { holdExpiresAt?: string | null } | null }
}

/**
 * The booking is made and waits for its online deposit: the browser is on its way to the payment
 * page (`redirecting`), or the payment page could not be opened (`unpaid`, with the reason; null
 * when the customer came back with the Back button).
 */
export type DepositHandoff =
  | { phase: 'redirecting'; manageUrl: string; holdExpiresAt: string }
  | { phase: 'unpaid'; manageUrl: string; holdExpiresAt: string; error: string | null }

export interface BookingSubmit {
  submitting: boolean
  submit: () => Promise<void>
  handoff: DepositHandoff | null
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
  const [handoff, setHandoff] = useState<DepositHandoff | null>(null)
  const submittingRef = useRef(false)
  const { goTo, showErrors, setFormError } = steps

  // Back from the payment page through the back-forward cache: the page is as it was left, on its
  // way to paying; say instead that the deposit is still to pay and where to pay it.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) setHandoff((h) => (h?.phase === 'redirecting' ? { ...h, phase: 'unpaid', error: null } : h))
    }
    window.addEventListener('pageshow', onShow)
    return () => window.removeEventListener('pageshow', onShow)
  }, [])

  /** Sends the browser to pay the new booking's deposit; the manage link is remembered first. */
  async function payDeposit(token: string, holdExpiresAt: string) {
    const manageUrl = manageUrlOf(token, window.location.origin)
    rememberManageUrl(manageUrl)
    setHandoff({ phase: 'redirecting', manageUrl, holdExpiresAt })
    try {
      window.location.assign(await requestCheckout(token, 'deposit'))
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      setHandoff({ phase: 'unpaid', manageUrl, holdExpiresAt, error: paymentErrorMessage(err) })
    }
  }

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
    let created: CreatedBooking
    try {
      created = await api<CreatedBooking>('/api/bookings', { method: 'POST', body: bookingBody(draft, config), idempotencyKey: key, timeoutMs: 20_000 })
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
      return
    }
    // The booking is made: the form stays locked from here on (a new submit would only replay it).
    const token = created.doc.manageToken
    const holdExpiresAt = created.doc.payment?.holdExpiresAt ?? null
    writeStoredDraft(null)
    if (token && holdExpiresAt) await payDeposit(token, holdExpiresAt)
    else router.push(token ? `/booking/${encodeURIComponent(token)}?welcome=1` : '/')
  }

  return { submitting, submit, handoff }
}
