/**
 * The storefront's stylesheets, inlined: each is rendered in a <style> element of the page
 * (components/site/InlineStyle.tsx) instead of a <link>, so the first paint waits for no
 * stylesheet request. On a phone's network that request is a round trip before anything shows,
 * and while it is out the page's scripts arrive and run first (Lighthouse then counts them all
 * before the largest paint). Each string is the file minified at build time
 * (scripts/inline-css-loader.cjs); the Content-Security-Policy allows exactly these strings by
 * their SHA-256 hashes (INLINE_STYLE_HASHES, src/proxy.ts), so no other inline style runs.
 * The admin's and the chat widget's styles stay stylesheets (loaded when needed).
 */
import bookCss from '../app/(frontend)/book/book.inline-css'
import siteCss from '../app/(frontend)/site.inline-css'
import launcherCss from '../components/chat/launcher.inline-css'
import { styleHashSource } from '../http/security-headers'

export const INLINE_STYLES = {
  site: siteCss,
  book: bookCss,
  'chat-launcher': launcherCss,
} as const

export type InlineStyleName = keyof typeof INLINE_STYLES

/** The CSP hash source of every inline stylesheet above. */
export const INLINE_STYLE_HASHES: readonly string[] = Object.values(INLINE_STYLES).map(styleHashSource)
