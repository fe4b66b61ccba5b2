/**
 * Renders a CMS rich-text field (Lexical) for the storefront. On top of Payload's default JSX
 * converters: internal links to pages become site paths (home → '/'), and an h1 in the content
 * is rendered as h2, because the page title is the page's only h1. Server component.
 */
import type { DefaultNodeTypes, SerializedLinkNode } from '@payloadcms/richtext-lexical'
import { LinkJSXConverter, RichText, type JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'
import { createElement } from 'react'

import type { Page } from '../../payload-types'

type Content = NonNullable<Page['content']>

function internalDocToHref({ linkNode }: { linkNode: SerializedLinkNode }): string {
  const doc = linkNode.fields.doc
  if (doc?.relationTo === 'pages' && typeof doc.value === 'object' && typeof doc.value.slug === 'string') {
    return doc.value.slug === 'home' ? '/' : `/${doc.value.slug}`
  }
  // Not populated (depth 0) or another collection: the home page is a safe, working target.
  return '/'
}

const HEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])

const converters: JSXConvertersFunction<DefaultNodeTypes> = ({ defaultConverters }) => ({
  ...defaultConverters,
  ...LinkJSXConverter({ internalDocToHref }),
  heading: ({ node, nodesToJSX }) => createElement(HEADING_TAGS.has(node.tag) ? node.tag : 'h2', null, nodesToJSX({ nodes: node.children })),
})

export function CmsRichText({ data, className = 'prose' }: { data: Content | null | undefined; className?: string }) {
  if (!data) return null
  return <RichText data={data} converters={converters} className={className} />
}
