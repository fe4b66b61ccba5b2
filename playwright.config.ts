// Browser tests in Debian's Chromium (`apt-get install -y chromium`), in two projects, each with
// its own server and its own throw-away database:
// - `prod`: a production build served by the real server (`npm run build && npm start`) on the
//   throw-away database that `npm run test:e2e` creates, after the seed has written the settings,
//   menu and pages. Every spec but the dev one. Its mail goes to a local SMTP sink
//   (tests/helpers/smtp-sink-server.ts) that specs read over HTTP (E2E_SMTP_SINK_URL).
// - `dev`: `npm run dev` (Turbopack, HMR) on a second throw-away database made by
//   scripts/with-db.ts --throwaway beside the first — it needs zero users for the
//   create-first-user form, and the prod specs create the first user. Only
//   tests/e2e/dev-server.e2e.spec.ts, which starts that server itself (see E2E_DEV_SERVER below).
// `next dev` writes .next/dev/ and `next build` the rest of .next/ (its clean step keeps dev/), so
// the two servers do not touch each other's files.
// - `payments`: the same build served a second time with online payment on, against a fake of
//   Stripe's API (tests/helpers/fake-stripe-server.ts), on a third throw-away database and Redis
//   prefix of its own (tests/helpers/e2e-servers.ts). Only tests/e2e/payments.e2e.spec.ts.
// Screenshots the specs take are kept under test-results/ (git-ignored), never committed.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'

