/** Starting helper servers as real child processes (node + tsx loader, so signals reach them). */
import { spawn, type ChildProcess } from 'node:child_process'

export interface Started {
  child: ChildProcess
  port: number
  /** Everything the process wrote to stdout so far (its log lines, at the LOG_LEVEL given). */
  output: () => string
  /** Settles with the exit code when the process ends (by itself or after `stop`). */
  exited: Promise<number | null>
  stop: () => Promise<number | null>
}

export async function startHelperServer(script: string, env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', () => reject(new Error(`${script} exited early: ${out}`)))
  })
  return {
    child,
    port,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
