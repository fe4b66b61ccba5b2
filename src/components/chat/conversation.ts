/**
 * What the chat widget shows, as a pure reducer over the connection's events: the timeline
 * (stored messages in id order, assistant replies while they stream, notices such as "Ana from
 * MyHibachi joined"), the messages still waiting for their ack, who is typing, the connection
 * state, and the one line the screen reader announces for each new reply (never each delta).
 *
 * Rules the customer would notice:
 * - a message arrives at most once on screen, whatever the server sends again (ids are unique);
 * - a reply's final text (`done`) replaces what streamed in for that turn, in the same place;
 * - a reply still streaming when the connection drops is removed: the stored reply is sent again
 *   after the reconnect (everything after `since`);
 * - the history sent right after the first connect is not read out.
 * No React, no I/O.
 */
import type { ChatConnectionEvent, ChatConnectionState, OutgoingMessage } from '../../client/chat/connection'
import type { AssistantKind, ChatLink, ChatMessage } from '../../domain/chat/protocol'

export type TimelineItem =
  | { kind: 'message'; key: string; message: ChatMessage }
  | { kind: 'streaming'; key: string; turn: string; text: string }
  | { kind: 'notice'; key: string; tone: 'info' | 'error'; text: string; links: readonly ChatLink[] }

export interface ConversationState {
  businessName: string
  connection: ChatConnectionState
  /** The close code behind the current state, when there is one. */
  closeCode: number | undefined
  assistant: AssistantKind | null
  /** The staff member who took the chat over, while they have it. */
  staff: string | null
  items: readonly TimelineItem[]
  pending: readonly OutgoingMessage[]
  typing: 'assistant' | 'staff' | null
  /** When the last typing frame came (ms): the indicator goes away TYPING_SHOWN_MS after it. */
  typingSince: number
  /** The latest line for the polite live region; `key` changes for every new line. */
  announcement: { key: number; text: string } | null
  /** Until this time (ms), arriving messages are the first connect's history and are not announced. */
  quietUntil: number
  /** True once a `ready` was received: later ones are reconnects, whose catch-up is news. */
  greeted: boolean
  seq: number
}

export type ConversationAction = { type: 'event'; event: ChatConnectionEvent; at: number } | { type: 'typing_expired'; at: number }

/** How long "… is typing" stays without another typing frame or a reply. */
export const TYPING_SHOWN_MS = 15_000

/** How long after the first `ready` arriving messages count as history. */
export const HISTORY_QUIET_MS = 1_500

export function initialConversation(businessName: string): ConversationState {
  return {
    businessName,
    connection: 'connecting',
    closeCode: undefined,
    assistant: null,
    staff: null,
    items: [],
    pending: [],
    typing: null,
    typingSince: 0,
    announcement: null,
    quietUntil: 0,
    greeted: false,
    seq: 0,
  }
}

/** The name shown above a message that is not the customer's own. */
export function authorLabel(message: Pick<ChatMessage, 'role' | 'author'>, businessName: string): string {
  if (message.role === 'customer') return 'You'
  if (message.role === 'staff') return message.author ? `${message.author}, ${businessName}` : businessName
  return businessName
}

function announce(state: ConversationState, text: string): ConversationState {
  return { ...state, seq: state.seq + 1, announcement: { key: state.seq + 1, text } }
}

function addNotice(state: ConversationState, tone: 'info' | 'error', text: string, links: readonly ChatLink[] = []): ConversationState {
  const seq = state.seq + 1
  const notice: TimelineItem = { kind: 'notice', key: `n${seq}`, tone, text, links }
  return announce({ ...state, seq, items: [...state.items, notice] }, text)
}

/** The timeline with `message` in place: replacing the same id, else after the last message with a smaller id. */
export function upsertMessage(items: readonly TimelineItem[], message: ChatMessage): TimelineItem[] {
  const item: TimelineItem = { kind: 'message', key: `m${message.id}`, message }
  const existing = items.findIndex((i) => i.kind === 'message' && i.message.id === message.id)
  if (existing >= 0) return items.map((i, n) => (n === existing ? item : i))
  let at = items.length
  for (let n = items.length - 1; n >= 0; n -= 1) {
    const i = items[n]
    if (i?.kind === 'message' && i.message.id > message.id) at = n
    else if (i?.kind === 'message') break
  }
  return [...items.slice(0, at), item, ...items.slice(at)]
}

