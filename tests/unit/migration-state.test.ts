// What migrate and the seed conclude from payload_migrations (src/server/migration-state.ts), over a
// fake query function: which migrations are pending, a dev-mode push row, and the sentence shown.
import { describe, expect, it } from 'vitest'

import { describeNotReady, readMigrationState, type Queryable } from '../../src/server/migration-state'

const KNOWN = ['20260101_000000_initial', '20260102_000000_core', '20260103_000000_more', '20260104_000000_last']

function fakeDb(table: { name: string; batch: number }[] | null): Queryable {
  return {
    query: async (text) => {
      if (text.includes('to_regclass')) return { rows: [{ exists: table !== null }] }
      return { rows: table ?? [] }
    },
  }
}

describe('migration state', () => {
  it('calls every migration pending on an empty database', async () => {
    const state = await readMigrationState(fakeDb(null), KNOWN)
    expect(state).toEqual({ tableExists: false, applied: [], pending: KNOWN, unknown: [], devPush: false })
    expect(describeNotReady(state)).toBe(
      '4 pending migration(s) (20260101_000000_initial, 20260102_000000_core, 20260103_000000_more and 1 more): run `npm run migrate` first (`npm run dev` and `npm start` do it for you).',
    )
  })

  it('keeps the committed order, and lists migrations the code does not know apart', async () => {
    const state = await readMigrationState(
      fakeDb([
        { name: '20260103_000000_more', batch: 2 },
        { name: '20260101_000000_initial', batch: 1 },
        { name: '20270101_000000_future', batch: 3 },
      ]),
      KNOWN,
    )
    expect(state.applied).toEqual(['20260101_000000_initial', '20260103_000000_more'])
    expect(state.pending).toEqual(['20260102_000000_core', '20260104_000000_last'])
    expect(state.unknown).toEqual(['20270101_000000_future'])
  })

  it('is ready when every committed migration is applied', async () => {
    const state = await readMigrationState(fakeDb(KNOWN.map((name) => ({ name, batch: 1 }))), KNOWN)
    expect(state.pending).toEqual([])
    expect(describeNotReady(state)).toBeUndefined()
  })

  it('refuses a dev-mode push row (batch -1) whatever else is applied, and says what to do', async () => {
    const state = await readMigrationState(fakeDb([...KNOWN.map((name) => ({ name, batch: 1 })), { name: 'dev', batch: -1 }]), KNOWN)
    expect(state.devPush).toBe(true)
    expect(state.applied).toEqual(KNOWN)
    expect(describeNotReady(state)).toMatch(/dev-mode push row \(batch -1\).*DELETE FROM payload_migrations WHERE batch = -1/)
  })
})
