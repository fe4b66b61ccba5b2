/**
 * Whether this process's chat server is up, for the readiness check: the custom server marks it
 * `starting` before it listens and `up` once /ws/chat answers, so a load balancer (and the e2e
 * runs) send no traffic to an instance whose chat would refuse sockets with 503. A process that is
 * not the custom server (tests calling the API in-process) never marks it, and the check is skipped.
 * Shared through globalThis: the readiness endpoint runs inside Next's bundles.
 */
import { processSingleton } from '../server/process-registry'

export type ChatStatus = 'unknown' | 'starting' | 'up' | 'off'

const holder = () => processSingleton('chat-status', () => ({ status: 'unknown' as ChatStatus }))

export const chatStatus = (): ChatStatus => holder().status
export function setChatStatus(status: ChatStatus): void {
  holder().status = status
}
