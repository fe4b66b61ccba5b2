/**
 * The Lighthouse part of `npm run bench`: Lighthouse 12.2.3 (mobile: its default emulation and
 * simulated throttling) against the benchmark's production server, in Debian's Chromium through
 * chrome-launcher, loopback only. Each page is audited LIGHTHOUSE_RUNS times (default 3), each
 * run in a fresh browser, and the run with the median performance score is reported with the
 * lowest and highest score beside it: on a shared 2-core machine one run says little.
 *
 * The same audit of a reference (scripts/lighthouse-reference: the smallest page this project's
 * Next and React serve, built and started by `next start` here) says what the framework alone
 * scores on this host, the ceiling the pages' scores are read against.
 */
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

import { waitForOk } from './prod-server'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

export interface LighthouseRow {
  path: string
  runs: number
  /** 0–100 per category, from the median run by performance. */
  scores: Record<(typeof CATEGORIES)[number], number>
  performanceMin: number
  performanceMax: number
  lcpMs: number
  tbtMs: number
  cls: number
  /** Whether the back/forward cache audit passed (null: not applicable). */
  bfcache: boolean | null
  /** Lighthouse's own measure of the host's CPU speed (lhr.environment.benchmarkIndex), median of the runs. */
  benchmarkIndex: number
}

interface RunResult {
  scores: LighthouseRow['scores']
  lcpMs: number
  tbtMs: number
  cls: number
  bfcache: boolean | null
  benchmarkIndex: number
}

async function auditOnce(url: string): Promise<RunResult> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'],
  })
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] })
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
    const { lhr } = result
    if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    const score = (id: string): number => Math.round((lhr.categories[id]?.score ?? 0) * 100)
    const numeric = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN
    const bf = lhr.audits['bf-cache']
    return {
      scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
      lcpMs: Math.round(numeric('largest-contentful-paint')),
      tbtMs: Math.round(numeric('total-blocking-time')),
      cls: Math.round(numeric('cumulative-layout-shift') * 1000) / 1000,
      bfcache: bf === undefined || bf.score === null ? null : bf.score === 1,
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    }
  } finally {
    chrome.kill()
  }
}

/** Audits each of `paths` on `base` `runs` times; rows in the order given. */
export async function lighthousePages(base: string, paths: string[], runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<LighthouseRow[]> {
  const rows: LighthouseRow[] = []
  for (const path of paths) {
    const results: RunResult[] = []
    for (let i = 0; i < runs; i += 1) results.push(await auditOnce(`${base}${path}`))
    const byPerformance = [...results].sort((a, b) => a.scores.performance - b.scores.performance)
    const median = byPerformance[Math.floor((byPerformance.length - 1) / 2)]
    if (!median) throw new Error('LIGHTHOUSE_RUNS must be at least 1')
    rows.push({
      path,
      runs,
      scores: median.scores,
      performanceMin: byPerformance[0]?.scores.performance ?? median.scores.performance,
      performanceMax: byPerformance.at(-1)?.scores.performance ?? median.scores.performance,
      lcpMs: median.lcpMs,
      tbtMs: median.tbtMs,
      cls: median.cls,
      bfcache: median.bfcache,
      benchmarkIndex: [...results].map((r) => r.benchmarkIndex).sort((a, b) => a - b)[Math.floor((results.length - 1) / 2)] ?? 0,
    })
  }
  return rows
}

const REFERENCE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lighthouse-reference')
const NEXT_BIN = path.join(REFERENCE_DIR, '../../node_modules/.bin/next')
export const REFERENCE_PATH = 'reference: bare Next page'

/**
 * Builds the reference app (scripts/lighthouse-reference), serves it with `next start` on `port`
 * and audits its one page like the others; the row's path is REFERENCE_PATH.
 */
export async function lighthouseReference(port: number, runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)): Promise<LighthouseRow> {
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }
  const build = spawnSync(NEXT_BIN, ['build'], { cwd: REFERENCE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (build.status !== 0) throw new Error(`building the Lighthouse reference failed (${String(build.status ?? build.signal)})`)
  const server = spawn(NEXT_BIN, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: REFERENCE_DIR, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
  try {
    const base = `http://127.0.0.1:${port}`
    await waitForOk(base, 60_000, () => server.exitCode !== null)
    const [row] = await lighthousePages(base, ['/'], runs)
    if (!row) throw new Error('no Lighthouse row for the reference')
    return { ...row, path: REFERENCE_PATH }
  } finally {
    if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM')
  }
}

/** The BENCHMARKS.md section for `rows` (the reference's row, when given, last). */
export function lighthouseLines(rows: LighthouseRow[], reference?: LighthouseRow): string[] {
  const bf = (v: boolean | null) => (v === null ? 'n/a' : v ? 'pass' : 'fail')
  return [
    '## Lighthouse',
    '',
    `Lighthouse 12.2.3, mobile (its default emulation and simulated throttling), Debian Chromium, the server above; ${rows[0]?.runs ?? 0} runs`,
    'per page, each in a fresh browser: the run with the median performance score, and the lowest and highest score of the runs.',
    'Aim: performance at least 95, the other three 100, CLS at most 0.05. Simulated throttling multiplies the main-thread work',
    "it observes by 4 whatever the host: the host's benchmark index (Lighthouse's own CPU measure) is in the last column.",
    'The last row is the reference (scripts/lighthouse-reference): the smallest page the same Next and React serve, with no',
    'CSS, picture or client code of ours — what the framework alone scores on this host.',
    '',
    '| Page | Performance (min–max) | Accessibility | Best practices | SEO | LCP ms | TBT ms | CLS | bfcache | Benchmark index |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...[...rows, ...(reference ? [reference] : [])].map(
      (r) =>
        `| ${r.path === REFERENCE_PATH ? r.path : `\`${r.path}\``} | ${r.scores.performance} (${r.performanceMin}–${r.performanceMax}) | ${r.scores.accessibility} | ${r.scores['best-practices']} | ${r.scores.seo} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} | ${bf(r.bfcache)} | ${r.benchmarkIndex} |`,
    ),
    '',
  ]
}
