/** The shape of a seed page as the seed writes it (published, with SEO meta); types only, no data. */
import type { RichText } from '../../lexical'

export interface SeedPage {
  slug: string
  title: string
  content: RichText
  meta: { title: string; description: string }
  /** A seed picture (src/seed/art.ts `file`) shown at the top of the page. */
  heroImage?: string
}
