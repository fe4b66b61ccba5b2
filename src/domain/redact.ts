/**
 * Manage-link tokens are the only key to a customer's booking, so they never reach a log line:
 * `/booking/<token>` and `/api/bookings/manage/<token>` become `[token]` wherever paths are logged
 * (the access log, browser reports). Pure string work; must never log or throw.
 */
// Also the one-time account links (confirm email, new password) and the verify API they call.
const TOKEN_IN_PATH = /\/(booking|api\/bookings\/manage|account\/verify|account\/reset-password|api\/customers\/verify)\/[^/\s?#"'`<>()]+/g

export function redactManageTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/[token]')
}
