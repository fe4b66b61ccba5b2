/**
 * BENCHMARKS.md sections: `npm run soak` and `npm run faults` each replace their own marked block,
 * and `npm run bench`, which rewrites the file, keeps them (scripts/bench-report.ts).
 */
import { describe, expect, it } from 'vitest'

import { keepMarkedSections, markedSections, replaceSection, sectionBlock } from '../../scripts/bench-report'

const bench = '# Benchmarks\n\n| Scenario | p99 |\n| --- | ---: |\n| live | 42 |\n'

describe('benchmark report sections', () => {
  it('appends a section the file does not have yet, after a blank line', () => {
    const out = replaceSection(bench, 'soak', '## Soak\n\nRSS +3 %\n')
    expect(out).toBe(`${bench}\n<!-- section:soak -->\n## Soak\n\nRSS +3 %\n<!-- /section:soak -->\n`)
  })

  it('replaces only its own section and leaves everything around it as it was', () => {
    const once = replaceSection(replaceSection(bench, 'soak', '## Soak\nold'), 'faults', '## Faults\nF')
    const twice = replaceSection(once, 'soak', '## Soak\nnew $& $1')
    expect(twice).toContain('## Soak\nnew $& $1\n<!-- /section:soak -->')
    expect(twice).not.toContain('old')
    expect(twice).toContain(sectionBlock('faults', '## Faults\nF'))
    expect(twice.startsWith(bench)).toBe(true)
    expect([...markedSections(twice).keys()]).toEqual(['soak', 'faults'])
  })

  it('starts a file that does not exist yet with the section alone', () => {
    expect(replaceSection('', 'faults', 'x')).toBe('<!-- section:faults -->\nx\n<!-- /section:faults -->\n')
  })

  it('keeps the other scripts’ sections when bench rewrites the file', () => {
    const previous = replaceSection(replaceSection('# Benchmarks\nold numbers\n', 'soak', 'S'), 'faults', 'F')
    const fresh = '# Benchmarks\nnew numbers\n'
    const out = keepMarkedSections(fresh, previous)
    expect(out).toBe(`${fresh}\n${sectionBlock('soak', 'S')}\n\n${sectionBlock('faults', 'F')}\n`)
    expect(out).not.toContain('old numbers')
    expect(keepMarkedSections(fresh, '# Benchmarks\nno sections\n')).toBe(fresh)
  })

  it('refuses a section name that could not be matched back', () => {
    expect(() => sectionBlock('Soak test', 'x')).toThrow(/section names/)
  })
})
