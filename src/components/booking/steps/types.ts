/**
 * What every answer step of the booking form is given: the draft to show, the form's settings,
 * the one way to change an answer, and the message (the step's own or the live quote's) for a
 * field path.
 */
import type { BookingFormConfig, Draft } from '../draft'
import type { UpdateDraft } from '../useWizardSteps'

export interface StepProps {
  draft: Draft
  config: BookingFormConfig
  update: UpdateDraft
  errorOf: (path: string) => string | undefined
}
