/**
 * Where the chat keeps the messages still waiting for delivery (sessionStorage, this tab only).
 * A module of its own so the launcher can check for waiting messages without loading the widget.
 */
export const CHAT_OUTBOX_KEY = 'myhibachi.chat-outbox.v1'

/** Whether messages written before a reload still wait to be sent (the widget should come back for them). */
export function hasWaitingMessages(): boolean {
  try {
    return window.sessionStorage.getItem(CHAT_OUTBOX_KEY) !== null
  } catch (err) {
    // Blocked storage: nothing can have been kept there.
    if (err instanceof DOMException) return false
    throw err
  }
}
