/**
 * The AI answerer (src/chat/assistant/openai.ts) against a local fake of OpenAI's Responses API
 * (tests/helpers/fake-openai.ts): the real `openai` SDK over real HTTP, streamed. Proves the tool
 * loop (stateless input, function_call_output items sent back), that prices in the reply come from
 * the tools (an invented one is replaced), that bad tool arguments go back to the model as a
 * refusal, and the failure paths: timeout, circuit breaker, a wrong API key — with the key and the
 * customer's words kept out of the log.
 * The chat tools are a test double of the ChatTools interface with fixed, realistic results.
 */
import { Writable } from 'node:stream'

import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'

import { createOpenAiAnswerer, type OpenAiAnswererOptions } from '../../../src/chat/assistant/openai'
import { AssistantUnavailableError, type AnswerInput } from '../../../src/chat/assistant/types'
import {
  bookingFormHref,
  type AvailabilityResult,
  type ChatGrounding,
  type ChatTools,
  type PolicyResult,
  type QuoteResult,
} from '../../../src/domain/chat/tools'
import { FAKE_OPENAI_KEY, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiRequest, type FakeStep } from '../../helpers/fake-openai'

const GROUNDING: ChatGrounding = {
  businessName: 'MyHibachi',
  timezone: 'America/New_York',
  today: '2026-12-02',
  menu: ['Hibachi Chicken — $12.00 per guest: grilled chicken, fried rice, vegetables', 'Filet Mignon — $18.00 per guest: upgrade from chicken'],
  faq: 'Do you bring the grill? Yes: the chef brings the grill, propane and utensils. You provide tables, chairs and plates.',
  policies: ['Cancel 14 or more days before the party: full refund of the deposit.', 'A $100.00 deposit holds the date.', 'Bookings open up to 180 days ahead.'],
  serviceArea: ['Zone A: 10001, 10002, 10003 (travel fee $25.00)', 'Zone B: 11201, 11215 (travel fee $45.00)'],
  phone: '(212) 555-0147',
}

/** 10 adults × $60.00 + 2 children × $30.00 = $660.00; travel $25.00; tax 8.875% of $660.00 = $58.58. */
const QUOTE_TOTAL = '$743.58'

const CUSTOMER_TEXT = 'Is Saturday Dec 12 free for 10 adults and 2 kids in 10001, and what would it cost?'

/** The ChatTools interface with fixed results, recording what it was asked. */
function fakeTools(): { tools: ChatTools; calls: { name: string; args: unknown }[] } {
  const calls: { name: string; args: unknown }[] = []
  const tools: ChatTools = {
    check_availability(args) {
      calls.push({ name: 'check_availability', args })
      const result: AvailabilityResult = {
        timezone: 'America/New_York',
        guests: args.adults + (args.children ?? 0),
        days: [
          {
            date: args.from,
            label: 'Saturday, December 12',
            times: [
              { time: '17:00', label: '5:00 pm', remaining: 1 },
              { time: '19:30', label: '7:30 pm', remaining: 2 },
            ],
          },
        ],
      }
      return Promise.resolve(result)
    },
    quote(args) {
      calls.push({ name: 'quote', args })
      const result: QuoteResult = {
        guests: { adults: args.adults, children: args.children ?? 0 },
        zip: args.zip ?? null,
        currency: 'usd',
        subtotalCents: 66_000,
        travelFeeCents: 2_500,
        taxCents: 5_858,
        totalCents: 74_358,
        depositCents: 10_000,
        formatted: { subtotal: '$660.00', travelFee: '$25.00', tax: '$58.58', total: QUOTE_TOTAL, deposit: '$100.00' },
        travelFeeKnown: true,
      }
      return Promise.resolve(result)
    },
    cancellation_policy(args) {
      calls.push({ name: 'cancellation_policy', args })
      const result: PolicyResult = {
        tiers: ['Cancel 14 or more days before: full refund', 'Cancel 7 to 13 days before: 50% refund', 'Cancel less than 7 days before: no refund'],
        deposit: 'A $100.00 deposit holds the date and counts toward the total.',
        reschedule: 'You can move the party once, free, up to 7 days before.',
      }
      return Promise.resolve(result)
    },
    start_booking(args) {
      calls.push({ name: 'start_booking', args })
      return Promise.resolve({ link: { label: 'Finish your booking', href: bookingFormHref(args) } })
    },
  }
  return { tools, calls }
}

