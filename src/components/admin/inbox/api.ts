/**
 * The inbox's requests to our own API (its endpoints and Payload's PATCH of a thread): the admin
 * panel's one staff request helper (src/components/admin/staffPost.ts) under the inbox's names.
 * A reply carries an Idempotency-Key, so sending it again after a lost answer sends once.
 */
import { staffRequest, type StaffPostResult } from '../staffPost'

export type InboxResult = StaffPostResult

export function inboxRequest(method: 'POST' | 'PATCH', url: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<InboxResult> {
  return staffRequest(method, url, body, opts)
}
