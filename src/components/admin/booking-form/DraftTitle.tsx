'use client'
/**
 * The heading of a booking being created in the admin: Payload would show "[Untitled]" until the
 * first save (the stored title is set by the server). Here it reads "New booking" and then the
 * date, time and name as staff fill them in. Renders nothing itself; a saved booking keeps the
 * stored title.
 */
import { useDocumentInfo, useDocumentTitle, useFormFields } from '@payloadcms/ui'
import { useEffect } from 'react'

import { draftBookingTitle } from '../../../domain/bookingForm'

export function DraftTitle() {
  const { id } = useDocumentInfo()
  const { title, setDocumentTitle } = useDocumentTitle()
  const eventDate = useFormFields(([f]) => f.eventDate?.value)
  const startTime = useFormFields(([f]) => f.startTime?.value)
  const name = useFormFields(([f]) => f['contact.name']?.value)
  const draft = id == null ? draftBookingTitle(eventDate, startTime, name) : undefined
  // Payload's title provider is a parent: on mount its effect runs after this one's and sets
  // "[Untitled]" in the same batch, so the draft title is set in a task after that; whenever the
  // provider resets it later, `title` changes and the draft title goes back.
  useEffect(() => {
    if (draft === undefined || title === draft) return
    const later = setTimeout(() => setDocumentTitle(draft), 0)
    return () => clearTimeout(later)
  }, [draft, title, setDocumentTitle])
  return null
}
