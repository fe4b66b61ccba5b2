/**
 * A TCP proxy in front of a real service (Postgres, Redis) that a test or a fault script can cut
 * and restore, or slow down, to see how the app behaves when the service goes away, comes back or
 * answers late — without stopping or slowing the machine's shared server.
 * - `cut()`: existing connections are destroyed and new ones are refused until `restore()`.
 * - `setLatency(ms)` (or `latencyMs` at start): every chunk the service sends back is held `ms`
 *   before it is passed on, in order, so each request/answer round trip takes `ms` longer (what a
 *   slow or overloaded database looks like to its client). Applies at once to open connections;
 *   `setLatency(0)` ends it (chunks already held still arrive at their time, never reordered).
 */
import net from 'node:net'

export interface TcpProxy {
  port: number
  cut: () => void
  restore: () => void
  /** The delay added to every chunk the service sends from now on (0: none). */
  setLatency: (ms: number) => void
  close: () => Promise<void>
}

export interface TcpProxyOptions {
  /** Initial added latency per chunk from the service to the client, in ms (default 0). */
  latencyMs?: number
}

export async function startTcpProxy(targetHost: string, targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  let up = true
  let latencyMs = options.latencyMs ?? 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    if (!up) {
      client.destroy()
      return
    }
    const upstream = net.connect(targetPort, targetHost)
    sockets.add(client)
    sockets.add(upstream)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    client.pipe(upstream)
    // Service → client goes through a delay line: a chunk leaves at its arrival + latency, and
    // never before the chunk ahead of it (so lowering the latency cannot reorder the stream).
    let lastRelease = 0
    upstream.on('data', (chunk: Buffer) => {
      if (latencyMs <= 0 && lastRelease <= Date.now()) {
        if (!client.destroyed) client.write(chunk)
        return
      }
      const releaseAt = Math.max(Date.now() + latencyMs, lastRelease)
      lastRelease = releaseAt
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk)
      }, releaseAt - Date.now())
    })
    // The service's end and close reach the client after the chunks still held.
    const later = (fn: () => void) => setTimeout(fn, Math.max(0, lastRelease - Date.now()))
    upstream.on('end', () =>
      later(() => {
        if (!client.destroyed) client.end()
      }),
    )
    upstream.on('close', () => later(drop))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('proxy did not bind')
  return {
    port: address.port,
    cut: () => {
      up = false
      for (const s of sockets) s.destroy()
      sockets.clear()
    },
    restore: () => {
      up = true
    },
    setLatency: (ms: number) => {
      latencyMs = Math.max(0, ms)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A proxy in front of the service a URL names, and the same URL pointing through the proxy. */
export async function proxyUrl(url: string, defaultPort: number, options: TcpProxyOptions = {}): Promise<{ proxy: TcpProxy; url: string }> {
  const real = new URL(url)
  const proxy = await startTcpProxy(real.hostname, Number(real.port || defaultPort), options)
  const via = new URL(real)
  via.hostname = '127.0.0.1'
  via.port = String(proxy.port)
  return { proxy, url: via.toString() }
}
