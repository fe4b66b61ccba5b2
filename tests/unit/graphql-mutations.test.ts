/** The GraphQL validation rule that keeps mutations for staff (src/access/graphqlMutations.ts), on a tiny schema. */
import { buildSchema, parse, validate, type ExecutionArgs } from 'graphql'
import { describe, expect, it } from 'vitest'

import { GRAPHQL_MUTATIONS_REFUSED, staffOnlyGraphQLMutations } from '../../src/access/graphqlMutations'

const schema = buildSchema(`
  type Query { menu: String }
  type Mutation { createBooking(email: String): String, loginCustomer(email: String): String }
`)

function errorsFor(query: string, user: Record<string, unknown> | null): string[] {
  const document = parse(query)
  const args = { schema, document, contextValue: { headers: {}, req: { user } } } as ExecutionArgs
  return validate(schema, document, staffOnlyGraphQLMutations(args)).map((e) => e.message)
}

describe('GraphQL mutations are for staff only', () => {
  it('refuses a mutation to anonymous callers and customers, naming the REST API', () => {
    expect(errorsFor('mutation { createBooking(email: "a@b.c") }', null)).toEqual([GRAPHQL_MUTATIONS_REFUSED])
    expect(errorsFor('mutation { loginCustomer(email: "a@b.c") }', { collection: 'customers', id: 1 })).toEqual([GRAPHQL_MUTATIONS_REFUSED])
    expect(GRAPHQL_MUTATIONS_REFUSED).toMatch(/REST API/)
  })

  it('refuses a document that hides a mutation beside a query, and aliased mutations once per operation', () => {
    expect(errorsFor('query Q { menu } mutation M { a: createBooking(email: "x") b: createBooking(email: "y") }', null)).toEqual([GRAPHQL_MUTATIONS_REFUSED])
  })

  it('lets staff mutate', () => {
    expect(errorsFor('mutation { createBooking(email: "a@b.c") }', { collection: 'users', id: 1, role: 'manager' })).toEqual([])
  })

  it('leaves queries alone for everyone', () => {
    expect(errorsFor('{ menu }', null)).toEqual([])
    expect(errorsFor('query { menu }', { collection: 'customers', id: 1 })).toEqual([])
  })

  it('refuses when the request cannot be found in the context (fails closed)', () => {
    const document = parse('mutation { createBooking }')
    expect(validate(schema, document, staffOnlyGraphQLMutations({ schema, document } as ExecutionArgs))).toHaveLength(1)
  })
})
