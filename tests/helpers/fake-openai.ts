/**
 * A fake of OpenAI's Responses API for tests, faked only at the network boundary: a real
 * `node:http` server on 127.0.0.1 that the real `openai` SDK talks to as it would to
 * api.openai.com. Give the SDK `baseURL: fake.url` (`http://127.0.0.1:PORT/v1`; the SDK appends
 * `/responses`).
 *
 * It speaks the wire format the SDK's ResponseStream and ResponseAccumulator parse:
 * `POST /v1/responses` with `Authorization: Bearer <key>` (else 401 `invalid_api_key`, with the
 * key masked as OpenAI masks it); with `stream: true`, server-sent events `event: <type>\ndata:
 * <json>\n\n`, every event with a `sequence_number`, in the order OpenAI sends them:
 *   text:  response.created, response.in_progress, response.output_item.added (message),
 *          response.content_part.added, response.output_text.delta…, response.output_text.done,
 *          response.content_part.done, response.output_item.done, response.completed
 *   call:  response.created, response.in_progress, response.output_item.added (function_call),
 *          response.function_call_arguments.delta…, response.function_call_arguments.done,
 *          response.output_item.done, response.completed
 * `response.completed` carries the whole Response with its `output` (the SDK's finalResponse()
 * is built from it). Without `stream`, the same Response as JSON.
 * Like the real API it refuses (400) what a real request would be refused for: a strict function
 * tool whose schema leaves a property out of `required` or allows additional properties, and a
 * `function_call_output` whose `call_id` no earlier `function_call` in `input` has.
 *
 * What it answers is decided by `script(request)` per request: a function call, text (optionally
 * going silent mid-stream), an HTTP error status, or `hang` (never answer: for timeout tests). Every request is recorded.
 * Limits: no reasoning items, no refusals, no built-in tools, nothing stored (`previous_response_id`
 * is refused), one output item per response.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type {
  Response as OpenAiResponse,
  ResponseFunctionToolCall,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseStreamEvent,
  ResponseUsage,
} from 'openai/resources/responses/responses'

/** The key the fake accepts unless told otherwise. It opens nothing but this fake. */
export const FAKE_OPENAI_KEY = 'sk-test-fake-openai-0123456789abcdef'

export interface FakeOpenAiRequest {
  /** The `input` list as sent (a string input is given as one user message). */
  input: unknown[]
  tools: unknown[]
  instructions?: string
  /** The whole JSON body. */
  body: Record<string, unknown>
  /** The Authorization header as sent. */
  authorization: string | null
  /** What the fake did: a status code, 'stream' (200 SSE), or 'hang'. */
  answer: number | 'stream' | 'hang'
}

export type FakeStep =
  /** The model calls a function. A string is sent as the arguments verbatim (for malformed JSON). */
  | { call: { name: string; arguments: object | string } }
  /**
   * The model writes text, streamed in several deltas. `stallAfter`: after that many deltas the
   * stream goes silent with the connection open (a provider stuck mid-reply).
   */
  | { text: string | ((request: FakeOpenAiRequest) => string); stallAfter?: number }
  /** An HTTP error; the body defaults to OpenAI's error object for that status. */
  | { status: number; body?: object }
  /** Never answer (the connection stays open until the client gives up or the fake closes). */
  | { hang: true }

export interface FakeOpenAiOptions {
  script: (request: FakeOpenAiRequest) => FakeStep
  /** The API key to accept (default FAKE_OPENAI_KEY). */
  apiKey?: string
  port?: number
}

export interface FakeOpenAi {
  /** The base URL for the SDK, e.g. http://127.0.0.1:40123/v1 */
  url: string
  /** Every request received on /v1/responses, in arrival order (also the refused ones). */
  requests: FakeOpenAiRequest[]
  close(): Promise<void>
}

/**
 * The Response as OpenAI sends it: `output_text` is the SDK's own addition (not on the wire),
 * `usage` is null until completed, and `store` is echoed although the SDK's type leaves it out.
 */
