'use client'
/**
 * The booking form's answers in state, kept in sessionStorage (this tab only) so they survive a
 * reload. The server render cannot see this tab's storage, so the saved draft is read once after
 * hydration and every change after that is written back. Blocked or full storage only costs the
 * reload convenience: the form still works.
 *
 * A link's prefill (`/book?date=…`, read and checked by the page) is laid over the saved draft at
 * that moment, and its parameters are then taken out of the address bar: from there on the draft
 * holds the answers, so a reload does not undo what the customer changed since.
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'

import { emptyDraft, hasPrefill, parseDraft, PREFILL_PARAMS, type BookingFormConfig, type BookingPrefill, type Draft } from './draft'
import { applyPrefill, inBookingWindow } from './wizard'

export const DRAFT_STORAGE_KEY = 'myhibachi.booking-draft.v1'

export function readStoredDraft(): Draft {
  try {
    return parseDraft(window.sessionStorage.getItem(DRAFT_STORAGE_KEY))
  } catch (err) {
    // Storage can be blocked (privacy settings): the form still works, it just will not survive a reload.
    if (err instanceof DOMException) return emptyDraft()
    throw err
  }
}

/** Saves `draft`, or forgets it (null) once the booking is made. */
export function writeStoredDraft(draft: Draft | null): void {
  try {
    if (draft === null) window.sessionStorage.removeItem(DRAFT_STORAGE_KEY)
    else window.sessionStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft))
  } catch (err) {
    // Blocked or full storage only costs the reload convenience; anything else is a bug.
    if (!(err instanceof DOMException)) throw err
  }
}

/** Takes the prefill parameters out of the address bar (other parameters and the hash stay). */
function forgetPrefillInUrl(): void {
  const url = new URL(window.location.href)
  for (const key of PREFILL_PARAMS) url.searchParams.delete(key)
  // Next's router follows history.replaceState (usePathname/useSearchParams stay in step).
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`)
}

/**
 * The draft and its setter. `onRestoreDate` (a stable callback) is told the restored party date
 * when it is still bookable, so the calendar can open on it. `prefill` (from the page's query;
 * a new object only when the page is rendered for a new URL) wins over the saved draft for the
 * fields it sets.
 */
export function useDraftStorage(config: BookingFormConfig, onRestoreDate: (date: string) => void, prefill?: BookingPrefill): [Draft, Dispatch<SetStateAction<Draft>>] {
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [ready, setReady] = useState(false)

  // Restore after hydration: the saved draft (an external store) is read once here and copied into state.
  useEffect(() => {
    const restored = applyPrefill(readStoredDraft(), prefill, config)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time sync from sessionStorage after hydration
    setDraft(restored)
    if (inBookingWindow(restored.eventDate, config)) onRestoreDate(restored.eventDate)
    if (hasPrefill(prefill)) forgetPrefillInUrl()
    setReady(true)
  }, [config, onRestoreDate, prefill])

  useEffect(() => {
    if (ready) writeStoredDraft(draft)
  }, [draft, ready])

  return [draft, setDraft]
}
