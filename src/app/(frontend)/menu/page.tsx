/**
 * Menu (/menu): the `menu` page's rich text, then the active menu items grouped by category in
 * sortOrder, each with its price, picture and dietary badges; the page's own picture beside the title. Items and prices come from the
 * `menu-items` collection, so the page never disagrees with what booking charges.
 */
import type { Metadata } from 'next'

import { BookCta } from '../../../components/site/BookCta'

import { CmsRichText } from '../../../components/site/CmsRichText'
import { HeroImage } from '../../../components/site/HeroImage'
import { cmsPageMetadata, getPublishedPage, getStorefrontMenu, groupByCategory, imageOf, type MenuCategory } from '../../../site/content'
import { MenuItemCard } from '../../../components/site/MenuItemCard'
import { formatCents } from '../../../site/format'
import { getSite } from '../../../site/site'

const CATEGORY_HEADINGS: Record<MenuCategory, string> = {
  protein: 'Proteins',
  upgrade: 'Upgrades',
  'add-on': 'Add-ons',
  side: 'Sides',
}

export async function generateMetadata(): Promise<Metadata> {
  return cmsPageMetadata('menu', '/menu', { title: 'Menu' })
}

export default async function MenuPage() {
  const [site, page, menu] = await Promise.all([getSite(), getPublishedPage('menu'), getStorefrontMenu()])
  const { settings } = site
  const groups = groupByCategory(menu)
  // The page's picture (the seed's: the chef) beside the title: above the fold, so loaded first.
  const heroImage = imageOf(page?.heroImage, 'card')
  return (
    <>
      <header className={heroImage ? 'page-header hero-with-image' : 'page-header'}>
        <div>
          <h1>{page?.title ?? 'Menu'}</h1>
          <p className="lede">
            <span className="price">{formatCents(settings.adultPriceCents, settings.currency)}</span> per adult ·{' '}
            <span className="price">{formatCents(settings.childPriceCents, settings.currency)}</span> per child ({settings.childMaxAge} and under)
          </p>
        </div>
        {heroImage ? <HeroImage image={heroImage} /> : null}
      </header>
      {page?.content ? <CmsRichText data={page.content} /> : null}
      {groups.map((g) => (
        <section key={g.category} aria-labelledby={`menu-${g.category}`} className="section">
          <h2 id={`menu-${g.category}`}>{CATEGORY_HEADINGS[g.category]}</h2>
          <div className="grid">
            {g.items.map((item) => (
              <MenuItemCard key={item.id} item={item} currency={settings.currency} />
            ))}
          </div>
        </section>
      ))}
      {groups.length === 0 ? <p className="notice">The menu is being updated. Please check back soon.</p> : null}
      <BookCta />
    </>
  )
}
