'use client'
/**
 * The storefront chat panel, loaded on demand by ChatLauncher (never part of the first page
 * load). A non-modal dialog: the page behind stays usable. It shows the conversation (replies
 * stream in; the customer's own messages say "Sending…" until the server has them), the
 * connection state in words, and a message box (Enter sends, Shift+Enter starts a new line).
 * Keyboard: the message box has the focus when the panel opens; Escape closes it and the focus
 * goes back to the launcher. New replies are read out once, complete, by a polite live region;
 * the streaming text is not. Links in replies are paths on this site only.
 *
 * On a booking's manage page (/booking/<token>) the conversation is that booking's: the token is
 * sent in hello, and a new connection is made when the visitor moves to another page of that kind.
 * Must never log to the console.
 */
import { usePathname } from 'next/navigation'

import { ChatPanel } from './ChatPanel'

import './chat.css'

/** The manage token of /booking/<token> (not /booking/return), or undefined. */
export function manageTokenOf(pathname: string | null): string | undefined {
  const m = /^\/booking\/([^/?#]+)\/?$/.exec(pathname ?? '')
  const token = m?.[1]
  // The protocol takes at most 200 characters; a longer one is no token of ours.
  return token && token !== 'return' && token.length <= 200 ? token : undefined
}

export interface ChatWidgetProps {
  businessName: string
  open: boolean
  /** `returnFocus`: put the focus back on the launcher (not when a link took the visitor elsewhere). */
  onClose: (returnFocus: boolean) => void
  /** A new reply arrived while the panel was closed. */
  onUnread: () => void
}

export function ChatWidget(props: ChatWidgetProps) {
  const manage = manageTokenOf(usePathname())
  // A new conversation (and a fresh timeline) when the manage token changes.
  return <ChatPanel key={manage ?? 'site'} manage={manage} {...props} />
}

export default ChatWidget
