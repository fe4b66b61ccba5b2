/**
 * Handing the customer to Stripe Checkout to pay a booking's deposit or balance, shared by the
 * booking form (right after the booking is made) and the manage page ("Pay deposit", "Pay
 * balance"). The server makes the Checkout session and its URL from the stored booking; this file
 * only asks for it (once per click: an Idempotency-Key), checks it is a web address, remembers the
 * manage link for the return page, and words the refusals. No React here.
 */
import type { CheckoutKind } from '../../domain/payments/checkout'
import { api, ApiError, newIdempotencyKey } from '../../client/api'

/** sessionStorage key of the manage link the return page offers as "Back to your booking". */
export const LAST_MANAGE_URL_KEY = 'myhibachi:lastManageUrl'

/** What a customer is told when the server has no online payment (503 `payments_not_configured`). */
export const PAYMENTS_OFFLINE_MESSAGE = 'Online payment is not set up yet. Staff will call you to confirm the booking and take the payment.'

/** The booking's manage page, absolute, for links and for the return page. */
export function manageUrlOf(token: string, origin: string): string {
  return `${origin}/booking/${encodeURIComponent(token)}`
}

/**
 * A stored manage link, only when it is this site's /booking/<token> page (anything else in the
 * storage is ignored, so the return page never links elsewhere); null otherwise.
 */
export function safeManageUrl(stored: string | null, origin: string): string | null {
  if (!stored) return null
  let url: URL
  try {
    url = new URL(stored, origin)
  } catch (err) {
    // An unreadable stored value is ignored: the page then simply offers no "back" link.
    if (err instanceof TypeError) return null
    throw err
  }
  if (url.origin !== origin || !/^\/booking\/[^/]+$/.test(url.pathname) || url.pathname === '/booking/return') return null
  return url.href
}

/** The Checkout URL of an answer, when it is an http(s) address (never `javascript:` and the like). */
export function checkoutUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch (err) {
    if (err instanceof TypeError) return null
    throw err
  }
}

/** The sentence shown beside a pay button (or on the form) when the payment page could not be opened. */
export function paymentErrorMessage(err: ApiError): string {
  // The REST client words every 5xx generically; this one has a reason worth telling.
  if (err.reason === 'payments_not_configured') return PAYMENTS_OFFLINE_MESSAGE
  return err.message
}

/** Remembers the manage link for the return page; blocked storage only costs that link. */
export function rememberManageUrl(url: string): void {
  try {
    window.sessionStorage.setItem(LAST_MANAGE_URL_KEY, url)
  } catch (err) {
    // Blocked or full storage: the return page then points to the confirmation email instead.
    if (!(err instanceof DOMException)) throw err
  }
}

/** The remembered manage link of this tab, when it is one of this site's (see safeManageUrl). */
export function readManageUrl(): string | null {
  try {
    return safeManageUrl(window.sessionStorage.getItem(LAST_MANAGE_URL_KEY), window.location.origin)
  } catch (err) {
    if (err instanceof DOMException) return null
    throw err
  }
}

/**
 * Asks the server for a Checkout session paying `kind` of the booking behind `token`, and returns
 * its URL. Throws ApiError: the server's refusal (409: already paid, expired …; 503: online
 * payment off) or a network error.
 */
export async function requestCheckout(token: string, kind: CheckoutKind): Promise<string> {
  const answer = await api<{ url?: unknown }>(`/api/bookings/manage/${encodeURIComponent(token)}/${kind}`, {
    method: 'POST',
    body: {},
    idempotencyKey: newIdempotencyKey(),
    timeoutMs: 30_000,
  })
  const url = checkoutUrl(answer.url)
  if (!url) throw new ApiError('The payment page could not be opened. Please try again.', { status: 0 })
  return url
}
