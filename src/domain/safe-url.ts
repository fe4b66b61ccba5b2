/**
 * Which link targets the site renders and the rich-text editor saves. One rule, used by both:
 *
 * - allowed: `http:` and `https:` (with a host), `mailto:` and `tel:` (with something after the
 *   colon), and relative URLs that start with `/` (a path on this site), `#` (a place on this
 *   page) or `?` (this page with a query);
 * - protocol-relative URLs (`//example.com/x`) are absolute links to another host over the
 *   page's own scheme (https in production): allowed exactly like `https://example.com/x`;
 * - everything else is refused: `javascript:`, `data:`, `vbscript:`, `file:`, any other scheme,
 *   and scheme-less words such as `www.example.com` or `menu` (ambiguous, and usually a typo for
 *   an absolute URL).
 *
 * The check reads a URL the way a browser's URL parser will (WHATWG URL): control characters and
 * spaces at either end are dropped, tabs and newlines are removed anywhere, schemes are
 * case-insensitive and `\` counts as `/`. So ` JaVaScRiPt:alert(1)` and `java\tscript:alert(1)` are
 * seen for what they are. HTML character references (`javascript&colon;…`, `&#106;avascript:…`)
 * are decoded for a second look, in case the value ever reaches HTML unescaped; the value must
 * pass both looks. Any other control character refuses the URL outright.
 *
 * Pure and framework-free (the global `URL` only): the storefront renderer and the editor's
 * validation both call it, so what the editor accepts is exactly what the site will link.
 */

/** Schemes a link may use. */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/** A URL scheme as the WHATWG parser recognises one: a letter, then letters, digits, `+`, `-`, `.`. */
const SCHEME = /^([a-z][a-z\d+.-]*):/i

/** What an editor is told when a link is refused. */
export const SAFE_HREF_RULE =
  'Links must start with https://, http://, mailto:, tel:, / (a page of this site), # or ?. Other kinds of link (javascript:, data:, file: …) are not allowed.'

/**
 * The href to render for `url`, or `null` when the URL is not one the site links to (render the
 * link's text without a link). The href returned is the URL as the browser would read it: spaces
 * and controls at the ends and tabs/newlines inside removed.
 */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const href = normalize(url)
  if (href === null || !isAllowed(href)) return null
  const decoded = normalize(decodeCharacterReferences(href))
  if (decoded === null || !isAllowed(decoded)) return null
  return href
}

/** True when `url` is a link the site renders (see `safeHref`). */
export function isSafeHref(url: unknown): boolean {
  return safeHref(url) !== null
}

/**
 * What the URL parser does before anything else: strip C0 controls and spaces at both ends,
 * remove every tab and newline. A remaining control character has no business in a link:
 * `null`, as is an empty result.
 */
function normalize(url: string): string | null {
  let start = 0
  let end = url.length
  while (start < end && url.charCodeAt(start) <= 0x20) start += 1
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end -= 1
  let out = ''
  for (let i = start; i < end; i += 1) {
    const code = url.charCodeAt(i)
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue
    if (code < 0x20 || code === 0x7f) return null
    out += url[i]
  }
  return out === '' ? null : out
}

function isAllowed(href: string): boolean {
  const scheme = SCHEME.exec(href)
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase()
    if (!ALLOWED_SCHEMES.has(name)) return false
    if (name === 'http' || name === 'https') return hasHost(href)
    // `mailto:` / `tel:` with nothing after them lead nowhere.
    return href.length > scheme[0].length
  }
  const first = href[0]
  if (first === '#' || first === '?') return true
  if (first === '/' || first === '\\') {
    const second = href[1]
    // `//host/…` (or `/\host`, which browsers read the same) is another host: it must be one.
    if (second === '/' || second === '\\') return hasHost(`https:${href.replace(/\\/g, '/')}`)
    return true
  }
  return false
}

/** An absolute http(s) URL the parser accepts, with a host. */
function hasHost(absolute: string): boolean {
  if (!URL.canParse(absolute)) return false
  return new URL(absolute).hostname !== ''
}

/** The named character references that can spell a scheme, a separator or a control. */
const NAMED_REFERENCES: Record<string, string> = {
  amp: '&',
  bsol: '\\',
  colon: ':',
  newline: '\n',
  num: '#',
  period: '.',
  quest: '?',
  sol: '/',
  tab: '\t',
}

/** Decodes numeric (`&#106;`, `&#x6A;`) and the named references above; leaves the rest alone. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));?/gi, (match, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_REFERENCES[name.toLowerCase()] ?? match
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match
  })
}
