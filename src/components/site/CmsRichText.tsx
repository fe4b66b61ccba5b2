/**
 * Renders a CMS rich-text field (Lexical) for the storefront. On top of Payload's default JSX
 * converters:
 * - every link (custom, internal and auto-detected) gets its href from `safeHref`
 *   (src/domain/safe-url.ts): a URL the site does not link to (`javascript:`, `data:`, `file:` …)
 *   renders as the link's text without an <a>, never as a live link. Payload's own
 *   LinkJSXConverter is not used because it renders `fields.url` as it is;
 * - internal links to pages become site paths (home → '/');
 * - an h1 in the content is rendered as h2, because the page title is the page's only h1.
 * Server component.
 */
import type { DefaultNodeTypes, SerializedAutoLinkNode, SerializedLinkNode } from '@payloadcms/richtext-lexical'
import { RichText, type JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'
import { createElement, Fragment, type ReactNode } from 'react'

import { safeHref } from '../../domain/safe-url'
import type { Page } from '../../payload-types'

type Content = NonNullable<Page['content']>

function internalDocToHref(node: SerializedLinkNode | SerializedAutoLinkNode): string {
  const doc = node.fields.doc
  if (doc?.relationTo === 'pages' && typeof doc.value === 'object' && typeof doc.value.slug === 'string') {
    // Encoded: a slug is never a path of its own (`/evil.com` must not become `//evil.com`).
    return doc.value.slug === 'home' ? '/' : `/${encodeURIComponent(doc.value.slug)}`
  }
  // Not populated (depth 0) or another collection: the home page is a safe, working target.
  return '/'
}

/** The href a link node may render, or null when it must stay text. */
function linkHref(node: SerializedLinkNode | SerializedAutoLinkNode): string | null {
  return safeHref(node.fields.linkType === 'internal' ? internalDocToHref(node) : node.fields.url)
}

function renderLink(node: SerializedLinkNode | SerializedAutoLinkNode, children: ReactNode[]): ReactNode {
  const href = linkHref(node)
  if (href === null) return createElement(Fragment, null, ...children)
  const newTab = node.fields.newTab === true
  return createElement('a', { href, rel: newTab ? 'noopener noreferrer' : undefined, target: newTab ? '_blank' : undefined }, ...children)
}

const HEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])

const converters: JSXConvertersFunction<DefaultNodeTypes> = ({ defaultConverters }) => ({
  ...defaultConverters,
  link: ({ node, nodesToJSX }) => renderLink(node, nodesToJSX({ nodes: node.children })),
  autolink: ({ node, nodesToJSX }) => renderLink(node, nodesToJSX({ nodes: node.children })),
  heading: ({ node, nodesToJSX }) => createElement(HEADING_TAGS.has(node.tag) ? node.tag : 'h2', null, nodesToJSX({ nodes: node.children })),
})

export function CmsRichText({ data, className = 'prose' }: { data: Content | null | undefined; className?: string }) {
  if (!data) return null
  return <RichText data={data} converters={converters} className={className} />
}
