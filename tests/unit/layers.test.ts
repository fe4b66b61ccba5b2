// The layer rule in eslint.config.mjs fails on an upward import: real probe files are written into
// each layer (never committed: removed in `finally`) and linted with the project's own config.
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

/** Each probe: the layer folder it is written into and its source. */
const PROBES = {
  domain: [
    'domain',
    "import type { Payload } from 'payload'\nimport config from '@payload-config'\nimport { logger } from '../server/logger'\nexport const probe = [config, logger] as unknown as Payload\n",
  ],
  infra: ['infra', "import { Bookings } from '../collections/Bookings'\nexport const probe = Bookings\n"],
  http: ['http', "import { Bookings } from '../collections/Bookings'\nexport const probe = Bookings\n"],
  client: ['client', "import { redis } from '../infra/redis'\nexport const probe = redis\n"],
  httpBelow: [
    'http',
    "import { ValidationError } from '../domain'\nimport { logger } from '../server/logger'\nimport { redis } from '../infra/redis'\nexport const probe = [ValidationError, logger, redis]\n",
  ],
} as const satisfies Record<string, readonly [string, string]>

const files = Object.fromEntries(
  Object.entries(PROBES).map(([key, [dir]]) => [key, path.join(root, 'src', dir, `layer-probe-${randomUUID().slice(0, 8)}.ts`)]),
) as Record<keyof typeof PROBES, string>
let found: Record<keyof typeof PROBES, string[]>

// All probes in one ESLint pass: the type-aware rules build the TypeScript program once, not once
// per probe (six passes took 42 s of the unit tests beside the build).
beforeAll(async () => {
  await Promise.all(Object.entries(PROBES).map(([key, [, source]]) => writeFile(files[key as keyof typeof PROBES], source)))
  try {
    const results = await new ESLint({ cwd: root }).lintFiles(Object.values(files))
    const byFile = new Map(results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)]))
    found = Object.fromEntries(Object.entries(files).map(([key, file]) => [key, byFile.get(file) ?? ['fatal: not linted']])) as typeof found
  } finally {
    await removeProbes()
  }
}, 120_000)

function removeProbes(): Promise<unknown> {
  return Promise.all(Object.values(files).map((f) => rm(f, { force: true })))
}

afterAll(removeProbes)

describe('the layer rule', () => {
  it('refuses Payload, the config and the server layer in src/domain', () => {
    expect(found.domain.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2)
    expect(found.domain.filter((m) => m.startsWith('import/no-restricted-paths'))).toHaveLength(2)
  })

  it('refuses a collection in src/infra and src/http', () => {
    expect(found.infra).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*src\/infra never imports collections/)])
    expect(found.http).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*src\/http never imports collections/)])
  })

  it('refuses server code in src/client', () => {
    expect(found.client).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*browser code/)])
  })

  it('lets each layer import the layers below it', () => {
    expect(found.httpBelow).toEqual([])
  })
})
