/**
 * Every variable the environment schema reads is documented: a row of README's configuration
 * table and a line of .env.example (a variable added without its documentation fails here).
 */
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

const source = readFileSync('src/server/env.ts', 'utf8')
const schemaBody = source.slice(source.indexOf('const schema = z.object({'), source.indexOf('\n})', source.indexOf('const schema = z.object({')))
const variables = [...schemaBody.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string)
const readme = readFileSync('README.md', 'utf8')
const example = readFileSync('.env.example', 'utf8')

describe('environment documentation', () => {
  it('finds the schema’s variables', () => {
    expect(variables).toContain('DATABASE_URI')
    expect(variables).toContain('OPENAI_API_KEY')
    expect(variables.length).toBeGreaterThan(40)
  })

  it.each(variables)('%s is in README.md and .env.example', (name) => {
    // README rows may group variables (`RATE_LIMIT_BOOKINGS` / `_QUOTE` …): the suffix after the group's prefix counts.
    const inReadme = readme.includes(`\`${name}\``) || readme.includes(`\`_${name.split('_').slice(2).join('_')}\``) || readme.includes(`\`_${name.split('_').slice(1).join('_')}\``)
    expect(inReadme, `${name} in README.md`).toBe(true)
    expect(new RegExp(`^#?\\s*${name}=`, 'm').test(example), `${name} in .env.example`).toBe(true)
  })
})
