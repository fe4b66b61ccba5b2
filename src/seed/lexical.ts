/**
 * Tiny builders for Lexical rich text as Payload's lexical editor stores it (the serialized
 * editor state: root → block nodes → text nodes). Only the nodes the default editor knows:
 * paragraph, heading, list/listitem, link and text. Used by the seed's pages; no I/O.
 */

/** Lexical text format bit flags. */
export const BOLD = 1

type ElementBase = {
  direction: 'ltr'
  format: ''
  indent: 0
  version: number
}

export type TextNode = {
  type: 'text'
  text: string
  format: number
  detail: 0
  mode: 'normal'
  style: ''
  version: 1
}

export type LinkNode = ElementBase & {
  type: 'link'
  fields: { linkType: 'custom'; newTab: boolean; url: string }
  children: TextNode[]
}

export type InlineNode = TextNode | LinkNode

export type ParagraphNode = ElementBase & {
  type: 'paragraph'
  textFormat: 0
  textStyle: ''
  children: InlineNode[]
}

export type HeadingNode = ElementBase & {
  type: 'heading'
  tag: 'h2' | 'h3'
  children: InlineNode[]
}

export type ListItemNode = ElementBase & {
  type: 'listitem'
  value: number
  children: InlineNode[]
}

export type ListNode = ElementBase & {
  type: 'list'
  listType: 'bullet' | 'number'
  tag: 'ul' | 'ol'
  start: 1
  children: ListItemNode[]
}

export type BlockNode = ParagraphNode | HeadingNode | ListNode

export type RichText = {
  root: ElementBase & { type: 'root'; children: BlockNode[] }
}

/** Inline content: a plain string becomes one unformatted text node. */
export type Inline = string | InlineNode

const element = (version = 1): ElementBase => ({ direction: 'ltr', format: '', indent: 0, version })

export function text(value: string, format = 0): TextNode {
  return { type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 }
}

export const bold = (value: string): TextNode => text(value, BOLD)

function inline(parts: Inline[]): InlineNode[] {
  return parts.map((p) => (typeof p === 'string' ? text(p) : p))
}

/** A link with a custom URL (absolute, `tel:`, `mailto:` or a site-relative path). */
export function link(label: string, url: string, newTab = false): LinkNode {
  return { ...element(3), type: 'link', fields: { linkType: 'custom', newTab, url }, children: [text(label)] }
}

export function paragraph(...parts: Inline[]): ParagraphNode {
  return { ...element(), type: 'paragraph', textFormat: 0, textStyle: '', children: inline(parts) }
}

export function heading(tag: 'h2' | 'h3', ...parts: Inline[]): HeadingNode {
  return { ...element(), type: 'heading', tag, children: inline(parts) }
}

function list(listType: 'bullet' | 'number', items: Inline[][]): ListNode {
  return {
    ...element(),
    type: 'list',
    listType,
    tag: listType === 'bullet' ? 'ul' : 'ol',
    start: 1,
    children: items.map((parts, i) => ({ ...element(), type: 'listitem', value: i + 1, children: inline(parts) })),
  }
}

/** A bulleted list; each item is a list of inline parts (`['plain ', bold('strong')]`). */
export const bullets = (...items: Inline[][]): ListNode => list('bullet', items)
/** A numbered list; each item is a list of inline parts. */
export const numbered = (...items: Inline[][]): ListNode => list('number', items)

export function richText(...children: BlockNode[]): RichText {
  return { root: { ...element(), type: 'root', children } }
}
