/**
 * Manage-link tokens, in one place: minted on create (24 random bytes, base64url), stored only
 * as their SHA-256 hash (bookings.manageTokenHash), and looked up by that hash. The token is the
 * customer's credential for one booking: whoever holds the link may see and change it.
 * Must never log a token or its hash, or return the hash.
 */
import { createHash, randomBytes } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { MANAGE_READ, type ManagedBooking } from './manageView'

/** Tokens are 24 random bytes in base64url (32 characters); anything far off is refused unqueried. */
const TOKEN_SYNTAX = /^[A-Za-z0-9_-]{20,100}$/

/** A new token and the hash that is stored for it. */
export function mintManageToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: hashManageToken(token) }
}

/** Only this hash of a manage token is stored: sha256, hex. */
export function hashManageToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The customer's manage link for a token, on the public site. */
export function manageUrl(siteOrigin: string, token: string): string {
  return `${siteOrigin}/booking/${encodeURIComponent(token)}`
}

/**
 * The booking a manage token belongs to, with menu item names (depth 1, names only); null for an
 * unknown or malformed token (malformed ones are refused without a query). Usable with a plain
 * Payload (server components) or inside a request (`req`).
 */
export async function bookingByManageToken(payload: Payload, token: string, req?: PayloadRequest): Promise<ManagedBooking | null> {
  if (typeof token !== 'string' || !TOKEN_SYNTAX.test(token)) return null
  const found = await payload.find({
    collection: 'bookings',
    where: { manageTokenHash: { equals: hashManageToken(token) } },
    // The system acts for the token holder: the link is their credential, checked by the hash match.
    overrideAccess: true,
    ...MANAGE_READ,
    limit: 1,
    pagination: false,
    ...(req ? { req } : {}),
  })
  return (found.docs[0] as ManagedBooking | undefined) ?? null
}
