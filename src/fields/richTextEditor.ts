/**
 * The one rich-text (Lexical) editor of the site: Payload's default features, with the link
 * feature narrowed to what the storefront can render safely.
 *
 * - A link's URL must pass `safeHref` (src/domain/safe-url.ts), the same rule the storefront
 *   renderer applies: `http(s):`, `mailto:`, `tel:`, `/…`, `#…`, `?…`. Anything else
 *   (`javascript:`, `data:`, `file:` …) is refused on save with a message saying what is allowed:
 *   in the link drawer (the URL field's own validation) and on the document (a node validation
 *   that runs before Payload's, whose message only says "The following fields are invalid: url").
 * - Internal links may point at pages only: the storefront turns a page into a path, and nothing
 *   else (staff users, bookings …) belongs in public content. Payload's `enabledCollections`
 *   narrows the admin's picker but its validation lets any collection through.
 * - Stored URLs: Payload's own URL hook percent-encodes every URL its `validateUrl` dislikes
 *   (`?guests=10` became `%3Fguests%3D10`) yet keeps `javascript:`, which it accepts, and runs only
 *   for link nodes that carry an id. Ours runs on every save of the whole document: an allowed URL
 *   is stored as the browser reads it; a refused one — which still reaches the database in a draft,
 *   because Payload does not validate drafts — is stored percent-encoded, without a scheme: inert.
 */
import { LinkFeature, lexicalEditor, type LinkFeatureServerProps } from '@payloadcms/richtext-lexical'
import type { FieldAffectingData, FieldHook, RichTextHooks, TextFieldSingleValidation } from 'payload'

import { SAFE_HREF_RULE, isSafeHref, safeHref } from '../domain/safe-url'

/** Collections an internal link may point at. */
const LINKABLE_COLLECTIONS = ['pages'] as const
const INTERNAL_LINK_RULE = 'Internal links may point at pages only.'

type LinkFieldsLike = { linkType?: unknown; url?: unknown; doc?: { relationTo?: unknown } | null }

/** The problem with a link's fields, or true. Shared by the URL field and the node validation. */
function checkLink(fields: LinkFieldsLike): string | true {
  if (fields.linkType === 'internal') {
    const relationTo = fields.doc?.relationTo
    return typeof relationTo === 'string' && (LINKABLE_COLLECTIONS as readonly string[]).includes(relationTo) ? true : INTERNAL_LINK_RULE
  }
  return isSafeHref(fields.url) || SAFE_HREF_RULE
}

/** The URL field in the link drawer: custom links must be safe; internal links carry a document. */
export const validateLinkUrl: TextFieldSingleValidation = (value, { siblingData }) => {
  const linkType = typeof siblingData === 'object' && siblingData !== null ? (siblingData as LinkFieldsLike).linkType : undefined
  return linkType === 'internal' ? true : checkLink({ url: value })
}

/**
 * A refused URL made inert: every character but letters, digits, `-_.!~*'()` and `%` is
 * percent-encoded, so no scheme, slash or space is left. `%` is kept so that a second pass (the
 * editor hook, then the URL field's hook) changes nothing.
 */
function neutralized(url: string): string {
  let out = ''
  for (const char of url) {
    const code = char.charCodeAt(0)
    if (/^[\w\-.!~*'()%]$/.test(char)) out += char
    // A lone surrogate cannot be encoded: the replacement character stands in for it.
    else if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) out += '%EF%BF%BD'
    else out += encodeURIComponent(char)
  }
  return out
}

/** What to store for a custom link's URL (see the file comment). */
function storedUrl(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value
  return safeHref(value) ?? neutralized(value)
}

/** Replaces Payload's encoding hook on the URL field. */
export const storeLinkUrl: FieldHook = ({ value }: { value?: unknown }) => storedUrl(value)

function withSafeUrl(field: FieldAffectingData): FieldAffectingData {
  if (field.name !== 'url' || field.type !== 'text' || field.hasMany === true) return field
  return { ...field, validate: validateLinkUrl, hooks: { ...field.hooks, beforeChange: [storeLinkUrl] } }
}

type LexicalNodeLike = { type?: unknown; fields?: LinkFieldsLike; children?: unknown }

/** Every link and auto-link node of a document's editor state, at any depth. */
function* linkNodes(nodes: unknown): Generator<LexicalNodeLike> {
  if (!Array.isArray(nodes)) return
  for (const node of nodes as LexicalNodeLike[]) {
    if (typeof node !== 'object' || node === null) continue
    if ((node.type === 'link' || node.type === 'autolink') && typeof node.fields === 'object' && node.fields !== null) yield node
    yield* linkNodes(node.children)
  }
}

type BeforeChangeRichTextHook = NonNullable<RichTextHooks['beforeChange']>[number]

/** Stores every custom link's URL as `storedUrl` says, drafts included. */
const storeSafeLinkUrls: BeforeChangeRichTextHook = ({ value }: { value?: unknown }) => {
  const root = typeof value === 'object' && value !== null ? (value as { root?: { children?: unknown } }).root : undefined
  for (const node of linkNodes(root?.children)) {
    const fields = node.fields as LinkFieldsLike
    if (fields.linkType !== 'internal' && 'url' in fields) fields.url = storedUrl(fields.url)
  }
  return value
}

/**
 * Payload's LinkFeature with the URL field, a first node validation and the store hook above.
 * LinkFeature has no option for a node validation or an editor hook, so its resolved feature is
 * extended (the shapes are Payload's public `ServerFeature` type).
 */
function SafeLinkFeature() {
  const props: LinkFeatureServerProps = {
    enabledCollections: [...LINKABLE_COLLECTIONS],
    fields: ({ defaultFields }) => defaultFields.map(withSafeUrl),
  }
  const base = LinkFeature(props)
  const feature: typeof base.feature = async (args) => {
    const resolved = typeof base.feature === 'function' ? await base.feature(args) : base.feature
    return {
      ...resolved,
      hooks: { ...resolved.hooks, beforeChange: [...(resolved.hooks?.beforeChange ?? []), storeSafeLinkUrls] },
      nodes: resolved.nodes?.map((node) => ({
        ...node,
        validations: [({ node: linkNode }) => checkLink((linkNode as LexicalNodeLike).fields ?? {}), ...(node.validations ?? [])],
      })),
    }
  }
  return { ...base, feature }
}

export function richTextEditor() {
  return lexicalEditor({
    features: ({ defaultFeatures }) => defaultFeatures.map((feature) => (feature.key === 'link' ? SafeLinkFeature() : feature)),
  })
}
