/** Small helpers shared by custom endpoints: body parsing and the customer check. */
import type { PayloadRequest } from 'payload'

import { ValidationError } from '../domain'

export async function jsonBody(req: PayloadRequest): Promise<unknown> {
  if (!req.json) throw ValidationError.single('body', 'Send a JSON body')
  try {
    return await req.json()
  } catch (err) {
    // A body that is not JSON is the caller's mistake: a 400 naming the body, not a 500.
    throw ValidationError.single('body', `The body is not valid JSON (${err instanceof Error ? err.message : 'parse error'})`)
  }
}

export function isCustomer(req: PayloadRequest): boolean {
  return (req.user?.collection as string | undefined) === 'customers'
}
