/**
 * A request-target whose path holds a malformed percent-escape (`%`, `%ZZ`, `%C0%AE`, `%uD800`) is
 * the client's mistake, but Payload's router throws decoding it and Next answers 500. The server
 * refuses it first with a 400 in Payload's error shape, before Next or Payload see it.
 * Returns true when it answered (the caller must not pass the request on).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Whether every percent-escape in the path (not the query) decodes as UTF-8. */
export function hasDecodablePath(target: string): boolean {
  const path = target.split(/[?#]/, 1)[0] ?? ''
  try {
    decodeURIComponent(path)
    return true
  } catch (err) {
    // decodeURIComponent throws URIError exactly for a malformed escape; anything else is a bug.
    if (err instanceof URIError) return false
    throw err
  }
}

export function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  if (hasDecodablePath(req.url ?? '/')) return false
  res.statusCode = 400
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Cache-Control', 'no-store')
  res.end(JSON.stringify({ errors: [{ name: 'BadRequest', message: 'The URL path holds a malformed percent-escape.' }] }))
  return true
}
