// The one WebSocket upgrade dispatcher (src/server/upgrade-router.ts): which path goes where, and
// that a refused socket gets a real HTTP status line and is closed. Sockets are in-memory streams.
import type { IncomingMessage } from 'node:http'
import { Duplex } from 'node:stream'

import pino from 'pino'
import { describe, expect, it } from 'vitest'

import {
  createNextUpgradeStandIn,
  dispatchUpgrades,
  isChatPath,
  isNextPath,
  routeUpgrade,
  upgradePath,
  type UpgradeListener,
  type UpgradeRoute,
} from '../../src/server/upgrade-router'

const silent = pino({ level: 'silent' })

/** A socket that records what is written to it. */
class FakeSocket extends Duplex {
  written = ''
  override _read(): void {
    // Nothing to read: the dispatcher only writes a refusal.
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.written += chunk.toString()
    done()
  }
}

const req = (url: string) => ({ url, headers: {} }) as IncomingMessage

function table(next?: UpgradeListener, chat?: UpgradeListener): UpgradeRoute[] {
  return [
    { name: 'next', matches: isNextPath, handler: () => next, unavailable: 503 },
    { name: 'chat', matches: isChatPath, handler: () => chat },
  ]
}

async function settled(socket: FakeSocket): Promise<void> {
  if (socket.destroyed) return
  await new Promise<void>((resolve) => socket.once('close', () => resolve()))
}

describe('upgrade routing', () => {
  const hmr: UpgradeListener = () => undefined
  const chat: UpgradeListener = () => undefined

  it('sends /_next/ paths (HMR) to Next and /ws/chat to the chat, query strings aside', () => {
    const routes = table(hmr, chat)
    expect(routeUpgrade('/_next/hmr?id=abc', routes)).toMatchObject({ kind: 'route', listener: hmr })
    expect(routeUpgrade('/_next/webpack-hmr', routes)).toMatchObject({ kind: 'route', listener: hmr })
    expect(routeUpgrade('/ws/chat?room=1', routes)).toMatchObject({ kind: 'route', listener: chat })
  })

  it('refuses every other path with 404, and a path that is not one with 400', () => {
    const routes = table(hmr, chat)
    for (const url of ['/', '/admin', '/api/bookings', '/ws/chat/x', '/ws/chatty', '/_nextx', '/book?x=/_next/']) {
      expect(routeUpgrade(url, routes), url).toEqual({ kind: 'reject', status: 404 })
    }
    for (const url of [undefined, '', 'http://evil.test/_next/hmr', '/_next/%E0%A4%A', '/_next/../ws/chat', '/_next/%2e%2e/x']) {
      expect(routeUpgrade(url, routes), String(url)).toEqual({ kind: 'reject', status: 400 })
    }
    expect(upgradePath('/_next/hmr?id=1')).toBe('/_next/hmr')
  })

  it('refuses a reserved path nobody serves yet: /ws/chat with 404, Next before it registered with 503', () => {
    const routes = table(undefined, undefined)
    expect(routeUpgrade('/ws/chat', routes)).toEqual({ kind: 'reject', status: 404, route: 'chat' })
    expect(routeUpgrade('/_next/hmr', routes)).toEqual({ kind: 'reject', status: 503, route: 'next' })
  })
})

describe('the dispatcher on a socket', () => {
  it('hands the socket to exactly one handler and writes nothing itself', () => {
    const calls: string[] = []
    const dispatch = dispatchUpgrades(table((r) => calls.push(`next ${r.url}`), (r) => calls.push(`chat ${r.url}`)), silent)
    const socket = new FakeSocket()
    dispatch(req('/_next/hmr?id=1'), socket, Buffer.alloc(0))
    expect(calls).toEqual(['next /_next/hmr?id=1'])
    expect(socket.written).toBe('')
    expect(socket.destroyed).toBe(false)
  })

  it('answers an unknown path with an HTTP 404 status line, then closes the socket', async () => {
    const socket = new FakeSocket()
    dispatchUpgrades(table(), silent)(req('/ws/other'), socket, Buffer.alloc(0))
    await settled(socket)
    expect(socket.written).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/)
    expect(socket.written.endsWith('\r\n\r\n')).toBe(true)
    expect(socket.destroyed).toBe(true)
  })

  it('answers 503 with Retry-After while shutting down, whatever the path', async () => {
    const socket = new FakeSocket()
    dispatchUpgrades(table(() => undefined), silent, () => true)(req('/_next/hmr'), socket, Buffer.alloc(0))
    await settled(socket)
    expect(socket.written).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*Retry-After: 1\r\n/)
  })

  it('destroys the socket when a handler throws', () => {
    const socket = new FakeSocket()
    const boom: UpgradeListener = () => {
      throw new Error('boom')
    }
    dispatchUpgrades(table(boom), silent)(req('/_next/hmr'), socket, Buffer.alloc(0))
    expect(socket.destroyed).toBe(true)
  })
})

describe("Next's stand-in server", () => {
  it("records the upgrade listener Next attaches, and refuses any other event loudly", () => {
    const standIn = createNextUpgradeStandIn(silent)
    expect(standIn.listener()).toBeUndefined()
    const fn: UpgradeListener = () => undefined
    standIn.httpServer.on('upgrade', fn)
    expect(standIn.listener()).toBe(fn)
    expect(() => standIn.httpServer.on('request', () => undefined)).toThrow(/only 'upgrade' is routed/)
  })
})
