/**
 * One entry of the chat's message list: a stored message (with the links a reply offers), a
 * reply still streaming in, a notice ("Ana from MyHibachi joined", an error with other ways to
 * go on), or the customer's message waiting for the server ("Sending…"). Presentational only.
 * Links are rendered only for paths on this site, through next/link.
 */
import Link from 'next/link'

import type { OutgoingMessage } from '../../client/chat/connection'
import type { ChatLink } from '../../domain/chat/protocol'
import { authorLabel, isSitePath, type TimelineItem } from './conversation'

function Links({ links, onFollowLink }: { links: readonly ChatLink[]; onFollowLink: () => void }) {
  const safe = links.filter((l) => isSitePath(l.href))
  if (safe.length === 0) return null
  return (
    <ul className="chat-links">
      {safe.map((l) => (
        <li key={`${l.href}|${l.label}`}>
          <Link className="button-secondary chat-link" href={l.href} onClick={onFollowLink}>
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  )
}

export function ChatItem({ item, businessName, onFollowLink }: { item: TimelineItem; businessName: string; onFollowLink: () => void }) {
  if (item.kind === 'notice') {
    return (
      <li className={`chat-notice is-${item.tone}`} data-testid="chat-notice">
        <p>{item.text}</p>
        <Links links={item.links} onFollowLink={onFollowLink} />
      </li>
    )
  }
  if (item.kind === 'streaming') {
    return (
      <li className="chat-message is-assistant is-streaming" data-testid="chat-message" data-role="assistant" aria-busy="true">
        <p className="chat-author">{businessName}</p>
        <p className="chat-text">{item.text}</p>
      </li>
    )
  }
  const { message } = item
  const own = message.role === 'customer'
  return (
    <li className={`chat-message is-${message.role}`} data-testid="chat-message" data-role={message.role} data-message-id={message.id}>
      <p className={own ? 'visually-hidden' : 'chat-author'}>{authorLabel(message, businessName)}</p>
      <p className="chat-text">{message.text}</p>
      {message.links ? <Links links={message.links} onFollowLink={onFollowLink} /> : null}
    </li>
  )
}

export function PendingItem({ message }: { message: OutgoingMessage }) {
  return (
    <li className="chat-message is-customer is-pending" data-testid="chat-message" data-role="customer" data-pending="true">
      <p className="visually-hidden">You</p>
      <p className="chat-text">{message.text}</p>
      <p className="chat-meta">Sending…</p>
    </li>
  )
}
