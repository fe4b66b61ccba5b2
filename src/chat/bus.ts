/**
 * Chat fan-out between app instances. A chat turn is SAVED FIRST (a `messages` row), then its id
 * is published; the instance holding the customer's socket reads the row and sends it. Redis
 * pub/sub is at-most-once (a subscriber that is reconnecting misses events), so nothing depends on
 * an event arriving: the widget resyncs with `since=<last id>` on every reconnect.
 *
 * With REDIS_URL: one channel, `<REDIS_KEY_PREFIX>chat:events`; every chat server subscribes on a
 * connection of its own (a subscribed connection can do nothing else), and publishes on another.
 * Without it: an in-process emitter shared by the custom server and the Next bundles (the staff
 * endpoints run inside Next's bundles, the sockets in the server), which is all one instance needs.
 */
import { EventEmitter } from 'node:events'

import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { z } from 'zod'

import { env } from '../server/env'
import { logger } from '../server/logger'
import { processSingleton } from '../server/process-registry'
import { sharedRedis } from '../infra/redis'

const id = z.number().int().positive()
export const chatEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), threadId: id, messageId: id }).strict(),
  z.object({ kind: z.literal('staff'), threadId: id, joined: z.boolean(), name: z.string().max(100) }).strict(),
])
export type ChatEvent = z.infer<typeof chatEventSchema>

export interface ChatBus {
  /** Sends an event to every chat server (this one included). Never throws: a lost event is resynced. */
  publish(event: ChatEvent): Promise<void>
  /** Calls `listener` for every event; returns the unsubscribe function. */
  subscribe(listener: (event: ChatEvent) => void): () => void
  /** 'redis' or 'memory'. */
  readonly mode: 'redis' | 'memory'
  close(): Promise<void>
}

const channelName = (prefix: string) => `${prefix}chat:events`
const local = () => processSingleton('chat-bus-local', () => new EventEmitter().setMaxListeners(0))

function parseEvent(raw: string, log: Logger): ChatEvent | undefined {
  try {
    const parsed = chatEventSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return parsed.data
    log.warn({ issue: parsed.error.issues[0]?.message }, 'chat bus: ignored a malformed event')
  } catch (err) {
    log.warn({ err }, 'chat bus: ignored an event that is not JSON')
  }
  return undefined
}

/**
 * The bus of one chat server. `redisUrl` undefined → in-process. Subscribing waits for the
 * subscriber's `ready` (a duplicate connection, as ioredis requires for pub/sub).
 */
export async function createChatBus(options: { redisUrl?: string; prefix?: string; log?: Logger } = {}): Promise<ChatBus> {
  const log = (options.log ?? logger).child({ module: 'chat-bus' })
  const listeners = new Set<(event: ChatEvent) => void>()
  const deliver = (event: ChatEvent) => {
    for (const l of listeners) {
      try {
        l(event)
      } catch (err) {
        log.error({ err }, 'chat bus listener threw')
      }
    }
  }
  if (!options.redisUrl) {
    const emitter = local()
    emitter.on('event', deliver)
    return {
      mode: 'memory',
      publish: async (event) => {
        emitter.emit('event', event)
      },
      subscribe: (l) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
      close: async () => {
        emitter.off('event', deliver)
        listeners.clear()
      },
    }
  }

  const channel = channelName(options.prefix ?? env().REDIS_KEY_PREFIX)
  const common = { enableOfflineQueue: true, maxRetriesPerRequest: 1, retryStrategy: (times: number) => Math.min(times * 200, 2_000), connectTimeout: 2_000 }
  const publisher = new Redis(options.redisUrl, { ...common, enableOfflineQueue: false })
  // The subscriber re-subscribes by itself after a reconnect (ioredis autoResubscribe).
  const subscriber = new Redis(options.redisUrl, common)
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    let last = ''
    client.on('error', (err: Error) => {
      if (err.message !== last) log.error({ err, connection: name }, 'chat bus redis error')
      last = err.message
    })
    client.on('ready', () => {
      if (last) log.info({ connection: name }, 'chat bus redis connection restored')
      last = ''
    })
  }
  subscriber.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return
    const event = parseEvent(raw, log)
    if (event) deliver(event)
  })
  try {
    await subscriber.subscribe(channel)
  } catch (err) {
    // Redis down at start: ioredis keeps trying and subscribes once it is back; clients resync meanwhile.
    log.warn({ err }, 'chat bus: could not subscribe yet; events from other instances arrive once Redis is back')
  }
  return {
    mode: 'redis',
    publish: async (event) => {
      try {
        await publisher.publish(channel, JSON.stringify(event))
      } catch (err) {
        // At-most-once by design: deliver here at least, the other instances' widgets resync on reconnect.
        log.warn({ err, kind: event.kind }, 'chat bus: publish failed; delivered on this instance only')
        deliver(event)
      }
    },
    subscribe: (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    close: async () => {
      listeners.clear()
      await Promise.allSettled([subscriber.quit(), publisher.quit()])
    },
  }
}

/**
 * Publishes from code that has no bus of its own (the inbox endpoints inside Next's bundles), on
 * the process's shared Redis client, or the in-process emitter without Redis. Never throws.
 */
export async function publishChatEvent(event: ChatEvent): Promise<void> {
  const log = logger.child({ module: 'chat-bus' })
  const client = await sharedRedis()
  if (!client) {
    local().emit('event', event)
    return
  }
  try {
    await client.publish(channelName(env().REDIS_KEY_PREFIX), JSON.stringify(event))
  } catch (err) {
    log.warn({ err, kind: event.kind }, 'chat bus: publish failed; the widget shows it after its next reconnect')
  }
}
