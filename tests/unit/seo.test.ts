import { describe, expect, it } from 'vitest'

import { foodEstablishmentJsonLd, pageMetadata, priceRangeFor, serializeJsonLd, SITEMAP_PATHS } from '../../src/site/seo'

const base = {
  name: 'MyHibachi',
  url: 'https://myhibachi.example',
  telephone: '(212) 555-0147',
  email: 'hello@myhibachi.example',
  adultPriceCents: 6000,
  areas: ['Manhattan core (10001–10099)', 'Upper East Side & 101xx (10100–10199)'],
}

describe('priceRangeFor', () => {
  it('bands the per-adult price into $ to $$$$', () => {
    expect(priceRangeFor(2000)).toBe('$')
    expect(priceRangeFor(6000)).toBe('$$')
    expect(priceRangeFor(7500)).toBe('$$$')
    expect(priceRangeFor(20000)).toBe('$$$$')
  })
})

describe('foodEstablishmentJsonLd', () => {
  it('describes the business as a schema.org FoodEstablishment serving Japanese hibachi', () => {
    expect(foodEstablishmentJsonLd(base)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'FoodEstablishment',
      name: 'MyHibachi',
      url: 'https://myhibachi.example',
      servesCuisine: ['Japanese', 'Hibachi'],
      priceRange: '$$',
      areaServed: [
        { '@type': 'Place', name: 'Manhattan core (10001–10099)' },
        { '@type': 'Place', name: 'Upper East Side & 101xx (10100–10199)' },
      ],
      telephone: '(212) 555-0147',
      email: 'hello@myhibachi.example',
    })
  })

  it('leaves out contact details and extras that are not set', () => {
    const ld = foodEstablishmentJsonLd({ ...base, telephone: null, email: '', description: null, image: null })
    expect(ld).not.toHaveProperty('telephone')
    expect(ld).not.toHaveProperty('email')
    expect(ld).not.toHaveProperty('description')
    expect(ld).not.toHaveProperty('image')
  })
})

describe('serializeJsonLd', () => {
  it('cannot be broken out of its <script> tag by CMS text', () => {
    const hostile = foodEstablishmentJsonLd({ ...base, name: '</script><script>alert(1)</script>', description: 'Fish & <b>chips</b>' })
    const out = serializeJsonLd(hostile)
    expect(out).not.toContain('<')
    expect(out).not.toContain('>')
    expect(out).not.toMatch(/<\/script/i)
    expect(out).toContain('\\u003c/script\\u003e')
  })

  it('is still JSON with the same value', () => {
    const data = { text: '</script> & \u2028 line', n: 1 }
    const out = serializeJsonLd(data)
    expect(out).not.toContain('\u2028')
    expect(JSON.parse(out)).toEqual(data)
  })
})

describe('pageMetadata', () => {
  it('sets the canonical URL and Open Graph from the page', () => {
    const meta = pageMetadata({ siteUrl: 'https://myhibachi.example', siteName: 'MyHibachi', path: '/menu', title: 'The menu', description: 'Prices and proteins.' })
    expect(meta.title).toBe('The menu')
    expect(meta.description).toBe('Prices and proteins.')
    expect(meta.alternates?.canonical).toBe('https://myhibachi.example/menu')
    expect(meta.openGraph).toMatchObject({ url: 'https://myhibachi.example/menu', siteName: 'MyHibachi', type: 'website', locale: 'en_US', title: 'The menu' })
  })

  it('uses the CMS SEO title as an absolute title (no doubled site name)', () => {
    const meta = pageMetadata({ siteUrl: 'https://x.example', siteName: 'MyHibachi', path: '/', title: 'Home', metaTitle: 'MyHibachi — private hibachi chef' })
    expect(meta.title).toEqual({ absolute: 'MyHibachi — private hibachi chef' })
    expect(meta.alternates?.canonical).toBe('https://x.example/')
    expect(meta.description).toBeUndefined()
  })

  it('adds the SEO image to Open Graph when there is one', () => {
    const meta = pageMetadata({ siteUrl: 'https://x.example', siteName: 'S', path: '/faq', title: 'FAQ', image: { url: '/api/media/file/grill.jpg', width: 1600, height: 900, alt: 'A chef at the grill' } })
    expect(meta.openGraph?.images).toEqual([{ url: '/api/media/file/grill.jpg', width: 1600, height: 900, alt: 'A chef at the grill' }])
  })

  it('shares the site image when the page has none of its own', () => {
    const meta = pageMetadata({ siteUrl: 'https://x.example', siteName: 'MyHibachi', path: '/menu', title: 'Menu' })
    expect(meta.openGraph?.images).toEqual([{ url: '/og-image.png', width: 1200, height: 630, alt: 'MyHibachi' }])
  })
})

describe('SITEMAP_PATHS', () => {
  it('lists the public pages and never a private booking page', () => {
    expect([...SITEMAP_PATHS]).toEqual(['/', '/menu', '/book', '/faq', '/contact', '/policies'])
    expect(SITEMAP_PATHS.some((p) => p.startsWith('/booking'))).toBe(false)
  })
})
