/**
 * Any storefront URL no route matches. With two root layouts (storefront and admin) Next has no
 * single app-wide not-found page, so this catch-all hands unknown paths to the storefront's own
 * helpful 404 (`../not-found.tsx`). More specific routes (/admin, /api, pages) always win.
 */
import { notFound } from 'next/navigation'

export default function MissingPage(): never {
  notFound()
}
