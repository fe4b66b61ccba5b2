/**
 * Payload's email adapter, written on nodemailer (the official @payloadcms/email-nodemailer pins
 * another payload version). Two transports:
 * - SMTP_URL set: SMTP to that server, every stage bounded by a timeout, so a dead mail server
 *   fails the request that sends (sign-up, forgot-password) within seconds instead of hanging it.
 * - SMTP_URL unset (development and tests only; src/server/env.ts refuses production without it):
 *   each message is written as an RFC 822 `.eml` file into `<DATA_DIR>/outbox/`, readable with
 *   any mail client, so sign-up and password reset work on a bare machine.
 * A send that fails is remembered (`mailSendFailed`), so a request whose email could not go out
 * (Payload sends the sign-up and password emails inside the request) answers 503
 * `email_unavailable` (src/http/errors.ts), not 500; the error itself is rethrown unchanged, so
 * the message queue still reads its SMTP codes (src/collections/Messages/delivery.ts).
 * Must never log a recipient, a subject or a body: they hold personal data and one-time links.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

import nodemailer from 'nodemailer'
import type { EmailAdapter, SendEmailOptions } from 'payload'

import type { MailAddress } from '../server/env'
import { dataDir } from '../server/local-secret'
import { logger } from '../server/logger'

const log = logger.child({ module: 'email' })

/** Connect, greeting and idle-socket bound for SMTP: long enough for a slow relay, short enough for a request. */
export const SMTP_TIMEOUT_MS = 10_000

export interface EmailOptions {
  /** smtp:// or smtps:// URL; unset means the local outbox folder. */
  smtpUrl?: string
  from: MailAddress
  /** Where outbox files go; default `<DATA_DIR>/outbox`. */
  outboxDir?: string
}

export interface SentEmail {
  messageId: string
  /** Outbox mode only: the `.eml` file written. */
  file?: string
}

const failedSends = new WeakSet<object>()

/** Whether `err` is what a send of this adapter threw: the mail server (or the outbox folder) failed. */
export function mailSendFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && failedSends.has(err)
}

/** Remembers `err` as a failed send and returns it, for rethrowing. */
function failedSend(err: unknown): unknown {
  if (typeof err === 'object' && err !== null) failedSends.add(err)
  return err
}

/** The outbox folder used when no SMTP server is configured. */
export function outboxDir(): string {
  return path.join(dataDir(), 'outbox')
}

export function emailAdapter(options: EmailOptions): EmailAdapter<SentEmail> {
  return () => {
    const defaults = { from: options.from.name ? { name: options.from.name, address: options.from.address } : options.from.address }
    const send = options.smtpUrl ? smtpSender(options.smtpUrl) : outboxSender(options.outboxDir ?? outboxDir())
    return {
      name: options.smtpUrl ? 'smtp' : 'outbox',
      defaultFromAddress: options.from.address,
      defaultFromName: options.from.name,
      sendEmail: (message: SendEmailOptions) => send({ ...message, from: message.from ?? defaults.from }),
    }
  }
}

type Sender = (message: SendEmailOptions) => Promise<SentEmail>

function smtpSender(url: string): Sender {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    dnsTimeout: SMTP_TIMEOUT_MS,
  })
  return async (message) => {
    try {
      const info = await transport.sendMail(message)
      log.info({ messageId: info.messageId, transport: 'smtp' }, 'email sent')
      return { messageId: info.messageId }
    } catch (err) {
      // Only the codes: the server's reply text often quotes the recipient's address.
      const { code, responseCode } = typeof err === 'object' && err !== null ? (err as { code?: unknown; responseCode?: unknown }) : {}
      log.error({ code, responseCode, transport: 'smtp' }, 'email could not be sent')
      throw failedSend(err)
    }
  }
}

function outboxSender(dir: string): Sender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  let announced = false
  return async (message) => {
    const info = await transport.sendMail(message)
    // Sortable by time, unique within the millisecond; the links inside are secrets, so owner-only.
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`)
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      await writeFile(file, info.message, { mode: 0o600 })
    } catch (err) {
      log.error({ err, dir, transport: 'outbox' }, 'email could not be written to the outbox')
      throw failedSend(err)
    }
    if (!announced) {
      announced = true
      log.warn({ dir }, 'SMTP_URL is unset: emails are written to the outbox folder, not sent')
    }
    log.info({ file, transport: 'outbox' }, 'email written to the outbox')
    return { messageId: info.messageId, file }
  }
}