type WireResponse = Omit<OpenAiResponse, 'output_text' | 'usage'> & { usage: ResponseUsage | null; store: boolean }
/** A streaming event as sent; events that carry a Response carry the wire form. */
type WireEvent =
  | Exclude<ResponseStreamEvent, { response: OpenAiResponse }>
  | { type: 'response.created' | 'response.in_progress' | 'response.completed'; response: WireResponse; sequence_number: number }

/** Omit over each member of a union (plain Omit would keep only the keys all members share). */
type WithoutSequence<T> = T extends unknown ? Omit<T, 'sequence_number'> : never

const id = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`

function errorBody(status: number, message?: string, extra: { param?: string | null; code?: string | null } = {}): object {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error'
  const fallback: Record<number, string> = {
    400: 'Bad request.',
    401: 'Incorrect API key provided.',
    404: 'The requested resource was not found.',
    429: 'Rate limit reached for requests. Please try again later.',
    500: 'The server had an error while processing your request. Sorry about that!',
    502: 'Bad gateway.',
    503: 'The engine is currently overloaded, please try again later.',
  }
  return { error: { message: message ?? fallback[status] ?? `Error ${status}`, type, param: extra.param ?? null, code: extra.code ?? null } }
}

/** How OpenAI shows a wrong key in its 401 message: the first and last few characters. */
function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}${'*'.repeat(Math.max(key.length - 7, 3))}${key.slice(-4)}`
}

function sendJson(res: ServerResponse, status: number, body: object, requestId: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': requestId, 'openai-version': '2020-10-01' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the real API refuses in a strict function tool's schema (structured outputs' rules for objects). */
function strictSchemaProblem(schema: unknown, context: string[] = []): string | null {
  if (!isRecord(schema)) return null
  const props = isRecord(schema.properties) ? schema.properties : null
  if (schema.type === 'object' || props) {
    if (schema.additionalProperties !== false) {
      return `In context=(${context.map((c) => `'${c}'`).join(', ')}), 'additionalProperties' is required to be supplied and to be false.`
    }
    const required = Array.isArray(schema.required) ? schema.required : []
    for (const key of Object.keys(props ?? {})) {
      if (!required.includes(key)) {
        return `In context=(${context.map((c) => `'${c}'`).join(', ')}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`
      }
    }
    for (const [key, child] of Object.entries(props ?? {})) {
      const problem = strictSchemaProblem(child, [...context, 'properties', key])
      if (problem) return problem
    }
  }
  for (const branch of Array.isArray(schema.anyOf) ? schema.anyOf : []) {
    const problem = strictSchemaProblem(branch, [...context, 'anyOf'])
    if (problem) return problem
  }
  if (schema.items) return strictSchemaProblem(schema.items, [...context, 'items'])
  return null
}

/** A 400 the real API would answer for this body, or null. */
function requestProblem(body: Record<string, unknown>): { message: string; param: string | null; code: string | null } | null {
  if (typeof body.model !== 'string' || !body.model) return { message: "Missing required parameter: 'model'.", param: 'model', code: 'missing_required_parameter' }
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    return { message: `Previous response with id '${String(body.previous_response_id)}' not found.`, param: 'previous_response_id', code: 'previous_response_not_found' }
  }
  if (body.input !== undefined && typeof body.input !== 'string' && !Array.isArray(body.input)) {
    return { message: "Invalid type for 'input': expected one of a string or an array of input items.", param: 'input', code: 'invalid_type' }
  }
  const tools = Array.isArray(body.tools) ? body.tools : []
  for (const [i, tool] of tools.entries()) {
    if (!isRecord(tool) || tool.type !== 'function') continue
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(tool.name)) {
      return { message: `Invalid 'tools[${i}].name'.`, param: `tools[${i}].name`, code: 'invalid_value' }
    }
    if (tool.strict === true) {
      const problem = strictSchemaProblem(tool.parameters)
      if (problem) return { message: `Invalid schema for function '${tool.name}': ${problem}`, param: `tools[${i}].parameters`, code: 'invalid_function_parameters' }
    }
  }
  const callIds = new Set<string>()
  for (const [i, item] of (Array.isArray(body.input) ? body.input : []).entries()) {
    if (!isRecord(item)) return { message: `Invalid 'input[${i}]': expected an object.`, param: `input[${i}]`, code: 'invalid_type' }
    if (item.type === 'function_call' && typeof item.call_id === 'string') callIds.add(item.call_id)
    if (item.type === 'function_call_output') {
      if (typeof item.call_id !== 'string' || !callIds.has(item.call_id)) {
        return { message: `No tool call found for function call output with call_id ${String(item.call_id)}.`, param: 'input', code: null }
      }
      if (typeof item.output !== 'string' && !Array.isArray(item.output)) {
        return { message: `Invalid type for 'input[${i}].output': expected a string or an array.`, param: `input[${i}].output`, code: 'invalid_type' }
      }
    }
  }
  return null
}

