/**
 * Secrets a stored row must carry but nobody may read from it: a message's private links (a
 * booking's manage link, a balance-payment link) are kept sealed with AES-256-GCM under a key
 * derived from PAYLOAD_SECRET, so a database dump or a staff read of the message shows
 * "(private link)" and only the sender, at send time, opens them. A tampered or foreign box does
 * not open (undefined). Must never log a sealed value's contents.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

import { env } from './env'

const VERSION = 'v1'

function keyFor(purpose: string, secret = env().PAYLOAD_SECRET): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'myhibachi-sealed', purpose, 32))
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function seal(purpose: string, value: string, secret?: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose, secret), iv)
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

/** The sealed value, or undefined when the box is malformed, tampered with or sealed for another purpose. */
export function unseal(purpose: string, sealed: string, secret?: string): string | undefined {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || body === undefined) return undefined
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose, secret), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch (err) {
    // GCM refuses a wrong key or altered bytes by throwing: that is the "does not open" answer.
    if (err instanceof Error) return undefined
    throw err
  }
}
