/**
 * BENCHMARKS.md is shared by several scripts: `npm run bench` writes the file as a whole, and
 * `npm run soak` and `npm run faults` each own one marked section in it:
 *
 *   <!-- section:soak -->
 *   ## Soak
 *   …
 *   <!-- /section:soak -->
 *
 * `writeSection` replaces that block (or appends it at the end), leaving the rest of the file as it
 * was; `keepMarkedSections(fresh, readBenchmarks())` is how bench.ts rewrites the file without
 * losing the other scripts' blocks. Pure string functions, plus the file's reader and one writer.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

export const BENCHMARKS_FILE = 'BENCHMARKS.md'

const NAME = /^[a-z0-9-]+$/
const open = (name: string) => `<!-- section:${name} -->`
const close = (name: string) => `<!-- /section:${name} -->`
const BLOCK = /<!-- section:([a-z0-9-]+) -->\n[\s\S]*?\n<!-- \/section:\1 -->/g

function assertName(name: string): void {
  if (!NAME.test(name)) throw new Error(`section names are lower-case letters, digits and dashes: "${name}"`)
}

/** The marked block for `name` around `body` (without trailing newlines of its own). */
export function sectionBlock(name: string, body: string): string {
  assertName(name)
  return `${open(name)}\n${body.replace(/\n+$/, '')}\n${close(name)}`
}

/** Every marked block in `text`, by name, in the order they appear. */
export function markedSections(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of text.matchAll(BLOCK)) out.set(m[1] as string, m[0])
  return out
}

/** `text` with the block `name` replaced by one around `body`, or with that block appended (after a blank line). */
export function replaceSection(text: string, name: string, body: string): string {
  const block = sectionBlock(name, body)
  const existing = markedSections(text).get(name)
  if (existing !== undefined) return text.replace(existing, () => block)
  const head = text.replace(/\n+$/, '')
  return head === '' ? `${block}\n` : `${head}\n\n${block}\n`
}

/** `fresh` (a wholesale rewrite) plus every marked block of `previous` that `fresh` does not have. */
export function keepMarkedSections(fresh: string, previous: string): string {
  const have = markedSections(fresh)
  let out = fresh
  for (const [name, block] of markedSections(previous)) {
    if (have.has(name)) continue
    out = `${out.replace(/\n+$/, '')}\n\n${block}\n`
  }
  return out
}

/** The file's text, or '' when there is none yet. */
export function readBenchmarks(file = BENCHMARKS_FILE): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

/** Replaces (or appends) one marked section of the file. */
export function writeSection(name: string, body: string, file = BENCHMARKS_FILE): void {
  writeFileSync(file, replaceSection(readBenchmarks(file), name, body))
}
