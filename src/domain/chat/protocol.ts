/**
 * The storefront chat's wire protocol: typed JSON frames, checked with zod discriminated unions
 * in BOTH directions (the server parses what the widget sends; the widget parses what the server
 * sends and drops anything else). One frame per WebSocket text message.
 *
 * Client → server:
 *   hello    first frame: `since` (the last message id the widget has; the server sends what came
 *            after it), `manage` (a manage-link token, when the widget is on a booking's page)
 *   message  a customer's words, with a client id the server deduplicates (a queued message sent
 *            twice after a reconnect is stored once and answered once)
 *   typing   the customer is typing (shown to staff who took the chat over)
 * Server → client:
 *   ready    answer to hello: who answers (assistant kind or a staff member's name)
 *   message  a stored turn (the customer's own, echoed with its id; the assistant's; staff's)
 *   delta    a piece of the assistant's reply while it streams (`turn` names the reply)
 *   done     the assistant's reply is complete: the stored message, whose text is authoritative
 *            (it replaces the streamed deltas when they differ)
 *   typing   staff or the assistant is writing
 *   error    something went wrong with a frame or a limit; `code` is machine-readable
 *   staff_joined / staff_left   a staff member took the chat over, or handed it back
 * Pure: no I/O.
 */
import { z } from 'zod'

/** Longest customer message, in characters. */
export const CHAT_MESSAGE_MAX = 2_000
/** Largest frame the server reads, in bytes (a message at its longest, JSON-escaped, fits). */
export const CHAT_FRAME_MAX_BYTES = 16 * 1024
/** Client message ids: what a browser's crypto.randomUUID() or a counter-based id looks like. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/** WebSocket close codes the chat uses (RFC 6455 §7.4 and the 4000–4999 private range). */
export const CHAT_CLOSE = {
  /** Server going away (restart, deploy): reconnect. */
  goingAway: 1001,
  /** A frame that is not a valid protocol frame, repeatedly. */
  protocolError: 1008,
  /** A frame over CHAT_FRAME_MAX_BYTES. */
  tooBig: 1009,
  /** Too many frames too fast on one connection. */
  rateLimited: 4008,
  /** The conversation cannot be opened: a bad or expired manage token, an unknown origin. Do not retry. */
  forbidden: 4003,
  /** Too many connections from one address. Retry later. */
  tooManyConnections: 4029,
  /** No heartbeat answer: the connection was dead. */
  dead: 4000,
} as const

/** Close codes after which the widget must not reconnect on its own. */
export const NO_RETRY_CLOSE_CODES: readonly number[] = [CHAT_CLOSE.forbidden, CHAT_CLOSE.protocolError]

/** Who answers the chat: the AI assistant, the plain responder (no AI configured), or nobody automatic (provider down). */
export const ASSISTANT_KINDS = ['ai', 'plain', 'unavailable'] as const
export type AssistantKind = (typeof ASSISTANT_KINDS)[number]

export const CHAT_ROLES = ['customer', 'assistant', 'staff'] as const
export type ChatRole = (typeof CHAT_ROLES)[number]

const clientId = z.string().regex(CLIENT_ID_PATTERN, { message: 'clientId must be 8–64 letters, digits, - or _' })
const messageId = z.number().int().min(1).max(2_147_483_647)

export const clientFrameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('hello'),
      since: messageId.optional(),
      manage: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('message'),
      clientId,
      text: z
        .string()
        .trim()
        .min(1, { message: 'Write a message' })
        .max(CHAT_MESSAGE_MAX, { message: `A message may be at most ${CHAT_MESSAGE_MAX} characters` }),
    })
    .strict(),
  z.object({ type: z.literal('typing') }).strict(),
])
export type ClientFrame = z.infer<typeof clientFrameSchema>

/** A link the reply offers (the booking form pre-filled, the menu, a policy page). Same-site paths only. */
export const chatLinkSchema = z
  .object({
    label: z.string().min(1).max(100),
    href: z
      .string()
      .max(500)
      // A path on this site: one leading slash, no second slash or backslash after it (browsers read
      // "//x" and "/\\x" as another host), no whitespace or backslash anywhere.
      .regex(/^\/(?![/\\])[^\s\\]*$/, { message: 'Links are paths on this site' }),
  })
  .strict()
export type ChatLink = z.infer<typeof chatLinkSchema>

export const chatMessageSchema = z
  .object({
    id: messageId,
    role: z.enum(CHAT_ROLES),
    text: z.string().max(20_000),
    /** ISO timestamp of when it was stored. */
    at: z.string(),
    /** The customer's own messages carry back the id the widget gave them. */
    clientId: clientId.optional(),
    /** Staff messages: the first name shown ("Ana"). */
    author: z.string().max(100).optional(),
    links: z.array(chatLinkSchema).max(5).optional(),
  })
  .strict()
export type ChatMessage = z.infer<typeof chatMessageSchema>

export const CHAT_ERROR_CODES = ['invalid_frame', 'rate_limited', 'too_big', 'assistant_unavailable', 'not_ready', 'internal'] as const
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number]

export const serverFrameSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('ready'),
      assistant: z.enum(ASSISTANT_KINDS),
      /** Set while a staff member has taken the chat over. */
      staff: z.string().max(100).nullable(),
      /** True when the conversation belongs to a signed-in customer or a booking (not anonymous). */
      known: z.boolean(),
    })
    .strict(),
  z.object({ type: z.literal('message'), message: chatMessageSchema }).strict(),
  z.object({ type: z.literal('delta'), turn: z.string().max(64), text: z.string().max(20_000) }).strict(),
  z.object({ type: z.literal('done'), turn: z.string().max(64), message: chatMessageSchema }).strict(),
  z.object({ type: z.literal('typing'), role: z.enum(['assistant', 'staff']) }).strict(),
  z
    .object({
      type: z.literal('error'),
      code: z.enum(CHAT_ERROR_CODES),
      message: z.string().max(500),
      /** The field of the frame that was wrong, when one was. */
      field: z.string().max(100).optional(),
      /** The client id of the message it is about, when it is about one. */
      clientId: clientId.optional(),
      /** Offer these instead (the booking form, the contact page) when the assistant is down. */
      links: z.array(chatLinkSchema).max(5).optional(),
    })
    .strict(),
  z.object({ type: z.literal('staff_joined'), name: z.string().max(100) }).strict(),
  z.object({ type: z.literal('staff_left'), name: z.string().max(100) }).strict(),
])
export type ServerFrame = z.infer<typeof serverFrameSchema>

export type ParsedFrame<T> = { ok: true; frame: T } | { ok: false; field: string; message: string }

/** Parses one text frame: JSON, then the schema. Never throws. */
export function parseFrame<T>(schema: z.ZodType<T>, raw: string): ParsedFrame<T> {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return { ok: false, field: '', message: 'A frame must be JSON' }
  }
  const result = schema.safeParse(json)
  if (result.success) return { ok: true, frame: result.data }
  const issue = result.error.issues[0]
  return { ok: false, field: issue ? issue.path.join('.') : '', message: issue?.message ?? 'Invalid frame' }
}

export const parseClientFrame = (raw: string): ParsedFrame<ClientFrame> => parseFrame(clientFrameSchema, raw)
export const parseServerFrame = (raw: string): ParsedFrame<ServerFrame> => parseFrame(serverFrameSchema, raw)
