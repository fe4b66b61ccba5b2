/**
 * GraphQL mutations are for staff only. Payload's GraphQL API exposes every collection operation
 * as a mutation — createBooking, createCustomer (sign-up), loginCustomer, forgotPasswordCustomer,
 * resetPasswordCustomer, verifyEmailCustomer, unlockCustomer, refreshTokenUser … — and every one
 * of them would bypass what the REST routes put in front of the same operation: the per-route
 * rate limits (one HTTP request can carry many aliased mutations) and the Idempotency-Key
 * handling of POST /api/bookings. The storefront and the admin panel write through REST only, so
 * the public gets no GraphQL writes at all; staff (signed-in `users`) keep them for scripting.
 *
 * A validation rule, so a refused document is answered before anything executes: no resolver
 * runs, nothing is written, no mail is sent. Queries are untouched and stay subject to access.
 * Payload calls `graphQL.validationRules(args)` once per request with graphql-http's execution
 * args; its route handler puts the PayloadRequest (user already authenticated) in
 * `args.contextValue.req` (@payloadcms/next/dist/routes/graphql/handler.js).
 */
import { GraphQLError, type ExecutionArgs, type ValidationRule } from 'graphql'
import type { PayloadRequest } from 'payload'

import { isStaffUser } from './roles'

export const GRAPHQL_MUTATIONS_REFUSED = 'GraphQL mutations are only available to staff. Use the REST API (for example POST /api/bookings or POST /api/customers/login) instead.'

function requestOf(args: ExecutionArgs): Partial<PayloadRequest> | undefined {
  const context = args.contextValue as { req?: Partial<PayloadRequest> } | null | undefined
  return context?.req
}

/** For `graphQL.validationRules`: refuses every mutation operation unless the caller is staff. */
export function staffOnlyGraphQLMutations(args: ExecutionArgs): ValidationRule[] {
  if (isStaffUser(requestOf(args)?.user)) return []
  const rule: ValidationRule = (context) => ({
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return
      context.reportError(new GraphQLError(GRAPHQL_MUTATIONS_REFUSED, { nodes: [node], extensions: { name: 'Forbidden', statusCode: 403 } }))
    },
  })
  return [rule]
}
