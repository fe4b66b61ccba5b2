/**
 * How often an open chat thread refreshes itself (ChatLiveRefresh.tsx): every 2 s while the
 * customer's chat window is open, every 10 s while it is not (to notice them coming back), and
 * never while the staff member's tab is hidden (a background tab must not keep the server busy).
 * Pure: browser code with no I/O, unit-tested.
 */

/** While the chat window is open: new messages show within about this long. */
export const LIVE_REFRESH_MS = 2_000
/** While the chat window is closed. */
export const IDLE_REFRESH_MS = 10_000

/** The wait before the next refresh, or null for none (the tab is hidden). */
export function chatRefreshDelay(state: { live: boolean; visible: boolean }): number | null {
  if (!state.visible) return null
  return state.live ? LIVE_REFRESH_MS : IDLE_REFRESH_MS
}
