/**
 * Turns the `business-settings` document into the domain's BusinessSettings (checked by
 * parseSettings). Values never saved fall back to the domain defaults.
 */
import { DEFAULT_SETTINGS, parseSettings, ValidationError, type BusinessSettings } from '../../domain'

type Doc = Record<string, unknown>

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const str = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback)
const rows = (v: unknown): Doc[] => (Array.isArray(v) ? (v as Doc[]) : [])

/** "10001-10003, 10280" → ['10001','10002','10003','10280']; throws on anything else. */
export function parseZipList(text: string, path: string): string[] {
  const zips: string[] = []
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const range = /^(\d{5})-(\d{5})$/.exec(part)
    if (range) {
      const from = Number(range[1])
      const to = Number(range[2])
      if (to < from || to - from > 10_000) throw ValidationError.single(path, `"${part}" is not a usable ZIP range`)
      for (let z = from; z <= to; z++) zips.push(String(z).padStart(5, '0'))
    } else if (/^\d{5}$/.test(part)) {
      zips.push(part)
    } else {
      throw ValidationError.single(path, `"${part}" is not a 5-digit ZIP code or a range like 10001-10099`)
    }
  }
  return zips
}

export function settingsFromDoc(doc: Doc | null | undefined): BusinessSettings {
  const d = doc ?? {}
  const D = DEFAULT_SETTINGS
  const depositKind = d.depositKind === 'percent' ? 'percent' : 'fixed'
  const areas = rows(d.serviceAreas)
  const tiers = rows(d.cancellationTiers)
  return parseSettings({
    businessName: str(d.businessName, D.businessName),
    timezone: str(d.timezone, D.timezone),
    currency: str(d.currency, D.currency).toLowerCase(),
    startWindow: { earliest: str(d.earliestStart, D.startWindow.earliest), latest: str(d.latestStart, D.startWindow.latest) },
    slotIntervalMinutes: num(d.slotIntervalMinutes, D.slotIntervalMinutes),
    defaultDurationMinutes: num(d.defaultDurationMinutes, D.defaultDurationMinutes),
    minDurationMinutes: num(d.minDurationMinutes, D.minDurationMinutes),
    maxDurationMinutes: num(d.maxDurationMinutes, D.maxDurationMinutes),
    bufferBeforeMinutes: num(d.bufferBeforeMinutes, D.bufferBeforeMinutes),
    bufferAfterMinutes: num(d.bufferAfterMinutes, D.bufferAfterMinutes),
    leadTimeHours: num(d.leadTimeHours, D.leadTimeHours),
    maxAdvanceDays: num(d.maxAdvanceDays, D.maxAdvanceDays),
    blackoutDates: rows(d.blackoutDates).map((r) => String(r.date)),
    guests: { minTotal: num(d.minGuests, D.guests.minTotal), maxTotal: num(d.maxGuests, D.guests.maxTotal) },
    adultPriceCents: num(d.adultPriceCents, D.adultPriceCents),
    childPriceCents: num(d.childPriceCents, D.childPriceCents),
    childMaxAge: num(d.childMaxAge, D.childMaxAge),
    minimumOrderCents: num(d.minimumOrderCents, D.minimumOrderCents),
    serviceAreas:
      areas.length > 0
        ? areas.map((a, i) => ({ zone: String(a.zone), zips: parseZipList(String(a.zips ?? ''), `serviceAreas.${i}.zips`), travelFeeCents: num(a.travelFeeCents, 0) }))
        : D.serviceAreas,
    taxRateMicros: num(d.taxRateMicros, D.taxRateMicros),
    deposit:
      depositKind === 'percent'
        ? { kind: 'percent', percent: num(d.depositPercent, 20) }
        : { kind: 'fixed', amountCents: num(d.depositAmountCents, 10000) },
    cancellationTiers: tiers.length > 0 ? tiers.map((t) => ({ minDaysBefore: num(t.minDaysBefore, 0), refundPercent: num(t.refundPercent, 0) })) : D.cancellationTiers,
    guestsPerChef: num(d.guestsPerChef, D.guestsPerChef),
    chefCount: num(d.chefCount, D.chefCount),
    depositHoldMinutes: num(d.depositHoldMinutes, D.depositHoldMinutes),
    balanceDueDaysBefore: num(d.balanceDueDaysBefore, D.balanceDueDaysBefore),
  })
}

/**
 * The inverse of settingsFromDoc for the rule fields: domain settings → the global's field names.
 * Service areas (stored as ZIP-range text), blackout dates and the contact and text fields are
 * the caller's. The deposit field the rule does not use is 0 (the caller may set a default).
 */
export function settingsDocFields(s: BusinessSettings) {
  return {
    businessName: s.businessName,
    timezone: s.timezone,
    currency: s.currency,
    earliestStart: s.startWindow.earliest,
    latestStart: s.startWindow.latest,
    slotIntervalMinutes: s.slotIntervalMinutes,
    defaultDurationMinutes: s.defaultDurationMinutes,
    minDurationMinutes: s.minDurationMinutes,
    maxDurationMinutes: s.maxDurationMinutes,
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    leadTimeHours: s.leadTimeHours,
    maxAdvanceDays: s.maxAdvanceDays,
    guestsPerChef: s.guestsPerChef,
    chefCount: s.chefCount,
    minGuests: s.guests.minTotal,
    maxGuests: s.guests.maxTotal,
    adultPriceCents: s.adultPriceCents,
    childPriceCents: s.childPriceCents,
    childMaxAge: s.childMaxAge,
    minimumOrderCents: s.minimumOrderCents,
    taxRateMicros: s.taxRateMicros,
    depositKind: s.deposit.kind,
    depositAmountCents: s.deposit.kind === 'fixed' ? s.deposit.amountCents : 0,
    depositPercent: s.deposit.kind === 'percent' ? s.deposit.percent : 0,
    cancellationTiers: s.cancellationTiers.map((t) => ({ minDaysBefore: t.minDaysBefore, refundPercent: t.refundPercent })),
    depositHoldMinutes: s.depositHoldMinutes,
    balanceDueDaysBefore: s.balanceDueDaysBefore,
  }
}
