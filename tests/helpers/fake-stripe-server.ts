/**
 * The fake Stripe API (tests/helpers/fake-stripe.ts) as a process of its own, for apps under test
 * that run outside the test runner: Playwright's webServer list and startHelperServer
 * (tests/helpers/processes.ts) start it with `node --import tsx`.
 * FAKE_STRIPE_PORT: the port (default 0, any free one). FAKE_STRIPE_WEBHOOK_URL and
 * STRIPE_WEBHOOK_SECRET: where the hosted page's Pay button delivers the signed
 * `checkout.session.completed` event, and its secret (without both, nothing is delivered).
 * Prints `listening <port>` once ready; SIGTERM or SIGINT closes it and exits 0.
 */
import { startFakeStripe } from './fake-stripe'

const port = Number(process.env.FAKE_STRIPE_PORT || 0)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`FAKE_STRIPE_PORT must be a port number (0-65535), not ${String(process.env.FAKE_STRIPE_PORT)}\n`)
  process.exit(2)
}

const fake = await startFakeStripe({
  port,
  webhookUrl: process.env.FAKE_STRIPE_WEBHOOK_URL || undefined,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || undefined,
})

function stop(): void {
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)

process.stdout.write(`listening ${String(fake.port)}\n`)
