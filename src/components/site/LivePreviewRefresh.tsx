'use client'
/**
 * In an editor's live preview only (the layout renders it then): re-renders the page when the
 * admin saves the document, and says plainly that drafts are shown, with a way out.
 * The protocol of Payload's RefreshRouteOnSave (@payloadcms/live-preview-react), in a few lines of
 * our own: that package's only release line (3.90.1) makes Payload 3.90.2's start-up dependency
 * check refuse to run ("all payload packages must have the same version"). On mount the frame
 * tells its parent it is ready ({ type: 'payload-live-preview', ready: true }); on each
 * { type: 'payload-document-event' } from the admin it refreshes the route (the server renders the
 * new draft). Messages are taken from this window's own origin only, and sent only to it: the
 * admin and the storefront are one origin.
 */
import { useRouter } from 'next/navigation'
import { useEffect } from 'react'

export function LivePreviewRefresh() {
  const router = useRouter()
  useEffect(() => {
    const origin = window.location.origin
    const onMessage = (event: MessageEvent<unknown>) => {
      const data = event.data
      if (event.origin === origin && typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'payload-document-event') router.refresh()
    }
    window.addEventListener('message', onMessage)
    const parent = window.opener ?? (window.parent !== window ? window.parent : null)
    ;(parent as Window | null)?.postMessage({ type: 'payload-live-preview', ready: true }, origin)
    return () => window.removeEventListener('message', onMessage)
  }, [router])
  return (
    <p className="preview-banner" role="status">
      Preview: unpublished drafts are shown.{' '}
      {/* A route handler, not a page: a full navigation, so the cookie goes and every page reloads published. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
      <a href="/next/exit-preview">Leave preview</a>
    </p>
  )
}
