/**
 * The staff inbox, a custom admin view at /admin/inbox (registered in payload.config.ts), inside
 * Payload's own chrome (DefaultTemplate: nav, header). Managers and admins only: a signed-out
 * visitor or a customer is sent to the staff sign-in, a chef or an editor is told it is not for
 * them. Payload lets any request reach a custom view, so this check is the view's own.
 * The page is rendered on the server from the URL: the thread list (?state, ?channel, ?live,
 * ?booking, ?mine, ?q, ?page) and the open thread (?thread=ID) with its conversation and bookings,
 * read as the signed-in user (src/collections/Threads/inbox.ts). The browser only acts: reply,
 * assign, done/reopen, retry, mark read, take over or hand back a storefront chat, and refresh
 * while a message is still queued or a chat thread is open (every 2 s while its window is open).
 * Times are in the business's time zone from the settings. Never writes while rendering.
 */
import type { AdminViewServerProps } from 'payload'

import Link from 'next/link'
import { adminPage, staffOrSignIn } from '../adminPage'

import { mayOpenView } from '../../../access/backofficeViews'
import { PAYMENT_STATE_LABELS, type MessageChannel } from '../../../domain'
import { defaultReplySubject } from '../../../domain/messaging/reply'
import { loadSettings } from '../../../globals/BusinessSettings/load'
import { assignableStaff, inboxFiltersFrom, listThreads, loadThread, threadIdFrom, type BookingSummary, type InboxFilters, type ThreadDetail } from '../../../collections/Threads/inbox'
import { smsEnabled } from '../../../infra/sms'
import { formatInstant } from '../formatInstant'
import { ChatControls } from './ChatControls'
import { ChatLiveRefresh } from './ChatLiveRefresh'
import { answeringHint, CHANNEL_LABELS, chatRoleLabel, shortInstant, STATUS_NOTES, zoneName } from './format'
import { ReplyForm, type ChannelOption } from './ReplyForm'
import { RetryButton } from './RetryButton'
import { ThreadActions } from './ThreadActions'
import { ThreadEffects } from './ThreadEffects'
import './inbox.css'

const FILTER_CHANNELS: MessageChannel[] = ['email', 'sms', 'note', 'web', 'chat']

/** The inbox URL for these filters (and a thread), keeping only what differs from the defaults. */
function inboxHref(base: string, filters: InboxFilters, extra: { thread?: number; page?: number } = {}): string {
  const q = new URLSearchParams()
  if (filters.state !== 'open') q.set('state', filters.state)
  if (filters.channel) q.set('channel', filters.channel)
  if (filters.live) q.set('live', '1')
  if (filters.bookingId !== undefined) q.set('booking', String(filters.bookingId))
  if (filters.mine) q.set('mine', '1')
  if (filters.search) q.set('q', filters.search)
  const page = extra.page ?? filters.page
  if (page > 1) q.set('page', String(page))
  if (extra.thread !== undefined) q.set('thread', String(extra.thread))
  const s = q.toString()
  return s ? `${base}?${s}` : base
}

function bookingWhen(b: BookingSummary, timeZone: string): string {
  return (b.startsAt ? formatInstant(b.startsAt, timeZone) : undefined) ?? `${b.eventDate} ${b.startTime}`
}

function partyOf(b: BookingSummary): string {
  const parts = [`${b.adults} adult${b.adults === 1 ? '' : 's'}`]
  if (b.children > 0) parts.push(`${b.children} child${b.children === 1 ? '' : 'ren'}`)
  return parts.join(', ')
}

/** The booking shown beside the thread: the one the list is filtered on, the thread's last, the next upcoming, or the latest. */
function featuredBooking(detail: ThreadDetail, filters: InboxFilters, now: Date): BookingSummary | undefined {
  const byId = (id: number | null | undefined) => (id ? detail.bookings.find((b) => b.id === id) : undefined)
  const today = now.toISOString().slice(0, 10)
  const upcoming = [...detail.bookings].filter((b) => b.eventDate >= today && b.status !== 'cancelled' && b.status !== 'expired').sort((a, b) => a.eventDate.localeCompare(b.eventDate))
  return byId(filters.bookingId) ?? byId(detail.lastBookingId) ?? upcoming[0] ?? detail.bookings[0]
}

