/**
 * The app's bearer tokens in links (manage links, payment return codes, balance-payment links):
 * 24 random bytes in base64url (32 characters), of which only the SHA-256 (hex) is ever stored, and
 * the syntax a presented token must have before anything is looked up.
 * Must never log a token or its hash.
 */
import { createHash, randomBytes } from 'node:crypto'

/** What a presented token must look like; anything far off is refused without a query. */
export const SECRET_TOKEN_SYNTAX = /^[A-Za-z0-9_-]{20,100}$/

/** The stored form of a token: sha256, hex. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new token and the hash to store for it. */
export function mintSecretToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: hashSecretToken(token) }
}
