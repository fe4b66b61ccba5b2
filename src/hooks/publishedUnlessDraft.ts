/**
 * For a collection that gained drafts after it had writers (the menu): a document created without
 * a `_status` and not as a draft is published, as every create was before drafts existed. Payload
 * would otherwise default `_status` to 'draft', and a menu item created by a script, the seed or
 * a REST client that knows nothing of drafts would silently never reach the menu. The admin
 * always says which it means (Save draft / Publish), so editors are unaffected. Never turns a
 * draft (`draft: true`, or `_status: 'draft'`) into a published document.
 */
import type { CollectionBeforeOperationHook } from 'payload'

export const publishedUnlessDraft: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'create') return args
  const create = args as { data?: Record<string, unknown>; draft?: boolean }
  if (create.draft === true || !create.data || typeof create.data !== 'object' || Array.isArray(create.data)) return args
  if (create.data._status === undefined) create.data = { ...create.data, _status: 'published' }
  return args
}
