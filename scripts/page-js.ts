/**
 * `npx tsx scripts/page-js.ts`: each content page's own JavaScript, from the build output (run
 * after `npm run build`). The build writes each static page's HTML to .next/server/app/<page>.html
 * (rendered without content, but with the page's script tags, read by compile-hints'
 * startupChunks); the chunks every one of those
 * pages loads are the shared framework (Next.js, React, the layout), and a page's own JavaScript
 * is the rest of its chunks, gzipped at level 9 from .next/static/chunks/. Chunks a page fetches
 * later (the booking form's later steps, loaded when the browser is idle) are not in its HTML and
 * not counted. Prints one line per page; exits 1 when /book's own JavaScript is over 15 kB gzip.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

import { startupChunks } from './compile-hints'

const BOOK_BUDGET_BYTES = 15_000
const app = path.join('.next', 'server', 'app')
const pages: Record<string, string> = { '/': 'index', '/menu': 'menu', '/faq': 'faq', '/contact': 'contact', '/policies': 'policies', '/book': 'book' }

// The scripts a browser loads at start-up (not the noModule polyfills modern browsers skip).
const chunksOf = (file: string): Set<string> => new Set(startupChunks(readFileSync(path.join(app, `${file}.html`), 'utf8')))
const gzip = (chunk: string): number => gzipSync(readFileSync(path.join('.next', 'static', 'chunks', chunk)), { level: 9 }).length

// A page the build rendered as a 404 (/faq: no published page without content) has the 404's chunks, not its own.
const statusOf = (file: string): number => (JSON.parse(readFileSync(path.join(app, `${file}.meta`), 'utf8')) as { status?: number }).status ?? 200
const byPage: { route: string; chunks: Set<string> }[] = []
for (const [route, file] of Object.entries(pages)) {
  if (statusOf(file) === 200) byPage.push({ route, chunks: chunksOf(file) })
  else process.stdout.write(`${route.padEnd(10)} skipped: the build rendered it as a ${statusOf(file)}\n`)
}
const shared = [...(byPage[0]?.chunks ?? [])].filter((c) => byPage.every((p) => p.chunks.has(c)))
const sharedBytes = shared.reduce((sum, c) => sum + gzip(c), 0)
process.stdout.write(`shared by every content page: ${shared.length} chunks, ${(sharedBytes / 1000).toFixed(1)} kB gzip\n`)
let book = 0
for (const { route, chunks } of byPage) {
  const own = [...chunks].filter((c) => !shared.includes(c))
  const bytes = own.reduce((sum, c) => sum + gzip(c), 0)
  if (route === '/book') book = bytes
  process.stdout.write(`${route.padEnd(10)} own ${(bytes / 1000).toFixed(1)} kB gzip (${own.join(', ') || 'none'})\n`)
}
if (book > BOOK_BUDGET_BYTES) {
  process.stdout.write(`/book's own JavaScript is over ${BOOK_BUDGET_BYTES / 1000} kB gzip\n`)
  process.exit(1)
}
