/**
 * What the chat server asks of an answerer (the AI assistant in openai.ts, or the plain responder
 * in src/domain/chat/plain.ts behind plain.ts here): given the conversation so far, the tools and
 * the CMS grounding, produce one reply, streaming its text as it comes.
 */
import type { ChatLink, ChatRole } from '../../domain/chat/protocol'
import type { ChatGrounding, ChatToolName, ChatTools } from '../../domain/chat/tools'

export interface AnswerInput {
  /** The conversation, oldest first, the customer's newest message last (a bounded tail). */
  history: { role: ChatRole; text: string }[]
  tools: ChatTools
  grounding: ChatGrounding
  /** Aborted when the socket closes or the server shuts down. */
  signal: AbortSignal
  /** The conversation belongs to a booking (manage link): its policy questions are about that booking. */
  hasBooking?: boolean
}

export interface ToolCallRecord {
  name: ChatToolName
  args: unknown
  /** The tool's result (or its refusal), exactly as the answerer saw it. */
  result: unknown
}

export interface AnswerOutcome {
  /** The reply's final, authoritative text (it replaces the streamed deltas when they differ). */
  text: string
  links: ChatLink[]
  toolCalls: ToolCallRecord[]
  /** True when the model's own words were replaced because they named a figure no tool gave. */
  corrected?: boolean
}

export interface Answerer {
  kind: 'ai' | 'plain'
  /** `onDelta` gets the reply's text piece by piece while it is written. */
  answer(input: AnswerInput, onDelta: (text: string) => void): Promise<AnswerOutcome>
}

/** The AI provider cannot answer now (down, timing out, circuit open): offer the form and staff instead. */
export class AssistantUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'circuit_open' | 'timeout' | 'provider_error',
  ) {
    super(message)
    this.name = 'AssistantUnavailableError'
  }
}
