/**
 * The path a request-target names, spelled the way Next and Payload route it (`normalisePath`):
 * the one spelling the rate-limit policies (src/infra/rate-limit.ts) and the metrics' route
 * templates (src/infra/metrics.ts) are matched against. Pure string work; must never throw.
 */

/** Decodes `%XX` escapes of ASCII characters only; a malformed escape (`%ZZ`) or a non-ASCII byte stays as written. Never throws. */
function decodeAsciiEscapes(path: string): string {
  return path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

const SINGLE_DOT = /^(\.|%2e)$/i
const DOUBLE_DOT = /^(\.|%2e){2}$/i

/**
 * The path a request-target names, in the one spelling the policies are written in. In the order
 * the WHATWG URL parser (which Next uses) and Next's router apply them: `\` is a separator; `.`
 * and `..` segments — also spelled `%2e` — are resolved on the raw path; THEN each segment's
 * percent-escapes are decoded once (ASCII only; `%ZZ` stays as written, never throws). An escaped
 * `%2F` or `..` that appears only after decoding is data inside a segment for Next and Payload, so
 * it is not resolved here either: `/api/bookings/manage/a%2F..%2F..%2Fquote/cancel` still reaches
 * the manage endpoint and is still limited as `manage`. Finally lower case (Payload matches
 * endpoint paths case-insensitively), no empty segments (Next redirects `//`), no trailing slash,
 * no query. Spellings that reach no handler may map to a limited path too: then a 404 costs a
 * point, nothing worse. Accepts the absolute form (`http://host/path`).
 */
export function normalisePath(target: string): string {
  let path = target
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    const afterAuthority = path.indexOf('/', path.indexOf('//') + 2)
    path = afterAuthority === -1 ? '/' : path.slice(afterAuthority)
  }
  const parts = (path.split(/[?#]/, 1)[0] ?? '').split(/[/\\]/)
  if (parts[0] === '') parts.shift() // the leading slash
  // Empty segments stay until dots are resolved, as in the URL parser: `/api//../bookings` is
  // `/api/bookings` (the `..` removes the empty segment, not `api`).
  const segments: string[] = []
  for (const segment of parts) {
    if (DOUBLE_DOT.test(segment)) segments.pop()
    else if (!SINGLE_DOT.test(segment)) segments.push(segment)
  }
  const decoded = segments.map((segment) => decodeAsciiEscapes(segment).toLowerCase())
  return `/${decoded.join('/')}`.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
}
