/**
 * Calls Payload's REST API in-process through `handleEndpoints` — the very function the Next route
 * `src/app/(payload)/api/[...slug]/route.ts` runs — so access control, hooks and custom endpoints
 * are exercised without a browser or a built app.
 */
import { handleEndpoints, type SanitizedConfig } from 'payload'

export interface RestResponse<T = unknown> {
  status: number
  headers: Headers
  body: T
}

export function restClient(config: SanitizedConfig | Promise<SanitizedConfig>) {
  return async function rest<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    opts: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<RestResponse<T>> {
    const headers = new Headers(opts.headers)
    if (opts.body !== undefined) headers.set('Content-Type', 'application/json')
    const request = new Request(`http://localhost:3000/api${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })
    const response = await handleEndpoints({ config, path: `/api${path.split('?')[0] ?? ''}`, request })
    const text = await response.text()
    let body: unknown = text
    if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: body as T }
  }
}
