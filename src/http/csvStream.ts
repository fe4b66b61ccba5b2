/**
 * A CSV download streamed page by page: the first page is read before answering (so a bad query
 * is a 4xx, not a broken download), then each further page only when the client has taken the
 * previous one. Never holds more than one page of rows. Escaping is csv-stringify's (RFC 4180
 * quoting); every cell also goes through the domain's formula guard (src/domain/backoffice/csv.ts).
 */
import { stringify } from 'csv-stringify/sync'

import { csvSafeRow } from '../domain'

export interface CsvColumn<T> {
  header: string
  value: (record: T) => unknown
}

export interface CsvPage<T> {
  docs: T[]
  hasNextPage: boolean
}

export async function csvResponse<T>(opts: { filename: string; columns: readonly CsvColumn<T>[]; page: (n: number) => Promise<CsvPage<T>>; onError: (err: unknown) => void }): Promise<Response> {
  const first = await opts.page(1)
  let next: number | undefined = first.hasNextPage ? 2 : undefined
  const encoder = new TextEncoder()
  const rows = (docs: T[]) => encoder.encode(stringify(docs.map((d) => csvSafeRow(d, opts.columns))))
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so Excel reads the file as UTF-8, then the header row and the first page.
      controller.enqueue(encoder.encode('\uFEFF'))
      controller.enqueue(encoder.encode(stringify([opts.columns.map((c) => c.header)])))
      if (first.docs.length > 0) controller.enqueue(rows(first.docs))
      if (next === undefined) controller.close()
    },
    async pull(controller) {
      if (next === undefined) return
      try {
        const page = await opts.page(next)
        if (page.docs.length > 0) controller.enqueue(rows(page.docs))
        next = page.hasNextPage ? next + 1 : undefined
        if (next === undefined) controller.close()
      } catch (err) {
        // Headers are gone: the only way to tell the client is to break the download.
        opts.onError(err)
        controller.error(err)
      }
    },
  })
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${opts.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