function channelOptions(detail: ThreadDetail): ChannelOption[] {
  const gone = detail.customer?.anonymised ? 'The customer’s account was deleted' : undefined
  const email = detail.customer?.email
  const phone = detail.customer?.phone ?? detail.phone
  return [
    { value: 'email', label: 'Email', disabledReason: gone ?? (email ? undefined : 'No email address'), to: email ?? undefined },
    { value: 'sms', label: 'SMS', disabledReason: smsEnabled() ? (gone ?? (phone ? undefined : 'No phone number')) : 'SMS not configured', to: phone ?? undefined },
    // Only a thread with a storefront chat; the server says so (400 at `channel`) if it has none.
    ...(detail.chat ? [{ value: 'chat' as const, label: 'Chat', to: detail.chat.live ? 'the customer’s open chat window' : 'the chat (its window is closed now)' }] : []),
    { value: 'note', label: 'Internal note', to: undefined },
  ]
}

export async function InboxView(props: AdminViewServerProps) {
  const { searchParams } = props
  const { req } = props.initPageResult
  const user = staffOrSignIn(props, '/inbox')
  const adminRoute = req.payload.config.routes.admin
  const apiRoute = req.payload.config.routes.api
  const base = `${adminRoute}/inbox`

  const template = (children: React.ReactNode) => adminPage(props, user, 'inbox', 'inbox', children)

  if (!mayOpenView(user, 'inbox')) {
    return template(
      <div className="inbox-denied" role="alert">
        <h1>Inbox</h1>
        <p>Not allowed: only managers and admins read and answer customers’ messages.</p>
        <p>
          <Link href={adminRoute}>Back to the dashboard</Link>
        </p>
      </div>,
    )
  }

  const settings = await loadSettings(req)
  const timeZone = settings.timezone
  const filters = inboxFiltersFrom(searchParams)
  const openId = threadIdFrom(searchParams)
  const now = new Date()
  const [page, detail, staff] = await Promise.all([
    listThreads(req, user, filters),
    openId === undefined ? Promise.resolve(undefined) : loadThread(req, user, openId),
    assignableStaff(req, user),
  ])
  const filtered = filters.state !== 'open' || Boolean(filters.channel) || Boolean(filters.live) || filters.bookingId !== undefined || filters.mine || Boolean(filters.search)
  const zone = zoneName(timeZone, now)

  const threadList = (
    <section className="inbox-threads" aria-labelledby="inbox-threads-heading">
      <h2 id="inbox-threads-heading" className="inbox-threads__heading">
        Threads
      </h2>
      <form method="get" action={base} className="inbox-filters" aria-label="Filter threads">
        <div className="inbox-field">
          <label htmlFor="inbox-filter-state">State</label>
          <select id="inbox-filter-state" name="state" defaultValue={filters.state}>
            <option value="open">Open</option>
            <option value="done">Done</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="inbox-field">
          <label htmlFor="inbox-filter-channel">Channel</label>
          <select id="inbox-filter-channel" name="channel" defaultValue={filters.channel ?? ''}>
            <option value="">Any</option>
            {FILTER_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="inbox-field inbox-field--check">
          <input id="inbox-filter-live" name="live" type="checkbox" value="1" defaultChecked={Boolean(filters.live)} />
          <label htmlFor="inbox-filter-live">Live chats</label>
        </div>
        <div className="inbox-field">
          <label htmlFor="inbox-filter-booking">Booking #</label>
          <input id="inbox-filter-booking" name="booking" type="number" inputMode="numeric" min={1} defaultValue={filters.bookingId ?? ''} />
        </div>
        <div className="inbox-field inbox-field--wide">
          <label htmlFor="inbox-filter-q">Name, email or phone</label>
          <input id="inbox-filter-q" name="q" type="search" maxLength={100} defaultValue={filters.search ?? ''} />
        </div>
        <div className="inbox-field inbox-field--check">
          <input id="inbox-filter-mine" name="mine" type="checkbox" value="1" defaultChecked={filters.mine} />
          <label htmlFor="inbox-filter-mine">Assigned to me</label>
        </div>
        <div className="inbox-filters__actions">
          <button type="submit" className="inbox-button">
            Apply
          </button>
          {filtered ? <Link href={base}>Clear filters</Link> : null}
        </div>
      </form>
      <p className="inbox-muted" aria-live="polite">
        {page.totalDocs === 0 ? 'No threads match.' : `${page.totalDocs} thread${page.totalDocs === 1 ? '' : 's'}, newest activity first.`}
      </p>
      <ul className="inbox-thread-list">
        {page.threads.map((t) => {
          const current = detail?.id === t.id
          return (
            <li key={t.id}>
              <Link href={inboxHref(base, filters, { thread: t.id })} className={`inbox-thread-link${current ? ' is-current' : ''}${t.unreadCount > 0 ? ' is-unread' : ''}`} aria-current={current ? 'page' : undefined} data-thread-id={t.id}>
                <span className="inbox-thread-link__top">
                  <span className="inbox-thread-link__title">{t.title}</span>
                  {t.unreadCount > 0 ? (
                    <span className="inbox-badge inbox-badge--unread">
                      {t.unreadCount}
                      <span className="inbox-sr"> unread</span>
                    </span>
                  ) : null}
                </span>
                <span className="inbox-thread-link__preview">
                  {t.lastDirection === 'outbound' ? <span className="inbox-muted">{t.lastChannel === 'chat' ? 'Reply: ' : 'You: '}</span> : null}
                  {t.lastPreview}
                </span>
                <span className="inbox-thread-link__meta">
                  {t.chat?.live ? <span className="inbox-badge inbox-badge--live">Live chat</span> : null}
                  {t.lastChannel ? <span className="inbox-chip">{CHANNEL_LABELS[t.lastChannel]}</span> : null}
                  <span className={`inbox-chip inbox-chip--${t.state}`}>{t.state === 'open' ? 'Open' : 'Done'}</span>
                  <span>{t.assignee ? `→ ${t.assignee.name}` : 'Unassigned'}</span>
                  {t.chat ? <span className="inbox-thread-link__answering">{answeringHint(t.chat.mode, t.chat.staff?.name)}</span> : null}
                  <time dateTime={t.lastMessageAt ?? undefined}>{shortInstant(t.lastMessageAt, timeZone, now)}</time>
                </span>
              </Link>
            </li>
          )
        })}
      </ul>
      {page.totalPages > 1 ? (
        <nav className="inbox-pages" aria-label="Thread pages">
          {page.page > 1 ? <Link href={inboxHref(base, filters, { page: page.page - 1, thread: detail?.id })}>‹ Newer</Link> : <span />}
          <span>
            Page {page.page} of {page.totalPages}
          </span>
          {page.page < page.totalPages ? <Link href={inboxHref(base, filters, { page: page.page + 1, thread: detail?.id })}>Older ›</Link> : <span />}
        </nav>
      ) : null}
    </section>
  )

  let threadPane: React.ReactNode
  if (openId === undefined) {
    threadPane = (
      <section className="inbox-pane inbox-pane--empty" aria-label="Conversation">
        <p className="inbox-muted">Choose a thread to read the conversation and reply.</p>
      </section>
    )
  } else if (!detail) {
    threadPane = (
      <section className="inbox-pane" aria-label="Conversation">
        <p role="alert">There is no thread #{openId}.</p>
      </section>
    )
  } else {
    const featured = featuredBooking(detail, filters, now)
    const queued = detail.messages.some((m) => m.status === 'queued')
    const defaultSubject = defaultReplySubject(detail.lastEmailSubject, settings.businessName)
    threadPane = (
      <section className="inbox-pane" aria-labelledby="inbox-thread-title">
        <Link href={inboxHref(base, filters)} className="inbox-back">
          ‹ All threads
        </Link>
        <header className="inbox-pane__head">
          <div>
            <h2 id="inbox-thread-title">{detail.customer?.name ?? detail.title}</h2>
            <p className="inbox-muted">
              {detail.customer ? (
                <>
                  {detail.customer.anonymised ? 'Account deleted' : (detail.customer.email ?? 'No email')}
                  {detail.customer.phone ? ` · ${detail.customer.phone}` : ''}
                  {' · '}
                  <Link href={`${adminRoute}/collections/customers/${detail.customer.id}`}>Customer record</Link>
                </>
              ) : detail.visitor ? (
                <>Storefront chat visitor, not signed in: no email address or phone number</>
              ) : (
                <>Text messages from {detail.phone} (not a customer yet)</>
              )}
            </p>
          </div>
          <ThreadActions key={`${detail.id}:${detail.assigneeId ?? ''}:${detail.state}`} apiRoute={apiRoute} threadId={detail.id} state={detail.state} assigneeId={detail.assigneeId} staff={staff} meId={Number(user.id)} />
        </header>
        <div className="inbox-pane__body">
          <div className="inbox-conversation">
            <h3 className="inbox-sr">Conversation</h3>
            <p className="inbox-muted">
              Times in {zone} ({timeZone}).{detail.hiddenOlder > 0 ? ` ${detail.hiddenOlder} older message${detail.hiddenOlder === 1 ? ' is' : 's are'} not shown.` : ''}
            </p>
            {detail.chat ? (
              <ChatControls
                key={`chat-${detail.id}`}
                apiRoute={apiRoute}
                threadId={detail.id}
                live={detail.chat.live}
                mode={detail.chat.mode}
                staffName={detail.chat.staff?.name ?? null}
                staffIsMe={detail.chat.staff?.id === Number(user.id)}
                seenLabel={shortInstant(detail.chat.seenAt, timeZone, now)}
              />
            ) : null}
            {detail.messages.length === 0 ? <p className="inbox-muted">No messages yet.</p> : null}
            {/* A live region: a message that arrives by a refresh is read out. Keyed by thread, so
                opening another thread mounts a new region instead of announcing its whole history. */}
            <ol key={`messages-${detail.id}`} className="inbox-messages" aria-live="polite" aria-relevant="additions">
              {detail.messages.map((m) => {
                const kind = m.channel === 'note' ? 'note' : m.direction
                const who = m.chatRole
                  ? chatRoleLabel(m.chatRole, m.author?.name)
                  : m.channel === 'note'
                    ? `Internal note${m.author ? ` by ${m.author.name}` : ''}`
                    : m.direction === 'inbound'
                      ? `From the customer${m.from ? ` (${m.from})` : ''}`
                      : `To ${m.to ?? 'the customer'}${m.author ? `, by ${m.author.name}` : ''}`
                return (
                  <li key={m.id} className={`inbox-msg inbox-msg--${kind}${m.chatRole ? ` inbox-msg--chat-${m.chatRole}` : ''}`} data-message-id={m.id} data-chat-role={m.chatRole ?? undefined} data-status={m.status} aria-labelledby={`inbox-msg-${m.id}-meta`}>
                    <div className="inbox-msg__meta" id={`inbox-msg-${m.id}-meta`}>
                      <span className="inbox-chip">{CHANNEL_LABELS[m.channel]}</span>
                      <span className="inbox-msg__who">{who}</span>
                      <span className={`inbox-status inbox-status--${m.status}`} title={STATUS_NOTES[m.status]}>
                        {m.status}
                      </span>
                      {m.direction === 'inbound' && !m.readAt ? <span className="inbox-badge inbox-badge--unread">new</span> : null}
                      <time dateTime={m.createdAt}>{formatInstant(m.createdAt, timeZone) ?? m.createdAt}</time>
                    </div>
                    {m.subject ? (
                      <p className="inbox-msg__subject">
                        <span className="inbox-sr">Subject: </span>
                        {m.subject}
                      </p>
                    ) : null}
                    <p className="inbox-msg__body">{m.body}</p>
                    {m.chatLinks.length > 0 ? (
                      <div className="inbox-msg__links">
                        <p className="inbox-muted" id={`inbox-msg-${m.id}-links`}>
                          Links offered:
                        </p>
                        <ul aria-labelledby={`inbox-msg-${m.id}-links`}>
                          {m.chatLinks.map((l, i) => (
                            <li key={`${i}:${l.href}`}>
                              <a href={l.href} target="_blank" rel="noopener noreferrer">
                                {l.label}
                                <span className="inbox-sr"> (opens in a new tab)</span>
                              </a>{' '}
                              <span className="inbox-muted">{l.href}</span>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {m.sentAt && m.status !== 'received' && m.channel !== 'note' && m.channel !== 'chat' ? (
                      <p className="inbox-msg__foot inbox-muted">
                        Sent <time dateTime={m.sentAt}>{formatInstant(m.sentAt, timeZone)}</time>
                        {m.deliveredAt ? (
                          <>
                            {' · delivered '}
                            <time dateTime={m.deliveredAt}>{formatInstant(m.deliveredAt, timeZone)}</time>
                          </>
                        ) : null}
                      </p>
                    ) : null}
                    {m.status === 'queued' && m.error ? <p className="inbox-msg__foot inbox-muted">Last attempt failed ({m.error}); it will be tried again.</p> : null}
                    {m.bookingId ? (
                      <p className="inbox-msg__foot">
                        <Link href={`${adminRoute}/collections/bookings/${m.bookingId}`}>About booking #{m.bookingId}</Link>
                      </p>
                    ) : null}
                    {m.status === 'failed' ? (
                      <div className="inbox-msg__error" role="note" aria-label={`Message ${m.id} failed`}>
                        <p>
                          <strong>Not sent</strong>
                          {m.failedAt ? (
                            <>
                              {' '}
                              (<time dateTime={m.failedAt}>{formatInstant(m.failedAt, timeZone)}</time>, after {m.attempts} attempt{m.attempts === 1 ? '' : 's'})
                            </>
                          ) : null}
                          : {m.error ?? 'no error was recorded'}
                        </p>
                        <RetryButton apiRoute={apiRoute} messageId={m.id} />
                      </div>
                    ) : null}
                  </li>
                )
              })}
            </ol>
            <ReplyForm
              key={detail.id}
              apiRoute={apiRoute}
              threadId={detail.id}
              channels={channelOptions(detail)}
              defaultSubject={defaultSubject}
              bookings={detail.bookings.map((b) => ({ id: b.id, label: `#${b.id} · ${bookingWhen(b, timeZone)} · ${b.status}` }))}
              defaultBookingId={featured?.id ?? null}
              defaultChannel={detail.chat?.live ? 'chat' : undefined}
            />
          </div>
          <aside className="inbox-booking" aria-labelledby="inbox-booking-heading">
            <h3 id="inbox-booking-heading">Booking</h3>
            {featured ? (
              <dl className="inbox-booking__facts">
                <dt>When</dt>
                <dd>{bookingWhen(featured, timeZone)}</dd>
                <dt>Party</dt>
                <dd>{partyOf(featured)}</dd>
                <dt>Status</dt>
                <dd>{featured.status.replace('_', ' ')}</dd>
                <dt>Payment</dt>
                <dd>{featured.paymentState ? PAYMENT_STATE_LABELS[featured.paymentState] : '—'}</dd>
                {featured.city ? (
                  <>
                    <dt>Where</dt>
                    <dd>{featured.city}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p className="inbox-muted">{detail.customer ? 'This customer has no bookings.' : 'Not a customer yet: no bookings.'}</p>
            )}
            {featured ? (
              <p>
                <Link href={`${adminRoute}/collections/bookings/${featured.id}`}>Open booking #{featured.id}</Link>
              </p>
            ) : null}
            {detail.bookings.length > 1 ? (
              <>
                <h4>Other bookings</h4>
                <ul className="inbox-booking__others">
                  {detail.bookings
                    .filter((b) => b.id !== featured?.id)
                    .map((b) => (
                      <li key={b.id}>
                        <Link href={`${adminRoute}/collections/bookings/${b.id}`}>
                          #{b.id} · {b.eventDate} · {b.status.replace('_', ' ')}
                        </Link>
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
          </aside>
        </div>
        <ThreadEffects apiRoute={apiRoute} threadId={detail.id} unreadCount={detail.unreadCount} queued={queued} />
        {detail.chat ? <ChatLiveRefresh key={`refresh-${detail.id}`} live={detail.chat.live} /> : null}
      </section>
    )
  }

  return template(
    <>
      <header className="inbox-head">
        <h1>Inbox</h1>
        <p className="inbox-muted">Every customer’s email, texts, account-page messages, storefront chats and staff notes, one thread per customer.</p>
      </header>
      <div className={`inbox-layout${openId !== undefined ? ' has-thread' : ''}`}>
        {threadList}
        {threadPane}
      </div>
    </>,
  )
}
