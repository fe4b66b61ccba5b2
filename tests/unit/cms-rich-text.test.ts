/**
 * CmsRichText renders links only to URLs safeHref allows: a `javascript:` (or `data:`, `file:` …)
 * link, custom or auto-detected, becomes its plain text with no <a> and no href. Rendered to
 * static markup with react-dom/server, as the storefront's server components render it.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { CmsRichText } from '../../src/components/site/CmsRichText'
import type { Page } from '../../src/payload-types'
import { link, paragraph, richText, text } from '../../src/seed/lexical'

type Content = NonNullable<Page['content']>

function render(content: unknown): string {
  return renderToStaticMarkup(createElement(CmsRichText, { data: content as Content }))
}

const element = { direction: 'ltr', format: '', indent: 0, version: 1 } as const

function autolink(url: string, label = url) {
  return { ...element, type: 'autolink', fields: { linkType: 'custom', newTab: false, url }, children: [text(label)] }
}

function internalLink(label: string, slug: string) {
  return {
    ...element,
    version: 3,
    type: 'link',
    fields: { linkType: 'internal', newTab: false, doc: { relationTo: 'pages', value: { id: 1, slug } } },
    children: [text(label)],
  }
}

describe('CmsRichText links', () => {
  it('renders an allowed link as an <a> with its href', () => {
    const html = render(richText(paragraph('See our ', link('policies', '/policies'), ' or ', link('email us', 'mailto:hi@myhibachi.example', true))))
    expect(html).toContain('<a href="/policies">policies</a>')
    expect(html).toContain('<a href="mailto:hi@myhibachi.example" rel="noopener noreferrer" target="_blank">email us</a>')
  })

  it.each(['javascript:alert(document.cookie)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd'])(
    'renders a %j link as plain text: no <a>, no href',
    (url) => {
      const html = render(richText(paragraph('Click ', link('here', url), ' now')))
      expect(html).toBe('<div class="prose"><p>Click here now</p></div>')
      expect(html).not.toMatch(/<a\b|href=|javascript|script:/i)
    },
  )

  it('renders an auto-detected link through the same rule', () => {
    const html = render(richText(paragraph(autolink('https://example.com') as never, ' and ', autolink('javascript:alert(1)', 'evil') as never)))
    expect(html).toContain('<a href="https://example.com">https://example.com</a>')
    expect(html).toContain(' and evil')
    expect(html).not.toContain('javascript')
  })

  it('turns internal page links into site paths that cannot leave the site', () => {
    const html = render(richText(paragraph(internalLink('Home', 'home') as never, ' ', internalLink('FAQ', 'faq') as never, ' ', internalLink('Odd', '/evil.com') as never)))
    expect(html).toContain('<a href="/">Home</a>')
    expect(html).toContain('<a href="/faq">FAQ</a>')
    expect(html).toContain('<a href="/%2Fevil.com">Odd</a>')
  })
})
