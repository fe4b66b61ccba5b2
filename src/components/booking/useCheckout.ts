'use client'
/**
 * The manage page's "Pay deposit" / "Pay balance": one click asks the server for a Stripe
 * Checkout URL and sends the window there (a second click while it runs does nothing). A refusal
 * is kept per button so it shows beside the button that was pressed. When the customer comes back
 * with the browser's Back button (the page restored from the back-forward cache) the buttons work
 * again.
 */
import { useEffect, useRef, useState } from 'react'

import type { CheckoutKind } from '../../domain/payments/checkout'
import { ApiError } from '../../client/api'
import { manageUrlOf, paymentErrorMessage, rememberManageUrl, requestCheckout } from './checkout'

export interface Checkout {
  /** The payment being opened (the button shows it is on its way); null when none. */
  going: CheckoutKind | null
  /** The last refusal, by the button it belongs to. */
  errors: Partial<Record<CheckoutKind, string>>
  pay: (kind: CheckoutKind) => Promise<void>
}

export function useCheckout(token: string): Checkout {
  const [going, setGoing] = useState<CheckoutKind | null>(null)
  const [errors, setErrors] = useState<Partial<Record<CheckoutKind, string>>>({})
  const goingRef = useRef(false)

  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (!e.persisted) return
      goingRef.current = false
      setGoing(null)
    }
    window.addEventListener('pageshow', onShow)
    return () => window.removeEventListener('pageshow', onShow)
  }, [])

  async function pay(kind: CheckoutKind) {
    if (goingRef.current) return
    goingRef.current = true
    setGoing(kind)
    setErrors({})
    try {
      const url = await requestCheckout(token, kind)
      rememberManageUrl(manageUrlOf(token, window.location.origin))
      window.location.assign(url)
    } catch (err) {
      goingRef.current = false
      setGoing(null)
      if (!(err instanceof ApiError)) throw err
      setErrors({ [kind]: paymentErrorMessage(err) })
    }
  }

  return { going, errors, pay }
}
