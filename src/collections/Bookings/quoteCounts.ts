/**
 * How many storefront quotes (POST /api/quote) were asked per business day: one counter row per
 * day in Postgres (`quote_counts`, migration 20261203_dashboard), incremented by one upsert. The
 * dashboard compares it with the bookings made. Only a count: nothing about who asked (no address,
 * no party, no IP) is kept.
 * Why Postgres and not Redis: the count must survive restarts and a Redis flush (Redis here is a
 * cache without guaranteed persistence), be shared by every instance (an in-process fallback
 * would count per instance), and sit beside the bookings it is compared with. One small row per
 * day; the upsert is a single statement, atomic under concurrent quotes.
 * A failed count never fails the quote: it is logged and the customer gets their price.
 */
import type { Payload } from 'payload'

import { sql } from '../../infra/db'
import { logger } from '../../server/logger'

const log = logger.child({ module: 'quote-counts' })

type Drizzle = { execute: <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => Promise<{ rows: T[] }> }
const drizzleOf = (payload: Payload) => (payload.db as unknown as { drizzle: Drizzle }).drizzle

/** Adds one quote to `day` (YYYY-MM-DD, business time zone), outside any request transaction. */
export async function countQuote(payload: Payload, day: string): Promise<void> {
  try {
    await drizzleOf(payload).execute(sql`INSERT INTO quote_counts (day, count) VALUES (${day}::date, 1) ON CONFLICT (day) DO UPDATE SET count = quote_counts.count + 1`)
  } catch (err) {
    log.warn({ err }, 'the quote was answered but not counted')
  }
}

/** The counts of the days from `first` to `last` (inclusive); days without quotes are absent. */
export async function quotesByDay(payload: Payload, first: string, last: string): Promise<{ day: string; count: number }[]> {
  const result = await drizzleOf(payload).execute<{ day: string; count: number }>(
    sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, count FROM quote_counts WHERE day BETWEEN ${first}::date AND ${last}::date ORDER BY day`,
  )
  return result.rows.map((r) => ({ day: r.day, count: Number(r.count) }))
}

/** The first business day a quote was counted on (YYYY-MM-DD), or null before the first quote. */
export async function quoteCountingSince(payload: Payload): Promise<string | null> {
  const result = await drizzleOf(payload).execute<{ day: string | null }>(sql`SELECT to_char(min(day), 'YYYY-MM-DD') AS day FROM quote_counts`)
  return result.rows[0]?.day ?? null
}
