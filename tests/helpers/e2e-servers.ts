/**
 * The browser tests' two production servers, as one of Playwright's `webServer` entries
 * (playwright.config.ts): Playwright starts its entries one after another, and the two servers,
 * each about 12–15 s of start-up, would take their turns. Here:
 *
 *   1. `npm run build` unless E2E_PREBUILT=1 (`npm test` built already);
 *   2. migrations, once (the servers do not migrate), then the seed (`--if-empty`): before the
 *      servers start, so no server ever reads or caches what the seed is still writing;
 *   3. at the same time: the main server (E2E_PROD_ENV) and, when E2E_PAYMENTS_ENV is set, the
 *      payments server (online payment on, Stripe faked) on a database and Redis key prefix of
 *      its own (scripts/with-db.ts --throwaway: made, migrated and seeded here, dropped when it
 *      stops), so the payments spec shares no dates, bookings or totals with the other specs and
 *      runs beside them;
 *   4. GET http://127.0.0.1:E2E_SERVERS_READY_PORT/ready answers 200 once every server's
 *      /api/health/ready is 200, and 503 before: Playwright waits for that.
 *
 * A step or server that fails or exits stops the others and this process (exit code 1), so the
 * run fails at once, with the output above. SIGTERM or SIGINT stops the servers (SIGTERM, then
 * SIGKILL after 25 s) and exits. The main server's output (LOG_LEVEL=warn) and every stderr are
 * passed on; the payments server's stdout is not.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'

import { waitForOk } from '../../scripts/prod-server'

const children = new Set<ChildProcess>()
let stopping = false

function envFrom(name: string): Record<string, string> | null {
  const raw = process.env[name]
  return raw ? (JSON.parse(raw) as Record<string, string>) : null
}

/** Runs `args`; settles when it exits: resolved on exit code 0, rejected otherwise. */
function start(label: string, args: string[], env: Record<string, string>, stdout: 'inherit' | 'ignore'): Promise<void> {
  const child = spawn(args[0] ?? '', args.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] })
  children.add(child)
  return new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      children.delete(child)
      if (code === 0) resolve()
      else reject(new Error(`${label} exited (${signal ?? `code ${String(code)}`})`))
    })
  })
}

async function stopAll(exitCode: number): Promise<never> {
  stopping = true
  const exits = [...children].map((child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve()))))
  for (const child of children) child.kill('SIGTERM')
  const killer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL')
  }, 25_000)
  await Promise.all(exits)
  clearTimeout(killer)
  process.exit(exitCode)
}

function fail(err: unknown): void {
  if (stopping) return
  process.stderr.write(`[e2e-servers] ${err instanceof Error ? err.message : String(err)}: stopping the others\n`)
  void stopAll(1)
}

async function main(): Promise<void> {
  const prodEnv = envFrom('E2E_PROD_ENV')
  if (!prodEnv) throw new Error('E2E_PROD_ENV is not set')
  const paymentsEnv = envFrom('E2E_PAYMENTS_ENV')
  const readyPort = Number(process.env.E2E_SERVERS_READY_PORT)
  if (!Number.isInteger(readyPort) || readyPort <= 0) throw new Error('E2E_SERVERS_READY_PORT is not a port')

  let ready = false
  createServer((req, res) => {
    res.statusCode = req.url === '/ready' && ready ? 200 : 503
    res.end()
  }).listen(readyPort, '127.0.0.1')

  const node = (script: string, ...args: string[]) => [process.execPath, '--import', 'tsx', script, ...args]
  if (process.env.E2E_PREBUILT !== '1') await start('npm run build', ['npm', 'run', 'build'], prodEnv, 'inherit')
  await start('migrate', node('scripts/migrate.ts'), prodEnv, 'inherit')
  await start('seed', node('scripts/seed.ts', '--if-empty'), prodEnv, 'inherit')
  const prodBase = prodEnv.PUBLIC_SERVER_URL ?? ''
  const paymentsBase = paymentsEnv?.PUBLIC_SERVER_URL ?? ''
  const servers = [start('the main server', node('src/server.ts'), { ...prodEnv, NODE_ENV: 'production' }, 'inherit')]
  if (paymentsEnv) {
    const then = (script: string, ...args: string[]) => ['--then', ...node(script, ...args)]
    const chain = [...node('scripts/with-db.ts', '--throwaway', '--', ...node('scripts/migrate.ts')), ...then('scripts/seed.ts', '--if-empty'), ...then('src/server.ts')]
    servers.push(start('the payments server', chain, { ...paymentsEnv, NODE_ENV: 'production' }, 'ignore'))
  }
  // A server that ends before this process is told to stop is a failure, whenever it happens.
  for (const server of servers) server.then(() => fail(new Error('a server exited')), fail)
  const gone = () => stopping
  await waitForOk(`${prodBase}/api/health/ready`, 300_000, gone)
  if (paymentsEnv) await waitForOk(`${paymentsBase}/api/health/ready`, 300_000, gone)
  ready = true
  process.stdout.write('[e2e-servers] ready\n')
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stopAll(0))
main().catch(fail)
