/**
 * Private links inside a stored message. A message body names a link by a marker,
 * `[[link:manage]]`; the URL itself is kept sealed beside it and put in only when the message is
 * sent. Everywhere else (the inbox, the account page, an export) the marker reads "(private link)".
 */
export const LINK_MARKER = /\[\[link:([a-z_]{1,30})\]\]/g

export function linkMarker(name: string): string {
  return `[[link:${name}]]`
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
}

/** The text with each marker replaced by its URL (HTML-escaped for `html`); unknown names read "(private link)". */
export function revealLinks(text: string, links: Record<string, string>, format: 'text' | 'html'): string {
  return text.replace(LINK_MARKER, (_m, name: string) => {
    const url = links[name]
    if (url === undefined) return '(private link)'
    return format === 'html' ? escapeHtml(url) : url
  })
}

/** The text as anyone but the recipient may see it. */
export function maskLinks(text: string): string {
  return text.replace(LINK_MARKER, '(private link)')
}