function hasMessage(items: readonly TimelineItem[], id: number): boolean {
  return items.some((i) => i.kind === 'message' && i.message.id === id)
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function onFrame(state: ConversationState, frame: Extract<ChatConnectionEvent, { type: 'frame' }>['frame'], at: number): ConversationState {
  switch (frame.type) {
    case 'ready':
      return {
        ...state,
        assistant: frame.assistant,
        staff: frame.staff,
        greeted: true,
        quietUntil: state.greeted ? state.quietUntil : at + HISTORY_QUIET_MS,
      }
    case 'message': {
      const { message } = frame
      const isNew = !hasMessage(state.items, message.id)
      const next: ConversationState = {
        ...state,
        items: upsertMessage(state.items, message),
        typing: message.role === state.typing ? null : state.typing,
      }
      if (!isNew || message.role === 'customer' || at < state.quietUntil) return next
      return announce(next, `${authorLabel(message, state.businessName)}: ${message.text}`)
    }
    case 'delta': {
      const index = state.items.findIndex((i) => i.kind === 'streaming' && i.turn === frame.turn)
      const current = state.items[index]
      const items =
        current?.kind === 'streaming'
          ? state.items.map((i, n) => (n === index ? { ...current, text: current.text + frame.text } : i))
          : [...state.items, { kind: 'streaming' as const, key: `t${frame.turn}`, turn: frame.turn, text: frame.text }]
      return { ...state, items, typing: state.typing === 'assistant' ? null : state.typing }
    }
    case 'done': {
      const { message } = frame
      const isNew = !hasMessage(state.items, message.id)
      const index = state.items.findIndex((i) => i.kind === 'streaming' && i.turn === frame.turn)
      let items: readonly TimelineItem[]
      if (index >= 0 && isNew) {
        // The stored reply takes the streamed one's place, with the authoritative text.
        items = state.items.map((i, n) => (n === index ? { kind: 'message' as const, key: `m${message.id}`, message } : i))
      } else {
        items = upsertMessage(
          state.items.filter((_, n) => n !== index),
          message,
        )
      }
      const next = { ...state, items, typing: state.typing === 'assistant' ? null : state.typing }
      return isNew ? announce(next, `${authorLabel(message, state.businessName)}: ${message.text}`) : next
    }
    case 'typing':
      return { ...state, typing: frame.role, typingSince: at }
    case 'error':
      // A message refused for good is told about by the 'rejected' event, with its own words.
      if (frame.clientId && (frame.code === 'invalid_frame' || frame.code === 'too_big')) return state
      return addNotice(state, 'error', frame.message, frame.links ?? [])
    case 'staff_joined':
      return addNotice({ ...state, staff: frame.name }, 'info', `${frame.name} from ${state.businessName} joined the chat.`)
    case 'staff_left':
      return addNotice({ ...state, staff: state.staff === frame.name ? null : state.staff }, 'info', `${frame.name} left the chat.`)
  }
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  if (action.type === 'typing_expired') {
    return state.typing && action.at - state.typingSince >= TYPING_SHOWN_MS ? { ...state, typing: null } : state
  }
  const { event, at } = action
  switch (event.type) {
    case 'state': {
      const next = { ...state, connection: event.state, closeCode: event.code }
      if (event.state === 'open' || event.state === 'connecting') return next
      // Replies cut off mid-stream come back whole, as stored messages, after the reconnect.
      return { ...next, typing: null, items: state.items.filter((i) => i.kind !== 'streaming') }
    }
    case 'outbox':
      return { ...state, pending: event.pending }
    case 'rejected':
      return addNotice(state, 'error', `Not sent: “${clip(event.message.text, 80)}”. ${event.reason}`)
    case 'frame':
      return onFrame(state, event.frame, at)
  }
}

/** The pending messages not yet shown as stored ones (an ack and its outbox change arrive together). */
export function visiblePending(state: Pick<ConversationState, 'items' | 'pending'>): readonly OutgoingMessage[] {
  if (state.pending.length === 0) return state.pending
  const shown = new Set(state.items.flatMap((i) => (i.kind === 'message' && i.message.clientId ? [i.message.clientId] : [])))
  return state.pending.filter((m) => !shown.has(m.clientId))
}

/** The connection state in the customer's words. */
export function statusText(connection: ChatConnectionState, closeCode: number | undefined): string {
  switch (connection) {
    case 'connecting':
      return 'Connecting…'
    case 'open':
      return 'Connected'
    case 'reconnecting':
      return 'Reconnecting…'
    case 'offline':
      return 'Offline — messages will be sent when you are back'
    case 'closed':
      if (closeCode === 4003) return 'Chat is not available for this page. Reload the page, or contact us another way.'
      if (closeCode === 1008) return 'The chat stopped because of a problem. Messages will be sent when it reconnects.'
      return 'Disconnected'
  }
}

/** Same-site paths only (no `//host`, no `/\host`, which browsers read as another host). */
export function isSitePath(href: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(href)
}
