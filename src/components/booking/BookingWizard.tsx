'use client'
/**
 * The storefront booking form: date → time → party and menu → address → contact → review →
 * submit (→ the deposit on Stripe Checkout when the server holds the date for an online deposit).
 * Availability and prices always come from the server (/api/availability, /api/quote);
 * the answers survive a reload (sessionStorage, this tab only); one submit makes one booking
 * (an Idempotency-Key kept across retries and double clicks, and the button is disabled while
 * the request runs). Server errors are shown beside the field they name.
 * A link may pre-fill the date, time, party and ZIP (`/book?date=…`, e.g. from the chat): the
 * page checks the values and the form opens on the first step still missing something.
 * Must never log to the console or compute a price itself.
 *
 * This file only composes: each step is a component in ./steps, the state and the requests are
 * hooks (draft storage, steps and errors, availability, quote, submit). The steps after the party
 * (address, contact, review) and the deposit hand-off are loaded after the form is up, while the
 * browser is idle, so the page's first JavaScript is only what the first steps need.
 */
import dynamic from 'next/dynamic'
import { useEffect } from 'react'

import { STEP_TITLES, STEPS, type BookingFormConfig, type BookingPrefill } from './draft'
import { DateStep } from './steps/DateStep'
import { ErrorSummary } from './steps/ErrorSummary'
import { PartyStep } from './steps/PartyStep'
import { PriceAside } from './steps/PriceAside'
import { StepActions } from './steps/StepActions'
import { StepsIndicator } from './steps/StepsIndicator'
import { TimeStep } from './steps/TimeStep'
import { useBookingSubmit } from './useBookingSubmit'
import { useCalendarPaging } from './useCalendarPaging'
import { useDraftAvailability } from './useDraftAvailability'
import { useDraftQuote } from './useDraftQuote'
import { useDraftStorage } from './useDraftStorage'
import { useWizardSteps } from './useWizardSteps'

const loadAddressStep = () => import('./steps/AddressStep')
const loadContactStep = () => import('./steps/ContactStep')
const loadReviewStep = () => import('./steps/ReviewStep')
const loadDepositHandoff = () => import('./DepositHandoff')
const AddressStep = dynamic(() => loadAddressStep().then((m) => m.AddressStep))
const ContactStep = dynamic(() => loadContactStep().then((m) => m.ContactStep))
const ReviewStep = dynamic(() => loadReviewStep().then((m) => m.ReviewStep))
const DepositHandoff = dynamic(() => loadDepositHandoff().then((m) => m.DepositHandoff))

/** Fetches the later steps once the browser is idle, so moving on never waits for them. */
function usePreloadLaterSteps(paymentsOnline: boolean): void {
  useEffect(() => {
    const preload = () => {
      for (const load of [loadAddressStep, loadContactStep, loadReviewStep, ...(paymentsOnline ? [loadDepositHandoff] : [])]) {
        // A failed preload costs nothing: the step loads (or reports its error) when it is shown.
        load().catch(() => undefined)
      }
    }
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(preload, { timeout: 3_000 })
      return () => window.cancelIdleCallback(handle)
    }
    const timer = setTimeout(preload, 1_000)
    return () => clearTimeout(timer)
  }, [paymentsOnline])
}

/**
 * `paymentsOnline`: whether the deposit is paid online (Stripe is set up), known on the server.
 * `prefill`: the checked values of a /book link's query, when it had any.
 */
export function BookingWizard({ config, paymentsOnline, prefill }: { config: BookingFormConfig; paymentsOnline: boolean; prefill?: BookingPrefill }) {
  usePreloadLaterSteps(paymentsOnline)
  const paging = useCalendarPaging(config.firstDate)
  const [draft, setDraft] = useDraftStorage(config, paging.showDate, prefill)
  const { errors, formError, setFormError, headingRef, update, goTo, showErrors, next, back } = useWizardSteps(draft, setDraft, config)
  const { availability, slotsOfDate, freeSlots } = useDraftAvailability(paging.month, draft, config)
  const quote = useDraftQuote(draft, config)
  const { submitting, submit, handoff } = useBookingSubmit(draft, setDraft, config, { goTo, showErrors, setFormError }, availability.reload)

  const stepIndex = STEPS.indexOf(draft.step)
  const errorOf = (path: string) => errors[path] ?? quote.fieldErrors[path]
  const answers = { draft, config, update, errorOf }

  if (handoff?.phase === 'unpaid') {
    return (
      <div className="booking">
        <DepositHandoff manageUrl={handoff.manageUrl} holdExpiresAt={handoff.holdExpiresAt} timezone={config.timezone} error={handoff.error} />
      </div>
    )
  }

  return (
    <div className="booking">
      <StepsIndicator step={draft.step} />

      <div className="booking-layout">
        <form
          className="booking-step card"
          noValidate
          aria-labelledby="step-heading"
          onSubmit={(e) => {
            e.preventDefault()
            if (draft.step === 'review') void submit()
            else next(slotsOfDate)
          }}
        >
          <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
            Step {stepIndex + 1} of {STEPS.length}: {STEP_TITLES[draft.step]}
          </h2>

          <ErrorSummary errors={errors} />

          {draft.step === 'date' ? <DateStep draft={draft} config={config} update={update} paging={paging} availability={availability} error={errors.eventDate} /> : null}
          {draft.step === 'time' && draft.eventDate ? (
            <TimeStep eventDate={draft.eventDate} startTime={draft.startTime} update={update} slotsOfDate={slotsOfDate} freeSlots={freeSlots} loading={availability.loading} error={errors.startTime} />
          ) : null}
          {draft.step === 'party' ? <PartyStep {...answers} /> : null}
          {draft.step === 'address' ? <AddressStep {...answers} /> : null}
          {draft.step === 'contact' ? <ContactStep {...answers} /> : null}
          {draft.step === 'review' && draft.eventDate && draft.startTime ? <ReviewStep draft={draft} eventDate={draft.eventDate} startTime={draft.startTime} paymentsOnline={paymentsOnline} /> : null}

          {formError ? (
            <div className="notice notice-error" role="alert">
              <p>{formError}</p>
            </div>
          ) : null}

          <StepActions canGoBack={stepIndex > 0} isReview={draft.step === 'review'} submitting={submitting} redirecting={handoff?.phase === 'redirecting'} onBack={back} />
        </form>

        <PriceAside quote={quote} />
      </div>
    </div>
  )
}
