/**
 * What a content change means for the storefront's page cache: the cache tags a document touches.
 * Cached storefront pages carry the tags of everything they read (`tagsOfPageRead`,
 * `tagsOfMenuRead`, the settings), and a change invalidates exactly the tags of what changed
 * (`tagsOfPageChange`, `tagsOfMenuItemChange`, `tagsOfMediaChange`, `SETTINGS_TAG`), so only the
 * pages that showed it are rendered again.
 *
 * - The business settings are on every page (header, footer, brand colour): `settings`.
 * - The active menu is on the home page, /menu and /book: `menu`. A menu item that was and is
 *   not public (inactive, or never published: a draft) touches nothing the public sees; a
 *   scheduled publish is a change like any other.
 * - A CMS page is shown under its slug: `page:<slug>`. A renamed page touches its old and its new
 *   slug; a page that was and is a draft touches nothing (drafts are never public).
 * - An upload is shown wherever a page or a menu item embeds it: `media:<id>`.
 * Pure: plain data in, tag names out. Must never return a tag no reader uses, or miss one a reader uses.
 */

export const SETTINGS_TAG = 'settings'
export const MENU_TAG = 'menu'

export const pageTag = (slug: string): string => `page:${slug}`
export const mediaTag = (id: number | string): string => `media:${String(id)}`

type Id = number | string
type Upload = Id | { id?: Id | null } | null | undefined

/** The id of an upload field's value, populated or not. */
function uploadId(value: Upload): Id | null {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && (typeof value.id === 'number' || typeof value.id === 'string')) return value.id
  return null
}

/** Ids of the uploads embedded in a Lexical rich-text value (upload nodes, at any depth). */
export function uploadIdsInRichText(value: unknown): Id[] {
  const ids: Id[] = []
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const n = node as { type?: unknown; value?: unknown; children?: unknown; root?: unknown }
    if (n.type === 'upload') {
      const id = uploadId(n.value as Upload)
      if (id !== null) ids.push(id)
    }
    if (n.root) walk(n.root)
    if (Array.isArray(n.children)) for (const child of n.children) walk(child)
  }
  walk(value)
  return ids
}

const unique = (tags: string[]): string[] => [...new Set(tags)]

export interface PageLike {
  slug?: string | null
  _status?: 'draft' | 'published' | null
  meta?: { image?: Upload } | null
  heroImage?: Upload
  content?: unknown
}

/** Tags a render carries when it showed this published page: its slug and every upload it embeds. */
export function tagsOfPageRead(page: PageLike): string[] {
  const tags = page.slug ? [pageTag(page.slug)] : []
  for (const upload of [page.meta?.image, page.heroImage]) {
    const image = uploadId(upload)
    if (image !== null) tags.push(mediaTag(image))
  }
  for (const id of uploadIdsInRichText(page.content)) tags.push(mediaTag(id))
  return unique(tags)
}

/** Tags a render carries when it asked for the page `slug` (also when none is published: publishing one must show it). */
export function tagsOfPageLookup(slug: string, page: PageLike | null): string[] {
  return unique([pageTag(slug), ...(page ? tagsOfPageRead(page) : [])])
}

export interface MenuItemLike {
  active?: boolean | null
  _status?: 'draft' | 'published' | null
  image?: Upload
}

/** Whether the public menu shows this version of an item: active and not a draft. */
export function isPublicMenuItem(item: MenuItemLike | null | undefined): boolean {
  return item?.active === true && item._status !== 'draft'
}

/** Tags a render carries when it showed the active menu: the menu and the images of its items. */
export function tagsOfMenuRead(items: readonly { image?: Upload | { id?: Id | null } }[]): string[] {
  const tags = [MENU_TAG]
  for (const item of items) {
    const id = uploadId(item.image as Upload)
    if (id !== null) tags.push(mediaTag(id))
  }
  return unique(tags)
}

/** A saved or deleted menu item touches the menu when it is or was public (active and published). */
export function tagsOfMenuItemChange(doc: MenuItemLike | null | undefined, previous?: MenuItemLike | null): string[] {
  return isPublicMenuItem(doc) || isPublicMenuItem(previous) ? [MENU_TAG] : []
}

/** A saved or deleted page touches the slug of each version of it that is or was published. */
export function tagsOfPageChange(doc: PageLike | null | undefined, previous?: PageLike | null): string[] {
  const tags: string[] = []
  for (const version of [doc, previous]) {
    if (version?.slug && version._status !== 'draft') tags.push(pageTag(version.slug))
  }
  return unique(tags)
}

/** A saved or deleted upload touches every render that embeds it. */
export function tagsOfMediaChange(doc: { id?: Id | null } | null | undefined): string[] {
  const id = uploadId(doc)
  return id === null ? [] : [mediaTag(id)]
}
