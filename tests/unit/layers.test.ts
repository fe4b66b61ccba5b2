// The layer rule in eslint.config.mjs fails on an upward import: real probe files are written into
// each layer (never committed: removed in `finally`) and linted with the project's own config.
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

import { ESLint } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const probes: string[] = []

async function lintProbe(dir: string, source: string): Promise<string[]> {
  const file = path.join(root, 'src', dir, `layer-probe-${randomUUID().slice(0, 8)}.ts`)
  probes.push(file)
  await writeFile(file, source)
  try {
    const [result] = await new ESLint({ cwd: root }).lintFiles([file])
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)
  } finally {
    await rm(file, { force: true })
  }
}

afterAll(async () => {
  await Promise.all(probes.map((f) => rm(f, { force: true })))
})

describe('the layer rule', { timeout: 120_000 }, () => {
  it('refuses Payload, the config and the server layer in src/domain', async () => {
    const messages = await lintProbe(
      'domain',
      "import type { Payload } from 'payload'\nimport config from '@payload-config'\nimport { logger } from '../server/logger'\nexport const probe = [config, logger] as unknown as Payload\n",
    )
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2)
    expect(messages.filter((m) => m.startsWith('import/no-restricted-paths'))).toHaveLength(2)
  })

  it('refuses a collection in src/infra and src/http', async () => {
    const source = "import { Bookings } from '../collections/Bookings'\nexport const probe = Bookings\n"
    expect(await lintProbe('infra', source)).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*src\/infra never imports collections/)])
    expect(await lintProbe('http', source)).toEqual([expect.stringMatching(/^import\/no-restricted-paths: .*src\/http never imports collections/)])
  })

  it('refuses server code in src/client', async () => {
    expect(await lintProbe('client', "import { redis } from '../infra/redis'\nexport const probe = redis\n")).toEqual([
      expect.stringMatching(/^import\/no-restricted-paths: .*browser code/),
    ])
  })

  it('lets each layer import the layers below it', async () => {
    expect(
      await lintProbe(
        'http',
        "import { ValidationError } from '../domain'\nimport { logger } from '../server/logger'\nimport { redis } from '../infra/redis'\nexport const probe = [ValidationError, logger, redis]\n",
      ),
    ).toEqual([])
  })
})
