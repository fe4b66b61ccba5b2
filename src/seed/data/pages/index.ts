/**
 * The site pages the seed writes (home, menu, faq, contact, policies), one module per page. The
 * copy reads its numbers from the seed's settings on a fixed date, so the pages are the same on
 * every run (a second seed run must find nothing to change). Pure data; must never do I/O.
 */
import { settingsData } from '../settings'
import { contactPage } from './contact'
import { faqPage } from './faq'
import { homePage } from './home'
import { menuPage } from './menu'
import { policiesPage } from './policies'
import type { SeedPage } from './types'

export type { SeedPage } from './types'

export function pagesData(): SeedPage[] {
  const s = settingsData('2000-01-01')
  return [homePage(s), menuPage(s), faqPage(s), contactPage(s), policiesPage(s)]
}
