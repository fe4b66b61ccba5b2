/**
 * The last step of `npm run build`: marks the JavaScript every storefront page runs at start-up
 * with V8's explicit compile hint, the magic comment `//# allFunctionsCalledOnLoad` on the first
 * line (https://v8.dev/blog/explicit-compile-hints). Chromium then compiles every function in
 * those files on the background thread that streams the script, instead of compiling each one on
 * the main thread the first time it runs.
 *
 * Why: Turbopack wraps each module in a function that runs once, on load, and React DOM's whole
 * bundle is one such function. Profiled on this project's production build (CDP profiler,
 * unthrottled, 3 loads each of `/` and `/book`), the main thread spent 300–370 ms in our pages'
 * scripts without the hint, most of it compiling module factories, and 117–196 ms with it.
 * Browsers without the hint read a comment.
 *
 * Which files: the scripts of the pages the build prerendered (.next/server/app/*.html: the
 * storefront's content pages, /book and the error pages), that is the framework, the layout
 * and those pages' own chunks; not the `noModule` polyfills (modern browsers never load them),
 * not the admin's chunks (large, and most of their functions never run on a given screen), not
 * chunks a page loads later. Run again on the same build, it changes nothing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

/** The chunk file names a page's HTML loads at start-up with `<script src>`, `noModule` scripts left out. */
export function startupChunks(html: string): string[] {
  const chunks = new Set<string>()
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    if (/\snomodule\b/i.test(tag)) continue
    const src = /\ssrc="\/_next\/static\/chunks\/([^"?#/]+\.js)(?:[?#][^"]*)?"/.exec(tag)?.[1]
    if (src) chunks.add(src)
  }
  return [...chunks]
}

/** `source` with the compile hint on its first line; unchanged when it already has it. */
export function withCompileHint(source: string): string {
  return source.startsWith(COMPILE_HINT) ? source : COMPILE_HINT + source
}

/** Marks the start-up chunks of every prerendered page of the build in `nextDir`; returns the files changed. */
export function markStartupChunks(nextDir: string): { pages: number; marked: string[] } {
  const appDir = path.join(nextDir, 'server', 'app')
  const chunksDir = path.join(nextDir, 'static', 'chunks')
  const pages = readdirSync(appDir).filter((f) => f.endsWith('.html'))
  if (pages.length === 0) throw new Error(`no prerendered pages in ${appDir}: run next build first`)
  const chunks = new Set(pages.flatMap((page) => startupChunks(readFileSync(path.join(appDir, page), 'utf8'))))
  const marked: string[] = []
  for (const chunk of chunks) {
    const file = path.join(chunksDir, chunk)
    const source = readFileSync(file, 'utf8')
    const hinted = withCompileHint(source)
    if (hinted === source) continue
    writeFileSync(file, hinted)
    marked.push(chunk)
  }
  return { pages: pages.length, marked }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { pages, marked } = markStartupChunks(process.argv[2] ?? '.next')
  process.stdout.write(`compile hints: ${marked.length} start-up chunks of ${pages} prerendered pages marked\n`)
}
