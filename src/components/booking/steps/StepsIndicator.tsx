/**
 * The numbered list of the booking form's steps above the form, marking the current one for
 * assistive technology (aria-current) and the ones done. Presentational only.
 */
import { STEP_TITLES, STEPS, type StepId } from '../draft'

export function StepsIndicator({ step }: { step: StepId }) {
  const stepIndex = STEPS.indexOf(step)
  return (
    <ol className="steps-indicator" aria-label="Booking steps">
      {STEPS.map((s, i) => (
        <li key={s} aria-current={s === step ? 'step' : undefined} className={i < stepIndex ? 'is-done' : undefined}>
          <span className="visually-hidden">{i < stepIndex ? 'Completed: ' : i === stepIndex ? 'Current: ' : ''}</span>
          {i + 1}. {STEP_TITLES[s]}
        </li>
      ))}
    </ol>
  )
}
