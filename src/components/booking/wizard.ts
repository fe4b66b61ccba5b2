/**
 * The booking form's pure rules for moving between steps: where a restored draft resumes (with a
 * link's prefill laid over it), what
 * stops Continue (the step's own checks, plus a chosen time that is no longer free), which step a
 * submit sends the customer back to, when there is enough to ask for a price, and server error
 * paths renamed to the form's inputs. No React, no fetch, no storage access here.
 */
import {
  formPath,
  furthestReachableStep,
  hasPrefill,
  quoteBody,
  STEPS,
  stepErrors,
  type BookingFormConfig,
  type BookingPrefill,
  type Draft,
  type StepId,
} from './draft'
import { timeLabel } from './labels'

/** Form input path → message. */
export type Errors = Record<string, string>

/** What the form needs to know about one slot of the chosen day. */
export interface SlotInfo {
  time: string
  available: boolean
}

/** A saved draft, resumed no further than its first step with something missing. */
export function resumeDraft(stored: Draft, config: BookingFormConfig): Draft {
  const order = STEPS.indexOf(stored.step)
  const reachable = STEPS.indexOf(furthestReachableStep(stored, config))
  return { ...stored, step: STEPS[Math.min(order, reachable)] ?? 'date' }
}

/**
 * A saved draft with a link's prefill (`/book?date=…`) laid over it. The prefill wins only for
 * the fields it sets; everything else stays as the customer left it. A time saved for another
 * day is dropped when the prefill changes the date without naming a time (it was chosen for that
 * day), and a time needs a date. The form opens on the first step still missing something; any
 * change means a different request, so the saved Idempotency-Key is dropped. Without a prefill
 * this is resumeDraft.
 */
export function applyPrefill(stored: Draft, prefill: BookingPrefill | undefined, config: BookingFormConfig): Draft {
  if (!hasPrefill(prefill)) return resumeDraft(stored, config)
  const eventDate = prefill.eventDate ?? stored.eventDate
  const sameDay = eventDate === stored.eventDate
  const merged: Draft = {
    ...stored,
    eventDate,
    startTime: eventDate ? (prefill.startTime ?? (sameDay ? stored.startTime : null)) : null,
    adults: prefill.adults ?? stored.adults,
    children: prefill.children ?? stored.children,
    address: prefill.zip === undefined ? stored.address : { ...stored.address, zip: prefill.zip },
  }
  const changed =
    merged.eventDate !== stored.eventDate ||
    merged.startTime !== stored.startTime ||
    merged.adults !== stored.adults ||
    merged.children !== stored.children ||
    merged.address.zip !== stored.address.zip
  return { ...merged, step: furthestReachableStep(merged, config), idempotencyKey: changed ? null : stored.idempotencyKey }
}

/** Whether a (restored) date can still be booked, so the calendar may open on it. */
export function inBookingWindow(date: string | null, config: Pick<BookingFormConfig, 'firstDate' | 'lastDate'>): date is string {
  return !!date && date >= config.firstDate && date <= config.lastDate
}

/**
 * Why Continue may not leave `draft.step`. `slotsOfDate` are the chosen day's slots when loaded
 * (undefined while not): a chosen time missing from the free ones was taken since it was picked
 * (time step), or the party has grown beyond the chefs free at that time (party step).
 */
export function continueErrors(draft: Draft, config: BookingFormConfig, slotsOfDate: readonly SlotInfo[] | undefined): Errors {
  const found = stepErrors(draft.step, draft, config)
  const freeSlots = (slotsOfDate ?? []).filter((s) => s.available)
  const slotGone = draft.startTime && slotsOfDate && !freeSlots.some((s) => s.time === draft.startTime)
  if (draft.step === 'time' && slotGone) {
    found.startTime = 'That time is no longer available. Please choose another.'
  }
  // A bigger party may need more chefs than are free at the chosen time.
  if (draft.step === 'party' && slotGone && !found['guests.adults'] && draft.startTime) {
    const guests = draft.adults + draft.children
    found['guests.adults'] = `We have no chef free for ${guests} guests at ${timeLabel(draft.startTime)}. Go back to choose another time, or call us.`
  }
  return found
}

/** The first step, in order, whose quick checks fail, with their errors: where a submit stops. */
export function firstStepWithErrors(draft: Draft, config: BookingFormConfig): { step: StepId; errors: Errors } | null {
  for (const step of STEPS) {
    const errors = stepErrors(step, draft, config)
    if (Object.keys(errors).length > 0) return { step, errors }
  }
  return null
}

/** The /api/quote body once the customer reached the party step with a date and time; null before. */
export function pricingBody(draft: Draft, config: Pick<BookingFormConfig, 'menu' | 'serviceAreas'>): ReturnType<typeof quoteBody> | null {
  return STEPS.indexOf(draft.step) >= STEPS.indexOf('party') && draft.eventDate && draft.startTime ? quoteBody(draft, config) : null
}

/** A server answer's field errors (request body paths) keyed by the form's input paths. */
export function toFormErrors(fieldErrors: Record<string, string>, draft: Draft, config: Pick<BookingFormConfig, 'menu'>): Errors {
  const out: Errors = {}
  for (const [path, message] of Object.entries(fieldErrors)) out[formPath(path, draft, config)] = message
  return out
}
