import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { COMPILE_HINT, markStartupChunks, startupChunks, withCompileHint } from '../../scripts/compile-hints'

const html = [
  '<html><head>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/preloaded-only.js"/>',
  '<script src="/_next/static/chunks/react.js" async=""></script>',
  '<script src="/_next/static/chunks/page.js?dpl=abc" async=""></script>',
  '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
  '<script src="https://example.com/_next/static/chunks/elsewhere.js"></script>',
  '</head><body><script>self.__next_f.push([1,"src=\\"/_next/static/chunks/inline.js\\""])</script>',
  '<script src="/_next/static/chunks/react.js" async=""></script></body></html>',
].join('')

describe('startupChunks', () => {
  it('lists each chunk a page loads with <script src> once, without noModule polyfills, preloads or other hosts', () => {
    expect(startupChunks(html)).toEqual(['react.js', 'page.js'])
  })
})

describe('withCompileHint', () => {
  it('puts the hint on the first line once', () => {
    const once = withCompileHint('(()=>{})()')
    expect(once).toBe(`${COMPILE_HINT}(()=>{})()`)
    expect(withCompileHint(once)).toBe(once)
  })
})

describe('markStartupChunks', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it("marks the prerendered pages' start-up chunks only, and a second run changes nothing", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compile-hints-'))
    mkdirSync(path.join(dir, 'server', 'app'), { recursive: true })
    mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true })
    writeFileSync(path.join(dir, 'server', 'app', 'index.html'), html)
    for (const chunk of ['react.js', 'page.js', 'polyfills.js', 'admin.js']) writeFileSync(path.join(dir, 'static', 'chunks', chunk), `/* ${chunk} */`)
    expect(markStartupChunks(dir)).toEqual({ pages: 1, marked: ['react.js', 'page.js'] })
    const read = (chunk: string) => readFileSync(path.join(dir, 'static', 'chunks', chunk), 'utf8')
    expect(read('react.js')).toBe(`${COMPILE_HINT}/* react.js */`)
    expect(read('polyfills.js')).toBe('/* polyfills.js */')
    expect(read('admin.js')).toBe('/* admin.js */')
    expect(markStartupChunks(dir).marked).toEqual([])
  })

  it('refuses a folder with no prerendered pages', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'compile-hints-'))
    mkdirSync(path.join(dir, 'server', 'app'), { recursive: true })
    expect(() => markStartupChunks(dir)).toThrow(/no prerendered pages/)
  })
})
