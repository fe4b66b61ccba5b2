/**
 * GET /next/preview?path=/menu — the entry of Payload's live preview (src/site/livePreview.ts):
 * for a signed-in content editor (editor, manager, admin; their `payload-token` cookie), turns on
 * Next's draft mode and redirects to the storefront path, which then shows the latest drafts
 * (src/site/preview.ts checks the editor again on every render). Everyone else gets 403 and no
 * draft-mode cookie; a path that is not a storefront path gets 400 naming `path`
 * (`decidePreview`). Never cached.
 */
import { draftMode } from 'next/headers'
import type { NextRequest } from 'next/server'

import { decidePreview } from '../../../../site/preview'

export const dynamic = 'force-dynamic'

const NO_STORE = { 'Cache-Control': 'private, no-store' }

export async function GET(request: NextRequest): Promise<Response> {
  const decision = await decidePreview(request.headers, request.nextUrl.searchParams.get('path'))
  if (!decision.ok) {
    const { status, name, message, field } = decision
    return Response.json({ errors: [{ name, message, ...(field ? { data: { errors: [{ path: field, message }] } } : {}) }] }, { status, headers: NO_STORE })
  }
  ;(await draftMode()).enable()
  return new Response(null, { status: 307, headers: { ...NO_STORE, Location: decision.path } })
}
