/**
 * The fake Sentry ingest (tests/helpers/fake-sentry.ts) as a process of its own, for apps under
 * test that run outside the test runner (a production server started by hand or by a browser
 * spec). FAKE_SENTRY_PORT: its port (default 0: any free one). Prints
 * `listening <port> dsn <dsn>` once it listens; read what arrived with GET /envelopes. SIGTERM or
 * SIGINT closes it and exits 0. Test-only: it accepts every envelope for project 1 with its key.
 */
import { startFakeSentry } from './fake-sentry'

const port = Number(process.env.FAKE_SENTRY_PORT || 0)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`FAKE_SENTRY_PORT must be a port number (0-65535), not ${String(process.env.FAKE_SENTRY_PORT)}\n`)
  process.exit(2)
}

const fake = await startFakeSentry({ port })
process.stdout.write(`listening ${new URL(fake.url).port} dsn ${fake.dsn()}\n`)

const stop = () => {
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
