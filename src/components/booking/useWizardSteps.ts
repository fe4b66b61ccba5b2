'use client'
/**
 * The booking form's moving parts around the draft: the errors on screen, the form-level error,
 * changing an answer (which clears that field's errors and the Idempotency-Key, since the request
 * is now a different one), Continue and Back, and focus: on the new step's heading after the
 * customer moved (not on first load), on the first wrong field when errors are shown.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'

import { STEPS, type BookingFormConfig, type Draft, type StepId } from './draft'
import { fieldId } from './Field'
import { continueErrors, type Errors, type SlotInfo } from './wizard'

/** Changes the draft; `clear` names the field errors the change answers. */
export type UpdateDraft = (change: (d: Draft) => Partial<Draft>, clear?: string[]) => void

export interface WizardSteps {
  errors: Errors
  formError: string | null
  setFormError: Dispatch<SetStateAction<string | null>>
  headingRef: RefObject<HTMLHeadingElement | null>
  update: UpdateDraft
  /** Moves to `step` (with `change` applied in the same update) and focuses its heading. */
  goTo: (step: StepId, change?: Partial<Draft>) => void
  /** Shows `found` and puts the cursor on the first wrong field. */
  showErrors: (found: Errors) => void
  /** Continue: checks the step (with the chosen day's slots, when loaded) and moves on. */
  next: (slotsOfDate: readonly SlotInfo[] | undefined) => void
  back: () => void
}

export function useWizardSteps(draft: Draft, setDraft: Dispatch<SetStateAction<Draft>>, config: BookingFormConfig): WizardSteps {
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const navigated = useRef(false)

  useEffect(() => {
    if (!navigated.current) return
    navigated.current = false
    headingRef.current?.focus()
  }, [draft.step])

  const update = useCallback<UpdateDraft>(
    (change, clear = []) => {
      setDraft((d) => ({ ...d, ...change(d), idempotencyKey: null }))
      if (clear.length > 0) {
        setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))))
      }
      setFormError(null)
    },
    [setDraft],
  )

  const goTo = useCallback(
    (step: StepId, change: Partial<Draft> = {}) => {
      navigated.current = true
      setDraft((d) => ({ ...d, ...change, step }))
    },
    [setDraft],
  )

  const showErrors = useCallback((found: Errors) => {
    setErrors(found)
    const first = Object.keys(found)[0]
    if (first) {
      // Let React render the messages first, then put the cursor on the first wrong field.
      requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus())
    }
  }, [])

  const stepIndex = STEPS.indexOf(draft.step)

  function next(slotsOfDate: readonly SlotInfo[] | undefined) {
    const found = continueErrors(draft, config, slotsOfDate)
    if (Object.keys(found).length > 0) {
      showErrors(found)
      return
    }
    setErrors({})
    const following = STEPS[stepIndex + 1]
    if (following) goTo(following)
  }

  function back() {
    setErrors({})
    const previous = STEPS[stepIndex - 1]
    if (previous) goTo(previous)
  }

  return { errors, formError, setFormError, headingRef, update, goTo, showErrors, next, back }
}
