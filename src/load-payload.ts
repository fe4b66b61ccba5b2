/**
 * An entry point's own Payload, loaded through loadWithin (src/server/startup.ts: a stall is named
 * and the process starts over once): the config first, then `payload`, then what `more` imports,
 * one module at a time, never concurrently — the order in which the import stall was not seen
 * (scripts/seed.ts). For src/server.ts and the scripts; call it before the process listens on any
 * port. Beside src/server.ts, not in src/server/, which never imports the config.
 */
import type { getPayload as GetPayload } from 'payload'

import { loadWithin } from './server/startup'

type LoadedPayload = { config: Parameters<typeof GetPayload>[0]['config']; getPayload: typeof GetPayload }

export async function loadPayload<T extends object = object>(name: string, more?: () => Promise<T>): Promise<T & LoadedPayload> {
  return loadWithin(
    name,
    'loading the Payload config',
    async () => {
      const { default: config } = await import('../payload.config')
      const { getPayload } = await import('payload')
      const extra = more ? await more() : ({} as T)
      return { ...extra, config, getPayload }
    },
    { rerun: true },
  )
}
