/**
 * GET /api/<collection>/export.csv?where[…]&sort=…&search=… — a CSV of the admin list as it is
 * filtered now (the list's own URL query), for managers and admins (401 signed out, 403 everyone
 * else: customers, chefs, editors). Read through the Local API AS THE USER (`overrideAccess:
 * false`), so row and field access apply as in the list, 200 rows a page, streamed
 * (src/http/csvStream.ts): memory stays at one page whatever the list's size.
 * A bad filter is a 400 before any row is sent.
 */
import type { CollectionSlug, Endpoint, PayloadRequest, Sort, Where } from 'payload'

import { ValidationError } from '../domain'
import { csvResponse, type CsvColumn } from '../http/csvStream'
import { refusal } from '../http/responses'
import { logger } from '../server/logger'
import { jsonResponse, PRIVATE, staffWith } from '../collections/Customers/endpoints/shared'

const log = logger.child({ module: 'csv-export' })
const PAGE_SIZE = 200

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The list's filter: its `where`, and its search box over the collection's searchable fields. */
function listWhere(req: PayloadRequest, slug: CollectionSlug): Where | undefined {
  const query = req.query as Record<string, unknown>
  const parts: Where[] = []
  if (query.where !== undefined) {
    if (!isRecord(query.where)) throw ValidationError.single('where', 'The filter must be a where query, as in the list URL')
    parts.push(query.where as Where)
  }
  if (query.search !== undefined) {
    if (typeof query.search !== 'string' || query.search.length > 200) throw ValidationError.single('search', 'The search must be text of at most 200 characters')
    const text = query.search.trim()
    const config = req.payload.collections[slug].config
    const fields = config.admin.listSearchableFields?.length ? config.admin.listSearchableFields : [config.admin.useAsTitle ?? 'id']
    if (text) parts.push({ or: fields.map((f) => ({ [f]: { like: text } })) })
  }
  if (parts.length === 0) return undefined
  return parts.length === 1 ? parts[0] : { and: parts }
}

function listSort(req: PayloadRequest): Sort | undefined {
  const sort = (req.query as Record<string, unknown>).sort
  if (sort === undefined) return undefined
  if (typeof sort !== 'string' || !/^-?[A-Za-z0-9_.]{1,64}$/.test(sort)) throw ValidationError.single('sort', 'The sort must be one field name, with - for descending')
  return sort
}

export function csvExportEndpoint<T>(slug: CollectionSlug, filename: string, columns: readonly CsvColumn<T>[]): Endpoint {
  return {
    method: 'get',
    path: '/export.csv',
    handler: async (req) => {
      try {
        const signedOut = staffWith(req, ['admin', 'manager'], 'export this list')
        if (signedOut) return jsonResponse(signedOut, PRIVATE)
        const where = listWhere(req, slug)
        const sort = listSort(req)
        const user = req.user
        log.info({ collection: slug, staffId: user?.id }, 'csv export')
        return await csvResponse<T>({
          filename,
          columns,
          // Each page is its own read (no `req`: the download outlives this handler's transaction).
          page: async (page) => {
            const result = await req.payload.find({ collection: slug, where, sort, user, overrideAccess: false, depth: 0, limit: PAGE_SIZE, page })
            return { docs: result.docs as T[], hasNextPage: result.hasNextPage }
          },
          onError: (err) => log.error({ collection: slug, error: err instanceof Error ? err.name : typeof err }, 'csv export broke off'),
        })
      } catch (err) {
        return jsonResponse(refusal(err), PRIVATE)
      }
    },
  }
}
