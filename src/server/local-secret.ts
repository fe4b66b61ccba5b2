/**
 * Development-only PAYLOAD_SECRET: generated once and kept in the git-ignored data folder so a bare
 * machine needs no `.env`. Never used when NODE_ENV=production unless the embedded database (a
 * local machine by definition) is in use; never logged.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? '.data')
}

export function readOrCreateLocalSecret(): string {
  const dir = dataDir()
  const file = path.join(dir, 'payload-secret')
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  }
  mkdirSync(dir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return secret
}
