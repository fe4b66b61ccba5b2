/**
 * A second production server of the suite's build, on this run's database, started and stopped by
 * a spec: `src/server.ts` with NODE_ENV=production on a free loopback port, in a process group of
 * its own (stopped with SIGTERM to the group). Ready either when GET /api/health/live answers, or,
 * for a spec that must send nothing before a moment of the start, when its output matches a line.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'

export interface SecondServer {
  base: string
  /** Everything it printed so far (stdout and stderr). */
  output: () => string
  stop: () => Promise<void>
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}



export async function startSecondServer(opts: { env: Record<string, string>; readyWhen: 'live' | RegExp; timeoutMs?: number }): Promise<SecondServer> {
  const port = await freePort()
  const base = `http://localhost:${port}`
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_SERVER_URL: base,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      // Production asks for a mail server; this one sends nothing (no jobs run here).
      SMTP_URL: process.env.SMTP_URL ?? 'smtp://127.0.0.1:9',
      JOBS_ENABLED: 'false',
      CHAT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      NEXT_TELEMETRY_DISABLED: '1',
      ...opts.env,
    },
  })
  let output = ''
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  const stop = async () => {
    if (server.pid && server.exitCode === null) {
      process.kill(-server.pid, 'SIGTERM')
      await exited
    }
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 150_000)
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the second server exited (${server.exitCode}):\n${output}`)
    const ready =
      opts.readyWhen === 'live'
        ? await fetch(`${base}/api/health/live`).then(
            (r) => r.ok,
            () => false,
          )
        : opts.readyWhen.test(output)
    if (ready) return { base, output: () => output, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the second server did not get ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
