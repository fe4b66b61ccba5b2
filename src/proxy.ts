/**
 * Next's proxy (the former middleware): the Content-Security-Policy of every storefront page and
 * of Payload's admin, from the pure rules in src/http/security-headers.ts. Pages rendered per
 * request get a fresh nonce: it goes into the request's CSP header, from which Next takes it and
 * stamps it on every script it renders (docs: app/guides/content-security-policy), and into the
 * response's. Other pages get the nonce-less policy, and any CSP header a client sent is dropped,
 * so no caller can choose the nonce a cached page is rendered with. A live-preview request may be
 * framed by this same origin (the admin), nothing else ever.
 *
 * The matcher leaves out /api (the proxy would buffer every request body, uploads included; the
 * server sets the API's headers), Next's static files, and Server Function calls (POSTs whose
 * answer is not a document). Must never do I/O: it runs before every page request.
 */
import { NextResponse, type NextRequest } from 'next/server'

import { contentSecurityPolicy, mayBeFramedBySelf, newNonce, routeClassOf, sentryOriginOf, usesNonce } from './http/security-headers'
import { siteOrigin } from './server/env'
import { INLINE_STYLE_HASHES } from './site/inline-styles'

export function proxy(request: NextRequest): NextResponse {
  const routeClass = routeClassOf(request.nextUrl.pathname)
  const nonce = usesNonce(routeClass) ? newNonce() : undefined
  // The admin's live preview frames the storefront from this origin (security-headers.ts).
  const framedBySelf = mayBeFramedBySelf(request.nextUrl.pathname, request.cookies.getAll().map((c) => c.name))
  const policy = contentSecurityPolicy(routeClass, {
    nonce,
    dev: process.env.NODE_ENV !== 'production',
    siteOrigin: siteOrigin(),
    // Read here, not through env.ts: the error-tracking setup owns that variable.
    sentryOrigin: sentryOriginOf(process.env.SENTRY_DSN),
    framedBySelf,
    inlineStyleHashes: INLINE_STYLE_HASHES,
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.delete('content-security-policy')
  requestHeaders.delete('x-nonce')
  if (nonce && policy) {
    requestHeaders.set('content-security-policy', policy)
    requestHeaders.set('x-nonce', nonce)
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  if (policy) response.headers.set('Content-Security-Policy', policy)
  // Replaces the server's default DENY (src/server.ts sets defaults only where nothing else did).
  if (framedBySelf) response.headers.set('X-Frame-Options', 'SAMEORIGIN')
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api(?:/|$)|_next/).*)',
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
}