import { defineConfig, type PlaywrightTestConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
const devPort = Number(process.env.E2E_DEV_PORT ?? port + 1)
// E2E_BASE_URL points the prod specs at a server you already run instead of a fresh build, and
// E2E_DEV_BASE_URL the dev spec at a `npm run dev` you already run (on a database with no users);
// with E2E_BASE_URL set and no E2E_DEV_BASE_URL, the dev project is left out.
const external = process.env.E2E_BASE_URL || undefined
const externalDev = process.env.E2E_DEV_BASE_URL || undefined
const baseURL = external ?? `http://localhost:${port}`
const devBaseURL = externalDev ?? `http://localhost:${devPort}`
const runDev = Boolean(externalDev) || !external
const DEV_SPEC = '**/dev-server.e2e.spec.ts'
const PAYMENTS_SPEC = '**/payments.e2e.spec.ts'
// The first visit to /admin needs a database with no users; every other spec may create the owner
// (support.ts staffToken), so this one runs first, as a project of its own that prod depends on.
const FIRST_RUN_SPEC = '**/foundation.e2e.spec.ts'
// The payments spec: the same production build served a second time, with online payment on and
// Stripe's API faked at the network boundary (tests/helpers/fake-stripe-server.ts), which also
// hosts the "checkout page" and delivers the signed webhook when the customer pays.
const paymentsPort = Number(process.env.E2E_PAYMENTS_PORT ?? port + 2)
const fakeStripePort = Number(process.env.E2E_FAKE_STRIPE_PORT ?? port + 3)
const paymentsBaseURL = `http://localhost:${paymentsPort}`
// The specs make a dozen bookings from one address within a minute, and errors-prod.e2e.spec.ts
// fuzzes bookings, quotes and availability (about 120 each). Both production servers count against
// the same Redis keys (one client address), so both get these limits.
// Staff sign in from several specs (API logins and the admin form, on both production servers):
// the per-address and per-account login limits (20 and 10 per 5 minutes) count them all.
const specLimits = {
  RATE_LIMIT_LOGIN: '1000/300',
  RATE_LIMIT_AUTH: '1000/300',
  RATE_LIMIT_LOGIN_EMAIL: '1000/300',
  RATE_LIMIT_BOOKINGS: '1000/60',
  RATE_LIMIT_QUOTE: '1000/60',
  RATE_LIMIT_AVAILABILITY: '1000/60',
  RATE_LIMIT_MANAGE: '1000/60',
  RATE_LIMIT_WRITES: '1000/60',
}
const stripeEnv = {
  STRIPE_SECRET_KEY: 'sk_test_fake_myhibachi_0000000000000000',
  STRIPE_WEBHOOK_SECRET: 'whsec_test_myhibachi_fake_signing_secret',
  STRIPE_API_BASE: `http://127.0.0.1:${fakeStripePort}`,
}
const secret = process.env.PAYLOAD_SECRET ?? randomBytes(32).toString('hex')
const prebuilt = process.env.E2E_PREBUILT === '1'
if (prebuilt && !external && !existsSync('.next/BUILD_ID')) throw new Error('E2E_PREBUILT=1 but there is no production build in .next/: run `npm run build` first')
// A real SMTP server for the production servers (tests/helpers/smtp-sink-server.ts): the app's
// job runner sends through it, and specs read what arrived over its HTTP API (E2E_SMTP_SINK_URL,
// inherited by the workers). SMTP_URL still points the servers elsewhere when set.
const smtpSinkPort = Number(process.env.E2E_SMTP_SINK_PORT ?? port + 4)
const smtpSinkHttpPort = Number(process.env.E2E_SMTP_SINK_HTTP_PORT ?? port + 5)
// Where tests/helpers/e2e-servers.ts says both production servers are ready (port + 6 is the
// live-chat spec's own server).
const serversReadyPort = Number(process.env.E2E_SERVERS_READY_PORT ?? port + 9)
const smtpUrl = process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpSinkPort}`
if (!external) process.env.E2E_SMTP_SINK_URL ??= `http://127.0.0.1:${smtpSinkHttpPort}`
// `npm run dev` (import map → migrations → seed → dev server) on a database of its own (with-db
// --throwaway makes it beside this run's one and drops it afterwards). Not in `webServer`, which
// Playwright starts one after another before any test: the dev spec starts it itself
// (tests/e2e/dev-server-process.ts), so it boots while the production specs run. This is its
// environment, read there (workers inherit the runner's environment; the config runs in each).
if (runDev && !externalDev) {
  process.env.E2E_DEV_SERVER ??= JSON.stringify({
    PORT: String(devPort),
    PUBLIC_SERVER_URL: devBaseURL,
    // Its own Redis keys: it runs beside the prod specs, whose sign-ins and bookings must not
    // count against its (default) rate limits, nor its cache against theirs.
    REDIS_KEY_PREFIX: `${(process.env.REDIS_KEY_PREFIX ?? 'myhibachi:').slice(0, 30)}e2edev:`,
    PAYLOAD_SECRET: secret,
    // E2E_DEV_LOG_LEVEL=info shows the dev server's log in the run's output.
    LOG_LEVEL: process.env.E2E_DEV_LOG_LEVEL ?? 'warn',
    LOG_PRETTY: 'false',
  })
}

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.e2e.spec.ts',
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  // Two lanes: first-run, then the prod specs one at a time in one lane, and in the other the dev
  // spec and then the payments spec (each with its own server and database: nothing shared with
  // the prod specs). Within a project one spec at a time.
  workers: 2,
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
  projects: [
    { name: 'first-run', testMatch: FIRST_RUN_SPEC, workers: 1, use: { browserName: 'chromium', baseURL } },
    { name: 'prod', testIgnore: [DEV_SPEC, PAYMENTS_SPEC, FIRST_RUN_SPEC], workers: 1, dependencies: ['first-run'], use: { browserName: 'chromium', baseURL } },
    // Playwright runs projects in stages: a project starts only when every project of the stage
    // before has ended. So `dev` and `payments` depend on `first-run` too, putting them in the
    // stage of `prod` (with no dependency they would share first-run's stage, and prod would wait
    // for them). A free worker takes the first waiting spec, in this order, whose project is
    // below its own limit of one: prod's next spec first, so the second lane runs dev (the longest,
    // its server boots while it runs) and then payments.
    ...(runDev ? [{ name: 'dev', testMatch: DEV_SPEC, workers: 1, dependencies: external ? [] : ['first-run'], use: { browserName: 'chromium' as const, baseURL: devBaseURL } }] : []),
    ...(external ? [] : [{ name: 'payments', testMatch: PAYMENTS_SPEC, workers: 1, dependencies: ['first-run'], use: { browserName: 'chromium' as const, baseURL: paymentsBaseURL } }]),
  ],
  // Started one after the other, in this order (Playwright awaits each), and stopped with SIGTERM
  // to their process groups. The two production servers are one entry, which starts them side by side.
  webServer: [
    ...(external
      ? []
      : [
          {
            // First, so the production servers find their mail server up.
            command: 'node --import tsx tests/helpers/smtp-sink-server.ts',
            url: `http://127.0.0.1:${smtpSinkHttpPort}/health`,
            timeout: 60_000,
            reuseExistingServer: false,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
            env: { SMTP_SINK_PORT: String(smtpSinkPort), SMTP_SINK_HTTP_PORT: String(smtpSinkHttpPort) },
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
          },
          {
            command: 'node --import tsx tests/helpers/fake-stripe-server.ts',
            // Unauthenticated API calls answer 401, which Playwright counts as "up".
            url: `http://127.0.0.1:${fakeStripePort}/v1/customers`,
            timeout: 60_000,
            reuseExistingServer: false,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
            env: { FAKE_STRIPE_PORT: String(fakeStripePort), FAKE_STRIPE_WEBHOOK_URL: `${paymentsBaseURL}/api/stripe/webhook`, STRIPE_WEBHOOK_SECRET: stripeEnv.STRIPE_WEBHOOK_SECRET },
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
          },
          {
            // Both production servers of the build (tests/helpers/e2e-servers.ts): migrations and
            // the seed once, then the two servers start side by side, not one after the other.
            // E2E_PREBUILT=1 (set by `npm test`, which built already): serve the build that is there.
            command: 'node --import tsx tests/helpers/e2e-servers.ts',
            url: `http://127.0.0.1:${serversReadyPort}/ready`,
            timeout: 400_000,
            reuseExistingServer: false,
            // The main server's warnings and errors (LOG_LEVEL=warn) in the run's output: one CI run
            // waited the whole 400 s for readiness and printed nothing to say why.
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
            env: {
              E2E_SERVERS_READY_PORT: String(serversReadyPort),
              E2E_PROD_ENV: JSON.stringify({
                PORT: String(port),
                PUBLIC_SERVER_URL: baseURL,
                PAYLOAD_SECRET: secret,
                // Production refuses to start without a mail server: the sink above (its job runner
                // sends the booking emails and the inbox's replies there).
                SMTP_URL: smtpUrl,
                LOG_LEVEL: 'warn',
                ...specLimits,
                NEXT_TELEMETRY_DISABLED: '1',
              }),
              // The same build with online payment on, on a database of its own (e2e-servers.ts).
              E2E_PAYMENTS_ENV: JSON.stringify({
                PORT: String(paymentsPort),
                PUBLIC_SERVER_URL: paymentsBaseURL,
                PAYLOAD_SECRET: secret,
                SMTP_URL: smtpUrl,
                LOG_LEVEL: 'warn',
                NEXT_TELEMETRY_DISABLED: '1',
                ...specLimits,
                ...stripeEnv,
              }),
            },
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 40_000 },
          },
        ]),
  ] satisfies NonNullable<PlaywrightTestConfig['webServer']>,
})
