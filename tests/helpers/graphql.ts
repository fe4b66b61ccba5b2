/**
 * Calls Payload's GraphQL endpoint in-process through the very handler the Next route
 * `src/app/(payload)/api/graphql/route.ts` exports, so access control is the one production runs.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number
  data?: T | null
  errors?: { message: string; extensions?: { name?: string; statusCode?: number } }[]
}

export function graphqlClient(config: SanitizedConfig | Promise<SanitizedConfig>) {
  const handler = GRAPHQL_POST(config)
  return async function graphql<T = Record<string, unknown>>(query: string, opts: { headers?: Record<string, string>; variables?: Record<string, unknown> } = {}): Promise<GraphQLAnswer<T>> {
    const request = new Request('http://localhost:3000/api/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...opts.headers },
      body: JSON.stringify({ query, variables: opts.variables ?? {} }),
    })
    const response = await handler(request)
    const body = (await response.json()) as Omit<GraphQLAnswer<T>, 'status'> | NonNullable<GraphQLAnswer['errors']>
    // Under vitest only, graphql loads twice (vite resolves `import 'graphql'` to index.mjs, while
    // graphql-http's require() gets index.js), so graphql-http does not recognise a validation
    // error as a GraphQLError and sends the bare error list instead of `{ errors }`. Node, and so
    // Next with graphql as a server-external package, loads index.js for both: `{ errors }` there.
    return Array.isArray(body) ? { status: response.status, errors: body } : { status: response.status, ...body }
  }
}
