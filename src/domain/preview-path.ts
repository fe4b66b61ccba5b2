/**
 * Which storefront paths a live preview may open: a site path of lower-case slug segments ('/',
 * '/menu', '/faq'), nothing else — no other origin ('//evil.example', 'https://…'), no query, no
 * backslash, no dot segment — so the preview route can never be used as an open redirect.
 * Pure; must never accept a path the browser would resolve off this site.
 */
const SEGMENT = '[a-z0-9]+(?:-[a-z0-9]+)*'
const PREVIEW_PATH = new RegExp(`^/(?:${SEGMENT}(?:/${SEGMENT})*)?$`)

export const MAX_PREVIEW_PATH_LENGTH = 200

export function isPreviewPath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_PREVIEW_PATH_LENGTH && PREVIEW_PATH.test(value)
}
