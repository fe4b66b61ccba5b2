/**
 * Runs in the browser before hydration, on every page, storefront and admin alike (Next's file
 * convention; with the `src/` folder it lives here, beside `app/`). First turns zod's JIT off
 * (src/client/zod-jitless.ts: its eval probe is a CSP violation; must stay the first import), then
 * starts error tracking, which asks the server whether it is on and loads the SDK only then
 * (src/client/error-tracking.ts). Must stay small: it is in every page's first load.
 */
import './client/zod-jitless'
import { routerTransitionStarted, startErrorTracking } from './client/error-tracking'

startErrorTracking()

// Navigation spans when tracing is on (SENTRY_TRACES_SAMPLE_RATE > 0); nothing otherwise.
export function onRouterTransitionStart(url: string, navigationType: 'push' | 'replace' | 'traverse'): void {
  routerTransitionStarted(url, navigationType)
}
