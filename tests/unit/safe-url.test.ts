/**
 * safeHref: the one rule for which link targets the storefront renders and the editor saves.
 * A table of inputs, then a property checked against Node's own WHATWG URL parser (the parser
 * browsers implement): whatever safeHref lets through resolves to an allowed scheme.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { isSafeHref, safeHref } from '../../src/domain/safe-url'

describe('safeHref allows', () => {
  it.each([
    ['https://example.com', 'https://example.com'],
    ['http://example.com/menu?x=1#top', 'http://example.com/menu?x=1#top'],
    ['HTTPS://Example.com/', 'HTTPS://Example.com/'],
    ['https://example.com/?a=1&amp;b=2', 'https://example.com/?a=1&amp;b=2'],
    ['mailto:hello@myhibachi.example', 'mailto:hello@myhibachi.example'],
    ['MAILTO:hello@myhibachi.example?subject=Party', 'MAILTO:hello@myhibachi.example?subject=Party'],
    ['tel:+12125550147', 'tel:+12125550147'],
    ['/policies', '/policies'],
    ['/', '/'],
    ['#deposit', '#deposit'],
    ['?guests=10', '?guests=10'],
    ['/search?q=a:b', '/search?q=a:b'],
  ])('%j → %j', (input, expected) => {
    expect(safeHref(input)).toBe(expected)
  })

  it('allows a protocol-relative URL: it is an absolute link to another host, like https', () => {
    expect(safeHref('//example.com/menu')).toBe('//example.com/menu')
  })

  it('returns the URL as the browser reads it: spaces at the ends and tabs/newlines inside dropped', () => {
    expect(safeHref('  https://example.com/menu \n')).toBe('https://example.com/menu')
    expect(safeHref('/po\tli\ncies')).toBe('/policies')
  })
})

describe('safeHref refuses', () => {
  it.each([
    // script and other dangerous schemes, however they are spelled
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'JAVASCRIPT:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript\u0000:alert(1)',
    '\u00a0javascript:alert(1)',
    'javascript&colon;alert(1)',
    'javascript&#58;alert(1)',
    'javascript&#x3A;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'java&Tab;script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/png;base64,iVBORw0KGgo=',
    'DATA:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example.com',
    'blob:https://example.com/uuid',
    'about:blank',
    // schemes with nothing useful after them
    'https://',
    'http:///',
    'mailto:',
    'tel:',
    '//',
    '///',
    // not a URL this site links to
    '',
    '   ',
    'www.example.com',
    'menu',
    './menu',
    'ｊａｖａｓｃｒｉｐｔ:alert(1)',
  ])('%j', (input) => {
    expect(safeHref(input)).toBeNull()
    expect(isSafeHref(input)).toBe(false)
  })

  it.each([undefined, null, 42, {}, ['https://example.com']])('a non-string (%j)', (input) => {
    expect(safeHref(input)).toBeNull()
  })
})

describe('safeHref agrees with the URL parser browsers use', () => {
  const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:'])
  const base = 'https://myhibachi.example/faq'
  // Strings made of the characters that matter for schemes and their obfuscation.
  const tricky = fc.string({
    unit: fc.constantFrom(...'javscriptJAVSCRIPThtpsmailoTEL:/\\#?&;x0123456789 \t\n\r\u0000\u0001\u007f.-+'.split('')),
    maxLength: 24,
  })
  const prefixed = fc.tuple(fc.constantFrom('', ' ', 'javascript:', 'JaVaScRiPt:', 'data:', 'https:', '//', '/', 'java\tscript:'), tricky).map(([a, b]) => a + b)

  it('never lets through a URL that resolves to another scheme', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, prefixed, fc.string()), (input) => {
        const href = safeHref(input)
        if (href === null) return
        // A URL the parser rejects is an inert link; one it accepts must use an allowed scheme.
        if (!URL.canParse(href, base)) return
        expect(ALLOWED.has(new URL(href, base).protocol)).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })
})
