/**
 * Writes the demo data of ./data through Payload's Local API, idempotently, one module per thing
 * it seeds:
 * - the pictures (./seedMedia.ts: original illustrations in ./images, uploaded by file name),
 * - settings global (./seedSettings.ts), menu items by name (./seedMenu.ts), chefs by email
 *   (./seedChefs.ts, only once an admin exists) and pages by slug (./seedPages.ts) are upserted:
 *   created when missing, updated when they differ from the seed values, left alone otherwise
 *   (so a second run writes nothing and adds no versions);
 * - bookings (./seedBookings.ts) are keyed by contact email and go through the booking rules
 *   like any other booking; an existing one is skipped.
 * Every write passes `context: { skipPurge: true }` (a fresh object each time: Payload uses it as
 * the request's context, which hooks write to), and the run purges the caches once at the end
 * (./purge.ts), even when a step failed half-way. Must never lift more than collection and field
 * access (`overrideAccess`): hooks and database triggers run as for any write.
 */
import type { Payload } from 'payload'
import type { Logger } from 'pino'

import { todayInZone } from '../domain'
import { tally, type Tally } from './compare'
import { blackoutDates, TIMEZONE } from './data'
import { purgeSeeded } from './purge'
import { bookingTally, seedBookings, type BookingTally } from './seedBookings'
import { seedChefs, type ChefTally } from './seedChefs'
import { seedMedia } from './seedMedia'
import { seedMenu } from './seedMenu'
import { seedPages } from './seedPages'
import { seedSettings } from './seedSettings'

export type { Tally } from './compare'

export interface SeedSummary {
  skipped: boolean
  settings: 'written' | 'unchanged' | 'skipped'
  media: Tally
  menuItems: Tally
  chefs: ChefTally
  pages: Tally
  bookings: BookingTally
}

export interface SeedOptions {
  /** Seed only when there are no menu items and no bookings at all. */
  ifEmpty?: boolean
  /** The clock (tests); defaults to now. */
  now?: Date
  log: Logger
}

export async function runSeed(payload: Payload, opts: SeedOptions): Promise<SeedSummary> {
  const { log } = opts
  const summary: SeedSummary = {
    skipped: false,
    settings: 'skipped',
    media: tally(),
    menuItems: tally(),
    chefs: { ...tally(), skippedNoAdmin: false },
    pages: tally(),
    bookings: bookingTally(),
  }
  if (opts.ifEmpty) {
    const [menu, bookings] = await Promise.all([
      payload.count({ collection: 'menu-items', overrideAccess: true }),
      payload.count({ collection: 'bookings', overrideAccess: true }),
    ])
    if (menu.totalDocs > 0 || bookings.totalDocs > 0) return { ...summary, skipped: true }
  }
  const today = todayInZone(opts.now ?? new Date(), TIMEZONE)
  let mark = performance.now()
  const phase = (name: string) => {
    const at = performance.now()
    log.debug({ phase: name, ms: Math.round(at - mark) }, 'seed phase done')
    mark = at
  }
  try {
    summary.settings = await seedSettings(payload, today)
    phase('settings')
    const pictures = await seedMedia(payload, summary.media)
    phase('media')
    const menuIds = await seedMenu(payload, summary.menuItems, pictures)
    phase('menu')
    const chefIds = await seedChefs(payload, summary.chefs, log)
    phase('chefs')
    await seedPages(payload, summary.pages, pictures)
    phase('pages')
    const blackouts = blackoutDates(today).map((b) => b.date)
    await seedBookings({ payload, log, menuIds, chefIds, summary: summary.bookings }, today, blackouts)
    phase('bookings')
  } finally {
    // One purge for everything written (the hooks skipped theirs), also after a failed step.
    await purgeSeeded()
    phase('purge')
  }
  return summary
}
