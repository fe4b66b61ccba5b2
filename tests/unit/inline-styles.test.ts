/**
 * The storefront's inlined stylesheets: the build-time loader (scripts/inline-css-loader.cjs)
 * minifies a stylesheet into a module exporting it as a string, and styleHashSource
 * (src/http/security-headers.ts) makes the CSP source that allows exactly that string. The browser
 * test loads every storefront page with zero CSP violations, which proves the two agree on the
 * real build.
 */
import { createRequire } from 'node:module'

import { describe, expect, it } from 'vitest'

import { styleHashSource } from '../../src/http/security-headers'

const require = createRequire(import.meta.url)
const loader = require('../../scripts/inline-css-loader.cjs') as (this: { resourcePath: string }, source: string) => string

/** Runs the loader on `css` and evaluates the module it returns (an `export default "…"`). */
function load(css: string): string {
  const out = loader.call({ resourcePath: '/x/site.css' }, css)
  const match = /^export default (".*")\n$/s.exec(out)
  expect(match, out).not.toBeNull()
  return JSON.parse(match?.[1] ?? '""') as string
}

describe('the inline stylesheet loader', () => {
  it('exports the stylesheet minified: no comments, no needless whitespace, the same rules', () => {
    const css = load('/* the card */\n.card {\n  color: #ff0000;\n  padding: 0px 1rem;\n}\n\n.a, .b { margin: 0 }\n')
    expect(css).toBe('.card{color:red;padding:0 1rem}.a,.b{margin:0}')
  })

  it('fails the build on a stylesheet it cannot parse, rather than inlining it broken', () => {
    expect(() => load('.x { color: red; } }}} @media (')).toThrow()
  })
})

describe('the CSP source of an inline stylesheet', () => {
  it("is 'sha256-' and the base64 SHA-256 of the exact text", () => {
    expect(styleHashSource('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
    expect(styleHashSource('a{color:red}')).not.toBe(styleHashSource('a{color:red} '))
  })
})
