/**
 * URLs of the storefront's static icons, share image and web app manifest in public/ (generated
 * by scripts/make-icons.ts from public/icon.svg), in one place for the layout's metadata and the
 * generator. Plain data: safe to import from server and client code.
 */
export const SITE_ASSETS = {
  favicon: '/favicon.ico',
  svgIcon: '/icon.svg',
  icon192: '/icon-192.png',
  icon512: '/icon-512.png',
  maskable512: '/icon-maskable-512.png',
  appleTouchIcon: '/apple-touch-icon.png',
  manifest: '/site.webmanifest',
  /** The default Open Graph image, for pages without an image of their own. */
  ogImage: { url: '/og-image.png', width: 1200, height: 630 },
} as const
