/**
 * Whether the storefront render in progress is a content editor's live preview: Next's draft mode
 * is on (turned on only by /next/preview, for a signed-in editor) AND the request still carries
 * the session of a user who may read drafts — checked on every render, because the draft-mode
 * cookie outlives a logout and says nothing about who holds it. Only then do the content reads
 * (./content.ts) show the latest drafts, uncached and untagged. Next renders draft-mode requests
 * per request and keeps them out of its page cache; next.config.mjs makes them `private, no-store`.
 * Outside a request (scripts, integration tests) and while `next build` prerenders: never a
 * preview. Server components only. Must never answer true for the public.
 */
import { draftMode, headers } from 'next/headers'
import type { PayloadRequest } from 'payload'
import { cache } from 'react'

import { hasRole } from '../access/roles'
import { isPreviewPath } from '../domain/preview-path'
import { isBuildPrerender } from './render-tags'
import { getPayloadClient } from './site'

/** Who may see drafts on the storefront: the roles that may read them in the admin. */
export function mayPreview(user: PayloadRequest['user'] | null | undefined): boolean {
  return hasRole(user, 'admin', 'manager', 'editor')
}

const OUTSIDE_REQUEST = 'was called outside a request scope'

/** The previewing editor, or null for every other render. */
export const previewEditor = cache(async (): Promise<NonNullable<PayloadRequest['user']> | null> => {
  if (isBuildPrerender()) return null
  let enabled: boolean
  try {
    enabled = (await draftMode()).isEnabled
  } catch (err) {
    // A script or a test reading content outside Next: there is no preview.
    if (err instanceof Error && err.message.includes(OUTSIDE_REQUEST)) return null
    throw err
  }
  if (!enabled) return null
  const payload = await getPayloadClient()
  const { user } = await payload.auth({ headers: await headers() })
  return user && mayPreview(user) ? user : null
})

export type PreviewDecision = { ok: true; path: string } | { ok: false; status: 400 | 403; name: 'ValidationError' | 'Forbidden'; message: string; field?: string }

/**
 * What the preview entry route (/next/preview) answers to a request for `path` with these
 * headers: a storefront path and a signed-in content editor, or a refusal naming why. The route
 * itself only turns draft mode on for an `ok`, so every role's answer is decided (and tested) here.
 */
export async function decidePreview(requestHeaders: Headers, path: string | null): Promise<PreviewDecision> {
  if (!isPreviewPath(path)) return { ok: false, status: 400, name: 'ValidationError', message: 'path must be a storefront path such as /menu', field: 'path' }
  const payload = await getPayloadClient()
  const { user } = await payload.auth({ headers: requestHeaders })
  if (!mayPreview(user)) return { ok: false, status: 403, name: 'Forbidden', message: 'Only content editors may preview drafts.' }
  return { ok: true, path }
}
