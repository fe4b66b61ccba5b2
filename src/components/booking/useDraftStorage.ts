'use client'
/**
 * The booking form's answers in state, kept in sessionStorage (this tab only) so they survive a
 * reload. The server render cannot see this tab's storage, so the saved draft is read once after
 * hydration and every change after that is written back. Blocked or full storage only costs the
 * reload convenience: the form still works.
 */
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react'

import { emptyDraft, parseDraft, type BookingFormConfig, type Draft } from './draft'
import { inBookingWindow, resumeDraft } from './wizard'

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

/**
 * The draft and its setter. `onRestoreDate` (a stable callback) is told the restored party date
 * when it is still bookable, so the calendar can open on it.
 */
export function useDraftStorage(config: BookingFormConfig, onRestoreDate: (date: string) => void): [Draft, Dispatch<SetStateAction<Draft>>] {
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [ready, setReady] = useState(false)

  // Restore after hydration: the saved draft (an external store) is read once here and copied into state.
  useEffect(() => {
    const stored = readStoredDraft()
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time sync from sessionStorage after hydration
    setDraft(resumeDraft(stored, config))
    if (inBookingWindow(stored.eventDate, config)) onRestoreDate(stored.eventDate)
    setReady(true)
  }, [config, onRestoreDate])

  useEffect(() => {
    if (ready) writeStoredDraft(draft)
  }, [draft, ready])

  return [draft, setDraft]
}
