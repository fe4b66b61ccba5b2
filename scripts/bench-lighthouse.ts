/**
 * The Lighthouse part of `npm run bench`: Lighthouse 12.2.3 (mobile: its default emulation and
 * simulated throttling) against the benchmark's production server, in Debian's Chromium through
 * chrome-launcher, loopback only. Each page is audited LIGHTHOUSE_RUNS times (default 3), each
 * run in a fresh browser, and the run with the median performance score is reported with the
 * lowest and highest score beside it: on a shared 2-core machine one run says little.
 */
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

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

/** The BENCHMARKS.md section for `rows`. */
export function lighthouseLines(rows: LighthouseRow[]): string[] {
  const bf = (v: boolean | null) => (v === null ? 'n/a' : v ? 'pass' : 'fail')
  return [
    '## Lighthouse',
    '',
    `Lighthouse 12.2.3, mobile (its default emulation and simulated throttling), Debian Chromium, the server above; ${rows[0]?.runs ?? 0} runs`,
    'per page, each in a fresh browser: the run with the median performance score, and the lowest and highest score of the runs.',
    'Aim: performance at least 95, the other three 100, CLS at most 0.05. Simulated throttling multiplies the main-thread work',
    "it observes by 4 whatever the host: the host's benchmark index (Lighthouse's own CPU measure) is in the last column.",
    '',
    '| Page | Performance (min–max) | Accessibility | Best practices | SEO | LCP ms | TBT ms | CLS | bfcache | Benchmark index |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows.map(
      (r) =>
        `| \`${r.path}\` | ${r.scores.performance} (${r.performanceMin}–${r.performanceMax}) | ${r.scores.accessibility} | ${r.scores['best-practices']} | ${r.scores.seo} | ${r.lcpMs} | ${r.tbtMs} | ${r.cls} | ${bf(r.bfcache)} | ${r.benchmarkIndex} |`,
    ),
    '',
  ]
}
