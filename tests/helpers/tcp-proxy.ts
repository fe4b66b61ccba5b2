/**
 * A TCP proxy in front of a real service (Postgres here) that a test can cut and restore, to see
 * how the app behaves when the database goes away and comes back — without stopping the machine's
 * shared server. While cut, existing connections are destroyed and new ones are refused.
 */
import net from 'node:net'

export interface TcpProxy {
  port: number
  cut: () => void
  restore: () => void
  close: () => Promise<void>
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let up = true
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
    upstream.on('close', drop)
    client.pipe(upstream)
    upstream.pipe(client)
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A proxy in front of the service a URL names, and the same URL pointing through the proxy. */
export async function proxyUrl(url: string, defaultPort: number): Promise<{ proxy: TcpProxy; url: string }> {
  const real = new URL(url)
  const proxy = await startTcpProxy(real.hostname, Number(real.port || defaultPort))
  const via = new URL(real)
  via.hostname = '127.0.0.1'
  via.port = String(proxy.port)
  return { proxy, url: via.toString() }
}
