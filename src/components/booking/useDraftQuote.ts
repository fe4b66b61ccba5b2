'use client'
/**
 * The booking form's live price: once the customer reached the party step with a date and time,
 * every change of the draft asks the server for a quote (debounced, see useQuote in ./hooks).
 * The quote's field errors are renamed to the form's inputs so they show beside them.
 */
import { useMemo } from 'react'

import type { BookingFormConfig, Draft } from './draft'
import { useQuote, type QuoteState } from './hooks'
import { pricingBody, toFormErrors, type Errors } from './wizard'

export interface DraftQuote extends QuoteState {
  /** Whether there is enough to price yet (else the quote on screen is not for this draft). */
  priced: boolean
  /** The quote's field errors by form input path. */
  fieldErrors: Errors
}

export function useDraftQuote(draft: Draft, config: BookingFormConfig): DraftQuote {
  const body = pricingBody(draft, config)
  const quoteState = useQuote(body)
  const fieldErrors = useMemo(() => toFormErrors(quoteState.error?.fieldErrors ?? {}, draft, config), [quoteState.error, draft, config])
  return { ...quoteState, priced: body !== null, fieldErrors }
}
