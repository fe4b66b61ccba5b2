// Browser tests in Debian's Chromium (`apt-get install -y chromium`), against a production build
// served by the real server (`npm run build && npm start`) on the throw-away database that
// `npm run test:e2e` creates, after the seed has written the settings, menu and pages.
// Screenshots the specs take are kept under test-results/ (git-ignored), never committed.
import { randomBytes } from 'node:crypto'

import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
// E2E_BASE_URL points the specs at a server you already run (e.g. `npm run dev`) instead of a fresh build.
const external = process.env.E2E_BASE_URL || undefined
const baseURL = external ?? `http://localhost:${port}`

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.e2e.spec.ts',
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: external
    ? undefined
    : {
      // The server itself (not `npm start`, which would migrate a second time).
      command: 'npm run build && npx tsx scripts/migrate.ts && npx tsx scripts/seed.ts --if-empty && npx cross-env NODE_ENV=production npx tsx src/server.ts',
      url: `${baseURL}/api/health/ready`,
      timeout: 400_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        PUBLIC_SERVER_URL: baseURL,
        PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
        // The specs make a dozen bookings from one address within a minute.
        RATE_LIMIT_BOOKINGS: '200/60',
        RATE_LIMIT_MANAGE: '200/60',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    },
})
