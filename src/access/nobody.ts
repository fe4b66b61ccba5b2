import type { Access } from 'payload'

/** Nobody through the API (REST, GraphQL, admin). The system still acts with overrideAccess. */
export const nobody: Access = () => false
