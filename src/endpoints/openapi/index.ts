/**
 * GET /api/openapi.json — the OpenAPI 3.1 document of the public API (./routes.ts), also shown
 * as a page at /api-docs. Built on first use and kept in memory: it changes only with the code.
 * Must never describe staff routes or carry anything from the environment (no secrets, no hosts).
 */
import type { Endpoint } from 'payload'

import { buildOpenApiDocument, type OpenApiDocument } from '../../http/openapi'
import { publicApi } from './routes'

let document: OpenApiDocument | undefined
let serialized: string | undefined

/** The document, built once per process. */
export function openapiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(publicApi())
  return document
}

export const openapiEndpoint: Endpoint = {
  path: '/openapi.json',
  method: 'get',
  handler: () => {
    serialized ??= JSON.stringify(openapiDocument())
    // Public and the same for everyone until the next deploy: a short cache is safe.
    return new Response(serialized, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
  },
}
