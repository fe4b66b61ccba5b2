/**
 * Starts this instance's chat: the bus (Redis pub/sub, or in-process without REDIS_URL), the
 * answerer (the AI assistant with OPENAI_API_KEY, else the plain responder) and the WebSocket
 * server, and says in the log which of each it is.
 */
import type { Payload } from 'payload'
import type { Logger } from 'pino'

import { clientIp } from '../infra/rate-limit'
import { env } from '../server/env'
import { createOpenAiAnswerer } from './assistant/openai'
import { createPlainAnswerer } from './assistant/plain'
import type { Answerer } from './assistant/types'
import { createChatBus } from './bus'
import { createChatServer, type ChatServer } from './server'

/** Consecutive failed answers after which the AI is not asked for a while, and how long. */
export const BREAKER = { failures: 5, cooldownMs: 30_000 }

export function chatAnswerer(log: Logger): Answerer {
  const config = env()
  if (!config.OPENAI_API_KEY) return createPlainAnswerer()
  return createOpenAiAnswerer({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    breaker: BREAKER,
    log,
  })
}

/** The origins a chat handshake may come from besides its own host. */
export function chatOrigins(): string[] {
  const config = env()
  return [new URL(config.PUBLIC_SERVER_URL).origin, ...config.CHAT_ALLOWED_ORIGINS]
}

export async function startChat(payload: Payload, log: Logger): Promise<ChatServer> {
  const config = env()
  const bus = await createChatBus({ redisUrl: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, log })
  const answerer = chatAnswerer(log)
  const server = createChatServer({
    payload,
    bus,
    log,
    answerer,
    allowedOrigins: chatOrigins(),
    maxConnectionsPerIp: config.CHAT_MAX_CONNECTIONS_PER_IP,
    messagesPerMinute: config.CHAT_MESSAGES_PER_MINUTE,
    heartbeatMs: config.CHAT_HEARTBEAT_MS,
    secureCookies: config.PUBLIC_SERVER_URL.startsWith('https:'),
    clientIp,
  })
  log.info(
    { assistant: answerer.kind === 'ai' ? `OpenAI ${config.OPENAI_MODEL}` : 'plain responder (OPENAI_API_KEY unset)', fanOut: bus.mode === 'redis' ? 'Redis pub/sub' : 'in-process (REDIS_URL unset: one instance only)' },
    'chat is on at /ws/chat',
  )
  return {
    ...server,
    close: async () => {
      await server.close()
      await bus.close()
    },
  }
}
