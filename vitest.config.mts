// Two vitest projects: `unit` (pure rules, no I/O) and `int` (real Postgres, real Redis when
// REDIS_URL is set). `int` expects DATABASE_URI to name a throw-away database: `npm run test:int`
// creates one through scripts/with-db.ts and drops it afterwards.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

import { intWorkers } from './tests/helpers/int-workers'

const root = path.dirname(fileURLToPath(import.meta.url))
const alias = {
  '@payload-config': path.resolve(root, 'payload.config.ts'),
  '@': path.resolve(root, 'src'),
}

const RUNNER_SPEC = 'tests/int/jobs-runner.int.spec.ts'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['tests/int/**/*.int.spec.ts'],
          exclude: [RUNNER_SPEC],
          environment: 'node',
          globalSetup: ['tests/helpers/int-global-setup.ts'],
          // Files run INT_WORKERS (default 2) at a time, each worker on its own copy of the
          // migrated database and its own Redis key prefix (tests/helpers/int-worker-db.ts).
          setupFiles: ['tests/helpers/int-worker-db.ts', 'tests/helpers/int-teardown.ts'],
          maxWorkers: intWorkers(),
          testTimeout: 60_000,
          hookTimeout: 120_000,
          env: { NODE_ENV: 'test' },
        },
      },
      {
        // The two-worker runner test spawns real worker processes on a database of its own and
        // kills one: it runs in a vitest process of its own (`npm run test:int` runs it second),
        // alone, with nothing else loading the machine while it measures the handover.
        resolve: { alias },
        test: {
          name: 'int-runner',
          include: [RUNNER_SPEC],
          environment: 'node',
          globalSetup: ['tests/helpers/int-global-setup.ts'],
          setupFiles: ['tests/helpers/int-teardown.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { NODE_ENV: 'test' },
        },
      },
    ],
  },
})
