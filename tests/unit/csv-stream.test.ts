import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'

import { csvResponse } from '../../src/http/csvStream'

const columns = [
  { header: 'id', value: (r: { id: number; name: string }) => r.id },
  { header: 'name', value: (r: { id: number; name: string }) => r.name },
]

describe('a streamed CSV download', () => {
  it('reads a page only when the previous one has been taken, and ends after the last', async () => {
    const asked: number[] = []
    const res = await csvResponse({
      filename: 'x.csv',
      columns,
      page: async (n) => {
        asked.push(n)
        return { docs: [{ id: n, name: n === 2 ? '=2+2, "two"' : `row ${n}` }], hasNextPage: n < 3 }
      },
      onError: (err) => {
        throw err
      },
    })
    // Only the first page before anything is read: a bad query fails before the headers.
    expect(asked).toEqual([1])
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="x.csv"')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(asked).toEqual([1, 2, 3])
    // A UTF-8 byte-order mark first, so Excel reads the names right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('id,name\n')).toBe(true)
    expect(parse(text, { columns: true })).toEqual([
      { id: '1', name: 'row 1' },
      { id: '2', name: `'=2+2, "two"` },
      { id: '3', name: 'row 3' },
    ])
  })

  it('breaks the download off when a later page fails, and says so', async () => {
    const errors: unknown[] = []
    const res = await csvResponse({
      filename: 'x.csv',
      columns,
      page: async (n) => {
        if (n === 2) throw new Error('database went away')
        return { docs: [{ id: n, name: 'a' }], hasNextPage: true }
      },
      onError: (err) => errors.push(err),
    })
    await expect(res.text()).rejects.toThrow('database went away')
    expect(errors).toHaveLength(1)
  })

  it('fails before answering when the first page fails', async () => {
    await expect(csvResponse({ filename: 'x.csv', columns, page: () => Promise.reject(new Error('bad where')), onError: () => undefined })).rejects.toThrow('bad where')
  })
})
