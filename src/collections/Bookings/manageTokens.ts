/**
 * Manage-link tokens, in one place: minted on create (24 random bytes, base64url), stored only
 * as their SHA-256 hash (bookings.manageTokenHash), and looked up by that hash. The token is the
 * customer's credential for one booking: whoever holds the link may see and change it.
 * Must never log a token or its hash, or return the hash.
 */
import type { Payload, PayloadRequest } from 'payload'

import { hashSecretToken, mintSecretToken, SECRET_TOKEN_SYNTAX } from '../../server/secret-token'

import { MANAGE_READ, type ManagedBooking } from './manageView'

/** A new token and the hash that is stored for it. */
export function mintManageToken(): { token: string; hash: string } {
  return mintSecretToken()
}

/** Only this hash of a manage token is stored: sha256, hex. */
export function hashManageToken(token: string): string {
  return hashSecretToken(token)
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
  if (typeof token !== 'string' || !SECRET_TOKEN_SYNTAX.test(token)) return null
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
