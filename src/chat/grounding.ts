/**
 * What the chat answers are grounded on, read from the CMS and the settings: the active menu with
 * prices, the published FAQ page as text, the policies (refund tiers, deposit, booking window) and
 * the service area. Cached for a minute per process (menu and settings reads are cached already;
 * this saves re-rendering the FAQ's rich text on every turn). Public facts only.
 */
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type { SerializedEditorState } from '@payloadcms/richtext-lexical/lexical'
import type { Payload, PayloadRequest } from 'payload'

import { todayInZone } from '../domain'
import type { ChatGrounding } from '../domain/chat/tools'
import { activeMenu } from '../collections/MenuItems/activeMenu'
import { loadSettingsCached } from '../globals/BusinessSettings/load'
import { describeBookingWindow, describeCancellationTiers, describeDeposit, formatCents, formatMenuPrice } from '../site/format'

/** The most FAQ text sent along (characters): the model's context is not the place for a whole site. */
export const FAQ_TEXT_MAX = 6_000
const TTL_MS = 60_000

let memo: { at: number; value: Omit<ChatGrounding, 'today'> } | undefined

async function faqText(payload: Payload): Promise<string> {
  const found = await payload.find({
    collection: 'pages',
    where: { and: [{ slug: { equals: 'faq' } }, { _status: { equals: 'published' } }] },
    draft: false,
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    select: { content: true },
  })
  const content = found.docs[0]?.content as SerializedEditorState | undefined
  if (!content) return ''
  return convertLexicalToPlaintext({ data: content }).replace(/\n{3,}/g, '\n\n').trim().slice(0, FAQ_TEXT_MAX)
}

export async function loadGrounding(req: PayloadRequest, now: Date = new Date()): Promise<ChatGrounding> {
  const settings = await loadSettingsCached(req)
  if (!memo || Date.now() - memo.at > TTL_MS) {
    const [menu, faq, site] = await Promise.all([
      activeMenu(req.payload),
      faqText(req.payload),
      req.payload.findGlobal({ slug: 'business-settings', depth: 0, overrideAccess: true, req, select: { phone: true } }) as Promise<{ phone?: string | null }>,
    ])
    const window = describeBookingWindow(settings)
    const value: Omit<ChatGrounding, 'today'> = {
      businessName: settings.businessName,
      timezone: settings.timezone,
      menu: menu.map((m) => `${m.name} (${m.category}) — ${formatMenuPrice(m, settings.currency)}`),
      faq,
      policies: [
        `Adults ${formatCents(settings.adultPriceCents, settings.currency)} each, children (${settings.childMaxAge} and under) ${formatCents(settings.childPriceCents, settings.currency)} each; minimum order ${formatCents(settings.minimumOrderCents, settings.currency)}.`,
        `Parties of ${settings.guests.minTotal} to ${settings.guests.maxTotal} guests.`,
        describeDeposit(settings.deposit, settings.currency),
        ...describeCancellationTiers(settings.cancellationTiers).map((r) => `Cancelling ${r.when.toLowerCase()}: ${r.refund.toLowerCase()}.`),
        window.startWindow,
        window.leadTime,
      ],
      serviceArea: settings.serviceAreas.map((a) => `${a.zone}: ${a.zips.join(', ')} (${a.travelFeeCents === 0 ? 'no travel fee' : `${formatCents(a.travelFeeCents, settings.currency)} travel fee`})`),
      phone: typeof site.phone === 'string' && site.phone.trim() !== '' ? site.phone.trim() : null,
    }
    memo = { at: Date.now(), value }
  }
  return { ...memo.value, today: todayInZone(now, settings.timezone) }
}
