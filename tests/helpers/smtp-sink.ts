/**
 * A real SMTP server for tests: `smtp-server` on 127.0.0.1 with a free port, no TLS and optional
 * AUTH (nodemailer talks to it as to any relay), every message parsed with `mailparser`.
 * `nextMessageTo(address)` hands out each message once, in arrival order, waiting a bounded
 * time for it. Test-only: it accepts every message and keeps them all in memory.
 */
import type { AddressInfo } from 'node:net'

import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface SinkMessage {
  /** Envelope recipients, lower-case. */
  to: string[]
  subject: string
  html: string
  text: string
  parsed: ParsedMail
}

export interface SmtpSink {
  /** e.g. smtp://127.0.0.1:40123, for SMTP_URL. */
  url: string
  /**
   * Messages held at the end of DATA, unanswered (see `holdAfter`). A held message whose client
   * disconnects is dropped: per SMTP it was never accepted.
   */
  held(): number
  /** Answers every held message "250 accepted" and stops holding for good. */
  releaseAll(): void
  /** Every message received, in order (taken or not). */
  received: SinkMessage[]
  /** The next message to `address` not handed out yet; waits up to `timeoutMs`, then throws. */
  nextMessageTo(address: string, timeoutMs?: number): Promise<SinkMessage>
  /** Stops accepting connections; safe to call twice. */
  close(): Promise<void>
}

const DEFAULT_WAIT_MS = 10_000

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field]
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()))
}

export interface SmtpSinkOptions {
  /** The port to listen on (default 0: any free one). */
  port?: number
  /** After accepting this many messages, hold every further one unanswered until releaseAll(). */
  holdAfter?: number
}

interface HeldMessage {
  sessionId: string
  accept: () => void
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: SinkMessage[] = []
  const taken = new Set<SinkMessage>()
  const waiters = new Set<() => void>()
  const holding: HeldMessage[] = []
  let holdArmed = options.holdAfter !== undefined

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase())
          const accept = () => {
            received.push({
              to: envelope.length > 0 ? envelope : addressesOf(parsed.to),
              subject: parsed.subject ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              text: parsed.text ?? '',
              parsed,
            })
            for (const wake of [...waiters]) wake()
            callback()
          }
          if (holdArmed && received.length >= (options.holdAfter ?? 0)) holding.push({ sessionId: session.id, accept })
          else accept()
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))))
    },
    onClose(session) {
      for (let i = holding.length - 1; i >= 0; i -= 1) if (holding[i]?.sessionId === session.id) holding.splice(i, 1)
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.server.address() as AddressInfo

  let closing: Promise<void> | undefined

  function take(address: string): SinkMessage | undefined {
    const wanted = address.toLowerCase()
    const found = received.find((m) => !taken.has(m) && m.to.includes(wanted))
    if (found) taken.add(found)
    return found
  }

  return {
    url: `smtp://127.0.0.1:${String(port)}`,
    held: () => holding.length,
    releaseAll() {
      holdArmed = false
      for (const h of holding.splice(0)) h.accept()
    },
    received,
    nextMessageTo(address, timeoutMs = DEFAULT_WAIT_MS) {
      const ready = take(address)
      if (ready) return Promise.resolve(ready)
      return new Promise<SinkMessage>((resolve, reject) => {
        const wake = () => {
          const message = take(address)
          if (!message) return
          clearTimeout(timer)
          waiters.delete(wake)
          resolve(message)
        }
        const timer = setTimeout(() => {
          waiters.delete(wake)
          reject(new Error(`no email to ${address} within ${String(timeoutMs)} ms (${String(received.length)} received in all)`))
        }, timeoutMs)
        waiters.add(wake)
      })
    },
    close() {
      // Once: a test may stop the server early (mail server down) and afterAll stops it again.
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()))
      return closing
    },
  }
}
