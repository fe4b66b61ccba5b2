/**
 * The plain responder as an Answerer: without OPENAI_API_KEY the chat still answers the common
 * questions (free times, prices, menu, policies) from the same tools and CMS text, and says what
 * it is — an automatic helper, not an AI. Its whole reply is one delta (nothing to stream).
 */
import { respondPlainly } from '../../domain/chat/plain'
import type { Answerer } from './types'

export function createPlainAnswerer(): Answerer {
  return {
    kind: 'plain',
    async answer(input, onDelta) {
      const said = input.history.filter((m) => m.role === 'customer').map((m) => m.text)
      const text = said[said.length - 1] ?? ''
      // The customer's earlier messages fill in what the newest leaves out ("12" after "how many guests?").
      const reply = await respondPlainly({ text, tools: input.tools, grounding: input.grounding, hasBooking: input.hasBooking ?? false, earlier: said.slice(-6, -1) })
      onDelta(reply.text)
      return { text: reply.text, links: reply.links, toolCalls: reply.toolCalls.map((c) => ({ name: c.name, args: c.args, result: c.result })) }
    },
  }
}