/** Splits text into a few deltas the way a model streams tokens: words with their leading space. */
function deltas(text: string): string[] {
  const pieces = text.match(/\s*\S+/g) ?? []
  const out: string[] = []
  for (let i = 0; i < pieces.length; i += 3) out.push(pieces.slice(i, i + 3).join(''))
  const joined = out.join('')
  if (joined.length < text.length) out.push(text.slice(joined.length))
  return out.length ? out : ['']
}

function baseResponse(body: Record<string, unknown>, responseId: string, createdAt: number): WireResponse {
  return {
    id: responseId,
    object: 'response',
    created_at: createdAt,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model: String(body.model),
    output: [],
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: body.store !== false,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: (body.tool_choice ?? 'auto') as WireResponse['tool_choice'],
    tools: (Array.isArray(body.tools) ? body.tools : []) as WireResponse['tools'],
    top_p: 1,
    truncation: 'disabled',
    usage: null,
    metadata: {},
  }
}

function usage(inputTokens: number, outputTokens: number): ResponseUsage {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  }
}

/** The events of one response, in OpenAI's order, and the completed Response. */
function responseEvents(
  step: { call: { name: string; arguments: object | string } } | { text: string },
  body: Record<string, unknown>,
): { events: WireEvent[]; final: WireResponse } {
  const created = baseResponse(body, id('resp'), Math.floor(Date.now() / 1000))
  const events: WireEvent[] = []
  let seq = 0
  const push = (event: WithoutSequence<WireEvent>): void => {
    events.push({ ...event, sequence_number: seq++ } as WireEvent)
  }
  push({ type: 'response.created', response: structuredClone(created) })
  push({ type: 'response.in_progress', response: structuredClone(created) })

  const inputTokens = Math.ceil(JSON.stringify(body.input ?? '').length / 4) + Math.ceil(String(body.instructions ?? '').length / 4)
  let item: ResponseOutputMessage | ResponseFunctionToolCall
  let outputTokens: number
  if ('call' in step) {
    const args = typeof step.call.arguments === 'string' ? step.call.arguments : JSON.stringify(step.call.arguments)
    const itemId = id('fc')
    const callId = `call_${randomBytes(12).toString('hex')}`
    push({ type: 'response.output_item.added', output_index: 0, item: { id: itemId, type: 'function_call', status: 'in_progress', arguments: '', call_id: callId, name: step.call.name } })
    const half = Math.ceil(args.length / 2)
    for (const piece of [args.slice(0, half), args.slice(half)].filter(Boolean)) {
      push({ type: 'response.function_call_arguments.delta', item_id: itemId, output_index: 0, delta: piece })
    }
    push({ type: 'response.function_call_arguments.done', item_id: itemId, output_index: 0, arguments: args, name: step.call.name })
    item = { id: itemId, type: 'function_call', status: 'completed', arguments: args, call_id: callId, name: step.call.name }
    push({ type: 'response.output_item.done', output_index: 0, item })
    outputTokens = Math.ceil(args.length / 4)
  } else {
    const itemId = id('msg')
    push({ type: 'response.output_item.added', output_index: 0, item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } })
    const emptyPart: ResponseOutputText = { type: 'output_text', text: '', annotations: [], logprobs: [] }
    push({ type: 'response.content_part.added', item_id: itemId, output_index: 0, content_index: 0, part: emptyPart })
    for (const delta of deltas(step.text)) {
      push({ type: 'response.output_text.delta', item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] })
    }
    push({ type: 'response.output_text.done', item_id: itemId, output_index: 0, content_index: 0, text: step.text, logprobs: [] })
    const part: ResponseOutputText = { type: 'output_text', text: step.text, annotations: [], logprobs: [] }
    push({ type: 'response.content_part.done', item_id: itemId, output_index: 0, content_index: 0, part })
    item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] }
    push({ type: 'response.output_item.done', output_index: 0, item })
    outputTokens = Math.ceil(step.text.length / 4)
  }
  const final: WireResponse = {
    ...created,
    status: 'completed',
    completed_at: Math.floor(Date.now() / 1000),
    output: [item],
    usage: usage(inputTokens, outputTokens),
  }
  push({ type: 'response.completed', response: final })
  return { events, final }
}

