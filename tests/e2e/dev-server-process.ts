/**
 * `npm run dev` for the dev spec, started by the spec itself rather than by Playwright's
 * `webServer` list: Playwright starts those one after another before any test, so the dev
 * server's migrations, seed and start would hold back the production specs. Started here, it
 * boots while they run. playwright.config.ts puts what it needs in E2E_DEV_SERVER (JSON: the
 * port, URL, secret and Redis prefix); without it (E2E_DEV_BASE_URL names a server already
 * running) nothing is started.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface DevServer {
  stop: () => Promise<void>
}

/** The last lines a quiet server wrote, for the error when it never gets ready. */
function tail(lines: string[], chunk: Buffer): void {
  lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
  lines.splice(0, Math.max(0, lines.length - 40))
}

function readyWithin(url: string, ms: number, exited: () => boolean, output: string[]): Promise<void> {
  const started = Date.now()
  let last = 'no answer yet'
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${why}; the last readiness poll: ${last}; its last output lines:\n${output.join('\n')}`))
    const poll = () => {
      if (exited()) return fail('`npm run dev` exited before it was ready')
      if (Date.now() - started > ms) return fail(`\`npm run dev\` was not ready at ${url} within ${ms / 1000} s`)
      fetch(url, { signal: AbortSignal.timeout(120_000) }).then(
        async (res) => {
          if (res.ok) {
            process.stdout.write(`[dev-server] ready after ${Math.round((Date.now() - started) / 1000)} s\n`)
            return resolve()
          }
          last = `${res.status} ${(await res.text()).slice(0, 300)}`
          setTimeout(poll, 1_000)
        },
        (err: unknown) => {
          last = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
          setTimeout(poll, 1_000)
        },
      )
    }
    poll()
  })
}

/** Starts `npm run dev` on a throw-away database of its own (with-db --throwaway) and waits for readiness. */
export async function startDevServer(timeoutMs: number): Promise<DevServer | null> {
  const spec = process.env.E2E_DEV_SERVER
  if (!spec) return null
  const env = JSON.parse(spec) as Record<string, string>
  const child: ChildProcess = spawn('npx', ['tsx', 'scripts/with-db.ts', '--throwaway', '--', 'npm', 'run', 'dev'], {
    env: { ...process.env, ...env },
    // Its own process group, so stop() reaches npm, with-db and the server alike.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Shown as it comes when asked for (E2E_DEV_LOG_LEVEL=info); otherwise kept for the error.
  const quiet = env.LOG_LEVEL === 'warn'
  const output: string[] = []
  child.stdout?.on('data', (c: Buffer) => (quiet ? tail(output, c) : process.stdout.write(c)))
  child.stderr?.on('data', (c: Buffer) => {
    tail(output, c)
    process.stderr.write(c)
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return
    process.kill(-child.pid, 'SIGTERM')
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))])
    if (!killed && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
  }
  try {
    await readyWithin(`${env.PUBLIC_SERVER_URL}/api/health/ready`, timeoutMs, () => child.exitCode !== null, output)
  } catch (err) {
    await stop()
    throw err
  }
  return { stop }
}
