'use client'
/**
 * The booking form as the cached /book page hands it over: the page was rendered once, maybe
 * days ago, and for no URL in particular. After hydration this moves the bookable dates to the
 * browser's today (in the business's time zone) when the render is from an earlier business day,
 * and reads a link's pre-fill from the address bar (checked by parseBookingPrefill; bad values
 * are ignored); then the wizard lays the pre-fill over the saved draft. Until then the form shows
 * what the server rendered, so nothing shifts.
 */
import { useEffect, useState } from 'react'

import { BookingWizard } from './BookingWizard'
import { bookableDatesAt, hasPrefill, parseBookingPrefill, type BookingFormConfig, type BookingPrefill } from './draft'

interface Props {
  /** As of the server's render. */
  config: BookingFormConfig
  maxAdvanceDays: number
  paymentsOnline: boolean
}

export function BookingForm({ config: rendered, maxAdvanceDays, paymentsOnline }: Props) {
  const [state, setState] = useState<{ config: BookingFormConfig; prefill?: BookingPrefill }>({ config: rendered })

  useEffect(() => {
    const config = bookableDatesAt(rendered, maxAdvanceDays, new Date())
    const prefill = parseBookingPrefill(Object.fromEntries(new URLSearchParams(window.location.search)), config)
    if (config === rendered && !hasPrefill(prefill)) return
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time sync with the clock and the address bar after hydration
    setState({ config, prefill: hasPrefill(prefill) ? prefill : undefined })
  }, [rendered, maxAdvanceDays])

  return <BookingWizard config={state.config} paymentsOnline={paymentsOnline} prefill={state.prefill} />
}
