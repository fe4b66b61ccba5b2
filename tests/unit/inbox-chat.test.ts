// The staff inbox's storefront-chat rules (src/collections/Threads/inbox.ts, src/components/admin/
// inbox/format.ts and liveRefresh.ts), as the business says them: when a chat counts as live, who
// wrote a chat message, which offered links are shown, how often an open chat thread refreshes.
import { describe, expect, it } from 'vitest'

import { chatLinksFrom, chatRoleOf, inboxFiltersFrom, inboxWhere, isChatLive, threadHasChat } from '../../src/collections/Threads/inbox'
import { answeringHint, chatRoleLabel } from '../../src/components/admin/inbox/format'
import { chatRefreshDelay, IDLE_REFRESH_MS, LIVE_REFRESH_MS } from '../../src/components/admin/inbox/liveRefresh'
import { CHAT_LIVE_MS } from '../../src/domain'

const now = new Date('2026-12-02T17:30:00.000Z')
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()

describe('a live chat', () => {
  it('is one whose window showed a sign of life less than CHAT_LIVE_MS ago', () => {
    expect(isChatLive(ago(0), now)).toBe(true)
    expect(isChatLive(ago(CHAT_LIVE_MS - 1), now)).toBe(true)
    expect(isChatLive(ago(CHAT_LIVE_MS), now)).toBe(false)
    expect(isChatLive(ago(60 * 60_000), now)).toBe(false)
  })

  it('counts a sign of life a little in the future (another clock ahead) as now', () => {
    expect(isChatLive(ago(-2_000), now)).toBe(true)
  })

  it('is never a thread whose window was never seen, or a date that cannot be read', () => {
    expect(isChatLive(null, now)).toBe(false)
    expect(isChatLive(undefined, now)).toBe(false)
    expect(isChatLive('', now)).toBe(false)
    expect(isChatLive('not a date', now)).toBe(false)
  })
})

describe('a thread with a chat', () => {
  it('is one whose chat window was seen, whose chat staff took over, or whose last message was a chat turn', () => {
    expect(threadHasChat({ chatSeenAt: ago(5 * 60_000), chatMode: 'assistant', lastChannel: 'email' })).toBe(true)
    expect(threadHasChat({ chatSeenAt: null, chatMode: 'staff', lastChannel: 'email' })).toBe(true)
    expect(threadHasChat({ chatSeenAt: null, chatMode: 'assistant', lastChannel: 'chat' })).toBe(true)
    expect(threadHasChat({ chatSeenAt: null, chatMode: 'assistant', lastChannel: 'sms' })).toBe(false)
    expect(threadHasChat({})).toBe(false)
  })
})

describe('who wrote a chat message', () => {
  it('the customer wrote what came in; staff wrote a reply with an author; the assistant wrote one without', () => {
    expect(chatRoleOf({ channel: 'chat', direction: 'inbound', author: null })).toBe('customer')
    expect(chatRoleOf({ channel: 'chat', direction: 'outbound', author: 7 })).toBe('staff')
    expect(chatRoleOf({ channel: 'chat', direction: 'outbound', author: { id: 7, name: 'Ana' } })).toBe('staff')
    expect(chatRoleOf({ channel: 'chat', direction: 'outbound', author: null })).toBe('assistant')
    expect(chatRoleOf({ channel: 'chat', direction: 'outbound' })).toBe('assistant')
  })

  it('has no chat role on other channels', () => {
    expect(chatRoleOf({ channel: 'email', direction: 'inbound' })).toBeNull()
    expect(chatRoleOf({ channel: 'note', direction: 'outbound', author: 7 })).toBeNull()
  })

  it('is shown as "Customer", "Assistant" or the staff member’s name', () => {
    expect(chatRoleLabel('customer', null)).toBe('Customer')
    expect(chatRoleLabel('assistant', null)).toBe('Assistant')
    expect(chatRoleLabel('staff', 'Ana Lee')).toBe('Ana Lee (staff)')
    expect(chatRoleLabel('staff', undefined)).toBe('Staff')
  })
})

describe('who answers a chat, in the thread list', () => {
  it('says the assistant, or the staff member who took it over', () => {
    expect(answeringHint('assistant', null)).toBe('Answering: assistant')
    expect(answeringHint('staff', 'Ana Lee')).toBe('Answering: Ana Lee')
    expect(answeringHint('staff', null)).toBe('Answering: staff')
  })
})

describe('the links an assistant reply offered', () => {
  it('shows same-site paths with their labels', () => {
    const links = [
      { label: 'Book this date', href: '/book?date=2026-12-24&adults=10' },
      { label: 'Cancellation policy', href: '/policies/cancellation' },
    ]
    expect(chatLinksFrom(links)).toEqual(links)
  })

  it('drops anything that is not a same-site path: other sites, scripts, backslash tricks, junk', () => {
    expect(
      chatLinksFrom([
        { label: 'Evil', href: 'https://evil.example/' },
        { label: 'Evil', href: '//evil.example/' },
        { label: 'Evil', href: '/\\evil.example/' },
        { label: 'Script', href: 'javascript:alert(1)' },
        { label: '', href: '/menu' },
        { label: 'Extra', href: '/menu', target: '_top' },
        'not a link',
        null,
        { label: 'Menu', href: '/menu' },
      ]),
    ).toEqual([{ label: 'Menu', href: '/menu' }])
    expect(chatLinksFrom(null)).toEqual([])
    expect(chatLinksFrom({ label: 'Menu', href: '/menu' })).toEqual([])
    expect(chatLinksFrom('[{"label":"Menu","href":"/menu"}]')).toEqual([])
  })

  it('shows at most five', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ label: `Link ${i}`, href: `/p/${i}` }))
    expect(chatLinksFrom(many)).toHaveLength(5)
  })
})

describe('the "Live chats" filter', () => {
  it('is asked for with ?live=1 and absent otherwise', () => {
    expect(inboxFiltersFrom({ live: '1' }).live).toBe(true)
    expect(inboxFiltersFrom({ live: ['1', '0'] }).live).toBe(true)
    for (const live of ['0', 'yes', '', undefined]) expect(inboxFiltersFrom({ live }).live, String(live)).toBeUndefined()
    expect(inboxFiltersFrom({})).not.toHaveProperty('live')
  })

  it('selects threads whose chat window showed a sign of life within CHAT_LIVE_MS of now', () => {
    const where = inboxWhere({ ...inboxFiltersFrom({ state: 'all' }), live: true }, 1, now)
    expect(where).toEqual({ and: [{ chatSeenAt: { greater_than: ago(CHAT_LIVE_MS) } }] })
    expect(inboxWhere(inboxFiltersFrom({ state: 'all' }), 1, now)).toEqual({})
  })
})

describe('how often an open chat thread refreshes', () => {
  it('every 2 seconds while the chat window is open, every 10 while it is not', () => {
    expect(LIVE_REFRESH_MS).toBe(2_000)
    expect(IDLE_REFRESH_MS).toBe(10_000)
    expect(chatRefreshDelay({ live: true, visible: true })).toBe(LIVE_REFRESH_MS)
    expect(chatRefreshDelay({ live: false, visible: true })).toBe(IDLE_REFRESH_MS)
  })

  it('never while the staff member’s tab is hidden', () => {
    expect(chatRefreshDelay({ live: true, visible: false })).toBeNull()
    expect(chatRefreshDelay({ live: false, visible: false })).toBeNull()
  })
})