/** A pino logger writing into memory. */
function memoryLog(): { log: pino.Logger; text: () => string; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  const text = () => chunks.join('')
  return {
    log: pino({ level: 'debug' }, sink),
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

type Item = Record<string, unknown>
const items = (req: FakeOpenAiRequest): Item[] => req.input.filter((i): i is Item => typeof i === 'object' && i !== null)
const outputsOf = (req: FakeOpenAiRequest): unknown[] =>
  items(req)
    .filter((i) => i.type === 'function_call_output')
    .map((i) => JSON.parse(String(i.output)) as unknown)

let fake: FakeOpenAi | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function setup(script: (req: FakeOpenAiRequest) => FakeStep, overrides: Partial<OpenAiAnswererOptions> = {}) {
  fake = await startFakeOpenAi({ script })
  const logs = memoryLog()
  const answerer = createOpenAiAnswerer({
    apiKey: FAKE_OPENAI_KEY,
    baseURL: fake.url,
    model: 'gpt-test',
    timeoutMs: 2_000,
    maxRetries: 0,
    breaker: { failures: 3, cooldownMs: 1_000 },
    log: logs.log,
    ...overrides,
  })
  const double = fakeTools()
  const input = (signal: AbortSignal = new AbortController().signal): AnswerInput => ({
    history: [{ role: 'customer', text: CUSTOMER_TEXT }],
    tools: double.tools,
    grounding: GROUNDING,
    signal,
  })
  return { fake, answerer, logs, double, input }
}

async function unavailable(promise: Promise<unknown>): Promise<AssistantUnavailableError> {
  try {
    await promise
  } catch (err) {
    if (err instanceof AssistantUnavailableError) return err
    throw err
  }
  throw new Error('Expected an AssistantUnavailableError, but the answer succeeded')
}

describe('the AI answerer, against the fake OpenAI', () => {
  it('checks availability, then quotes, then answers with the tools’ own figures, streamed', async () => {
    const { fake, answerer, logs, double, input } = await setup((req) => {
      const outputs = outputsOf(req)
      // Strict tools: a real model sends every field, null for "not given".
      if (outputs.length === 0) return { call: { name: 'check_availability', arguments: { from: '2026-12-12', to: null, adults: 10, children: 2 } } }
      if (outputs.length === 1) {
        return { call: { name: 'quote', arguments: { adults: 10, children: 2, zip: '10001', date: '2026-12-12', time: '17:00' } } }
      }
      return {
        text: (r) => {
          const [availability, quote] = outputsOf(r) as [AvailabilityResult, QuoteResult]
          const day = availability.days[0]
          return (
            `${day?.label ?? ''} has a chef free at ${day?.times.map((t) => t.label).join(' and ') ?? ''}. ` +
            `For 10 adults and 2 children in 10001 the total is ${quote.formatted.total}, including the ${quote.formatted.travelFee} travel fee; ` +
            `a ${quote.formatted.deposit} deposit holds the date.`
          )
        },
      }
    })
    const deltas: string[] = []
    const outcome = await answerer.answer(input(), (d) => deltas.push(d))

    expect(deltas.length).toBeGreaterThan(3)
    expect(deltas.join('')).toBe(outcome.text)
    expect(outcome.text).toContain(QUOTE_TOTAL)
    expect(outcome.text).toContain('5:00 pm')
    expect(outcome.corrected).toBe(false)
    expect(outcome.toolCalls.map((c) => c.name)).toEqual(['check_availability', 'quote'])
    // The nulls of the strict schema are gone before the tools see the arguments.
    expect(double.calls[0]).toEqual({ name: 'check_availability', args: { from: '2026-12-12', adults: 10, children: 2 } })
    expect((outcome.toolCalls[1]?.result as QuoteResult).formatted.total).toBe(QUOTE_TOTAL)

    expect(fake.requests).toHaveLength(3)
    const [first, second, third] = fake.requests as [FakeOpenAiRequest, FakeOpenAiRequest, FakeOpenAiRequest]
    // Stateless: no stored state, the whole input each time.
    for (const req of fake.requests) {
      expect(req.body.store).toBe(false)
      expect(req.body.stream).toBe(true)
      expect(req.body.previous_response_id).toBeUndefined()
      expect(req.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`)
    }
    expect(items(first)).toEqual([{ type: 'message', role: 'user', content: CUSTOMER_TEXT }])
    expect(outputsOf(second)).toHaveLength(1)
    expect(items(second).map((i) => i.type)).toEqual(['message', 'function_call', 'function_call_output'])
    expect(outputsOf(third)).toHaveLength(2)
    expect((outputsOf(third)[1] as QuoteResult).formatted.total).toBe(QUOTE_TOTAL)
    const call = items(second).find((i) => i.type === 'function_call')
    const output = items(second).find((i) => i.type === 'function_call_output')
    expect(output?.call_id).toBe(call?.call_id)

    // The tools as strict function tools, their optional fields required-but-nullable.
    const tools = first.tools as { name: string; strict: boolean; parameters: { required: string[]; properties: Record<string, { type: unknown }> } }[]
    expect(tools.map((t) => t.name)).toEqual(['check_availability', 'quote', 'cancellation_policy', 'start_booking'])
    expect(tools.every((t) => t.strict)).toBe(true)
    const quoteTool = tools.find((t) => t.name === 'quote')
    expect(quoteTool?.parameters.required).toEqual(['adults', 'children', 'zip', 'date', 'time'])
    expect(quoteTool?.parameters.properties.zip?.type).toEqual(['string', 'null'])
    expect(quoteTool?.parameters.properties.adults?.type).toBe('integer')
    // Grounded on the CMS.
    expect(first.instructions).toContain('Hibachi Chicken — $12.00 per guest')
    expect(first.instructions).toContain('Zone A: 10001, 10002, 10003 (travel fee $25.00)')
    expect(first.instructions).toContain('A $100.00 deposit holds the date.')
    expect(first.instructions).toContain('the chef brings the grill')
    expect(first.instructions).toContain('Today is 2026-12-02')

    expect(logs.text()).not.toContain(CUSTOMER_TEXT)
    expect(logs.text()).not.toContain(FAKE_OPENAI_KEY)
  })

  it('replaces a price the model made up with the tool’s own, and never streams it', async () => {
    const { answerer, input } = await setup((req) =>
      outputsOf(req).length === 0
        ? { call: { name: 'quote', arguments: { adults: 10, children: 2, zip: '10001', date: null, time: null } } }
        : { text: 'Great news! For your party of 12 it comes to $650.00 all in, and we can hold the date today.' },
    )
    const deltas: string[] = []
    const outcome = await answerer.answer(input(), (d) => deltas.push(d))

    expect(outcome.corrected).toBe(true)
    expect(outcome.text).not.toContain('$650.00')
    expect(outcome.text).toContain(QUOTE_TOTAL)
    expect(outcome.toolCalls.map((c) => c.name)).toEqual(['quote'])
    // The words before the invented figure may stream; the figure itself never does.
    expect(deltas.join('')).toBe('Great news! For your party of 12 it comes to ')
  })

  it('sends invalid tool arguments back to the model as a refusal, and lets it correct itself', async () => {
    const { fake, answerer, double, input } = await setup((req) => {
      const outputs = outputsOf(req)
      if (outputs.length === 0) return { call: { name: 'quote', arguments: { adults: -3, children: null, zip: '1000', date: null, time: null } } }
      return { text: 'How many adults will be at the party, and what is the ZIP code?' }
    })
    const outcome = await answerer.answer(input(), () => undefined)

    expect(outcome.text).toBe('How many adults will be at the party, and what is the ZIP code?')
    expect(double.calls).toEqual([])
    expect(outcome.toolCalls).toHaveLength(1)
    expect(outcome.toolCalls[0]?.result).toMatchObject({ refused: true, field: 'adults' })
    const [sentBack] = outputsOf(fake.requests[1] as FakeOpenAiRequest) as [{ refused: boolean; field: string; message: string }]
    expect(sentBack.refused).toBe(true)
    expect(sentBack.field).toBe('adults')
    expect(sentBack.message).toMatch(/adults/)
    expect(sentBack.message).toMatch(/zip: A ZIP code has 5 digits/)
  })

  it('gives the booking link start_booking made', async () => {
    const args = { date: '2026-12-12', time: '17:00', adults: 10, children: 2, zip: '10001' }
    const { answerer, input } = await setup((req) =>
      outputsOf(req).length === 0 ? { call: { name: 'start_booking', arguments: args } } : { text: 'Here is the booking form with your details filled in.' },
    )
    const outcome = await answerer.answer(input(), () => undefined)
    expect(outcome.links).toEqual([{ label: 'Finish your booking', href: bookingFormHref(args) }])
    expect(outcome.corrected).toBe(false)
  })

  it('gives up with reason "timeout" when the provider does not answer', async () => {
    const { fake, answerer, input } = await setup(() => ({ hang: true }), { timeoutMs: 300, maxRetries: 1 })
    const started = Date.now()
    const err = await unavailable(answerer.answer(input(), () => undefined))
    expect(err.reason).toBe('timeout')
    // Two attempts of 300 ms and the SDK's backoff between them (at most 500 ms).
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(fake.requests).toHaveLength(2)
  })

  it('gives up with reason "timeout" when the stream goes silent mid-reply (the SDK’s timeout ends at the headers)', async () => {
    const { fake, answerer, input } = await setup(() => ({ text: 'Happy to help! Which date and how many guests are you thinking of?', stallAfter: 1 }), {
      timeoutMs: 300,
    })
    const deltas: string[] = []
    const started = Date.now()
    const err = await unavailable(answerer.answer(input(), (d) => deltas.push(d)))
    expect(err.reason).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(deltas.join('')).toBe('Happy to ')
    expect(fake.requests).toHaveLength(1)
  })

  it('opens the circuit after repeated failures, fails fast without calling, and closes after a good half-open try', async () => {
    let mode: 'fail' | 'ok' = 'fail'
    const { fake, answerer, input } = await setup(() => (mode === 'fail' ? { status: 500 } : { text: 'Happy to help! What date are you thinking of?' }), {
      breaker: { failures: 2, cooldownMs: 300 },
    })

    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('provider_error')
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('provider_error')
    expect(fake.requests).toHaveLength(2)
    expect(answerer.circuit()).toBe('open')

    const started = Date.now()
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('circuit_open')
    expect(Date.now() - started).toBeLessThan(50)
    expect(fake.requests).toHaveLength(2)

    // After the cooldown one try goes through; it fails, so the circuit opens again at once.
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('provider_error')
    expect(fake.requests).toHaveLength(3)
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('circuit_open')
    expect(fake.requests).toHaveLength(3)

    // The provider is back: the next half-open try succeeds and closes the circuit.
    mode = 'ok'
    await new Promise((resolve) => setTimeout(resolve, 350))
    const outcome = await answerer.answer(input(), () => undefined)
    expect(outcome.text).toBe('Happy to help! What date are you thinking of?')
    expect(answerer.circuit()).toBe('closed')
    await answerer.answer(input(), () => undefined)
    expect(fake.requests).toHaveLength(5)
  })

  it('treats a 400 as our own bug: unavailable, logged at error, and not counted by the breaker', async () => {
    const { answerer, logs, input } = await setup(() => ({ status: 400, body: { error: { message: "Invalid value for 'input'.", type: 'invalid_request_error', param: 'input', code: 'invalid_value' } } }), {
      breaker: { failures: 1, cooldownMs: 60_000 },
    })
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('provider_error')
    expect((await unavailable(answerer.answer(input(), () => undefined))).reason).toBe('provider_error')
    expect(answerer.circuit()).toBe('closed')
    const line = logs.lines().find((l) => l.status === 400)
    expect(line?.level).toBe(50)
    expect(line?.param).toBe('input')
  })

  it('fails with a wrong API key (401), not retried, and never logs the key or the customer’s words', async () => {
    const wrongKey = 'sk-live-WRONGkey-9f8e7d6c5b4a3928170655aa'
    const { fake, answerer, logs, input } = await setup(() => ({ text: 'unreachable' }), { apiKey: wrongKey, maxRetries: 2 })
    const err = await unavailable(answerer.answer(input(), () => undefined))
    expect(err.reason).toBe('provider_error')
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]?.answer).toBe(401)
    expect(logs.lines().some((l) => l.status === 401)).toBe(true)
    expect(logs.text()).not.toContain(wrongKey)
    expect(logs.text()).not.toContain(wrongKey.slice(-12))
    expect(logs.text()).not.toContain(CUSTOMER_TEXT)

    // No key at all: the fake answers 401 as OpenAI does, and the answerer refuses to start without one.
    const bare = await fetch(`${fake.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"gpt-test","input":"hi"}' })
    expect(bare.status).toBe(401)
    expect(() => createOpenAiAnswerer({ apiKey: '', model: 'gpt-test', timeoutMs: 1_000, maxRetries: 0, breaker: { failures: 1, cooldownMs: 1 }, log: logs.log })).toThrow(
      /API key is empty/,
    )
  })

  it('stops when the customer leaves, without counting it against the provider', async () => {
    const { answerer, input } = await setup(() => ({ hang: true }), { breaker: { failures: 1, cooldownMs: 60_000 } })
    const leaving = new AbortController()
    setTimeout(() => leaving.abort(), 100)
    const started = Date.now()
    await expect(answerer.answer(input(leaving.signal), () => undefined)).rejects.toMatchObject({ name: 'AbortError' })
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(answerer.circuit()).toBe('closed')
  })
})
