/**
 * GET /next/exit-preview — turns Next's draft mode off (the storefront shows published content
 * again in this browser) and goes to the home page. Anyone may call it: it only removes a cookie.
 */
import { draftMode } from 'next/headers'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  ;(await draftMode()).disable()
  return new Response(null, { status: 307, headers: { 'Cache-Control': 'private, no-store', Location: '/' } })
}
