/**
 * Runs in the browser before hydration, on every page (Next's file convention; with the `src/`
 * folder it lives here, beside `app/`). Starts error tracking, which asks the server whether it is
 * on and loads the SDK only then (src/client/error-tracking.ts). Must stay small: it is in every
 * page's first load.
 */
import { routerTransitionStarted, startErrorTracking } from './client/error-tracking'

startErrorTracking()

// Navigation spans when tracing is on (SENTRY_TRACES_SAMPLE_RATE > 0); nothing otherwise.
export function onRouterTransitionStart(url: string, navigationType: 'push' | 'replace' | 'traverse'): void {
  routerTransitionStarted(url, navigationType)
}
