/**
 * The demo data the seed writes (scripts/seed.ts), one module per kind: business settings, the
 * hibachi menu, two chefs, the site pages (home, menu, faq, contact, policies), and twenty
 * bookings spread over the coming weeks (with the planning of their dates). Pure data and pure
 * date planning (callers pass "today"); must never do I/O. The integration test reads the same
 * names and emails to find what the seed owns.
 */
export * from './bookings'
export * from './chefs'
export * from './menu'
export * from './pages'
export * from './settings'
export * from './slots'