export async function startFakeOpenAi(options: FakeOpenAiOptions): Promise<FakeOpenAi> {
  const apiKey = options.apiKey ?? FAKE_OPENAI_KEY
  const requests: FakeOpenAiRequest[] = []

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${randomBytes(16).toString('hex')}`
    const path = (req.url ?? '/').split('?')[0]
    const raw = await readBody(req)
    if (req.method !== 'POST' || path !== '/v1/responses') {
      sendJson(res, 404, errorBody(404, `Invalid URL (${String(req.method)} ${String(path)})`), requestId)
      return
    }
    let body: Record<string, unknown>
    try {
      const parsed: unknown = JSON.parse(raw)
      if (!isRecord(parsed)) throw new Error('not an object')
      body = parsed
    } catch {
      sendJson(res, 400, errorBody(400, 'We could not parse the JSON body of your request.'), requestId)
      return
    }
    const authorization = req.headers.authorization ?? null
    const input = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : Array.isArray(body.input) ? (body.input as unknown[]) : []
    const request: FakeOpenAiRequest = {
      input,
      tools: Array.isArray(body.tools) ? (body.tools as unknown[]) : [],
      ...(typeof body.instructions === 'string' ? { instructions: body.instructions } : {}),
      body,
      authorization,
      answer: 'stream',
    }
    requests.push(request)

    const given = authorization?.match(/^Bearer (.+)$/)?.[1]
    if (given !== apiKey) {
      request.answer = 401
      const message = given
        ? `Incorrect API key provided: ${maskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`
        : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      sendJson(res, 401, errorBody(401, message, { code: given ? 'invalid_api_key' : null }), requestId)
      return
    }
    const problem = requestProblem(body)
    if (problem) {
      request.answer = 400
      sendJson(res, 400, errorBody(400, problem.message, problem), requestId)
      return
    }

    const step = options.script(request)
    if ('hang' in step) {
      request.answer = 'hang'
      return
    }
    if ('status' in step) {
      request.answer = step.status
      sendJson(res, step.status, step.body ?? errorBody(step.status), requestId)
      return
    }
    const resolved = 'text' in step ? { text: typeof step.text === 'function' ? step.text(request) : step.text } : step
    const { events, final } = responseEvents(resolved, body)
    if (body.stream !== true) {
      request.answer = 200
      sendJson(res, 200, final, requestId)
      return
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': requestId, 'openai-version': '2020-10-01' })
    let deltasSent = 0
    for (const event of events) {
      if (res.destroyed) return
      if (event.type === 'response.output_text.delta' && 'text' in step && step.stallAfter !== undefined && deltasSent++ >= step.stallAfter) {
        request.answer = 'hang'
        return
      }
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
      // A turn of the event loop between events, so the client reads them as separate chunks.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    res.end()
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, `fake-openai: ${String(err)}`), 'req_fake_error')
      else res.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // Hanging requests would keep close() waiting forever.
        server.closeAllConnections()
      }),
  }
}
