import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/domain/errors'
import { DEFAULT_SETTINGS, isChildAge, isValidTimeZone, parseSettings, zipRange } from '../../src/domain/settings'
import { issuePaths, settingsWith } from './support'

describe('default business settings', () => {
  it('are valid settings themselves', () => {
    expect(parseSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS)
  })

  it('run the business in New York time, in US dollars', () => {
    expect(DEFAULT_SETTINGS.timezone).toBe('America/New_York')
    expect(DEFAULT_SETTINGS.currency).toBe('usd')
    expect(DEFAULT_SETTINGS.taxRateMicros).toBe(88750)
  })

  it('serve Manhattan for free and Upper Manhattan for a $25 travel fee', () => {
    const [manhattan, upper] = DEFAULT_SETTINGS.serviceAreas
    expect(manhattan).toMatchObject({ zone: 'Manhattan', travelFeeCents: 0 })
    expect(manhattan?.zips).toHaveLength(99)
    expect(manhattan?.zips[0]).toBe('10001')
    expect(manhattan?.zips.at(-1)).toBe('10099')
    expect(upper).toMatchObject({ zone: 'Upper Manhattan', travelFeeCents: 2500 })
    expect(upper?.zips).toHaveLength(200)
    expect(upper?.zips[0]).toBe('10100')
    expect(upper?.zips.at(-1)).toBe('10299')
  })

  it('generate zero-padded ZIP ranges', () => {
    expect(zipRange(501, 503)).toEqual(['00501', '00502', '00503'])
  })

  it('treat guests aged 12 and under as children', () => {
    expect(isChildAge(DEFAULT_SETTINGS, 12)).toBe(true)
    expect(isChildAge(DEFAULT_SETTINGS, 0)).toBe(true)
    expect(isChildAge(DEFAULT_SETTINGS, 13)).toBe(false)
  })
})

describe('parsing settings', () => {
  it('rejects a time zone that does not exist', () => {
    expect(() => parseSettings(settingsWith({ timezone: 'Mars/Olympus_Mons' }))).toThrow(ValidationError)
    expect(issuePaths(() => parseSettings(settingsWith({ timezone: 'Mars/Olympus_Mons' })))).toEqual(['timezone'])
  })

  it('rejects a raw UTC offset where an IANA zone name is required', () => {
    expect(issuePaths(() => parseSettings(settingsWith({ timezone: '+05:00' })))).toEqual(['timezone'])
    expect(isValidTimeZone('Europe/Paris')).toBe(true)
    expect(isValidTimeZone('UTC')).toBe(true)
  })

  it('strips unknown keys such as CMS ids and timestamps', () => {
    const parsed = parseSettings({ ...DEFAULT_SETTINGS, id: 7, updatedAt: '2026-01-01' })
    expect(parsed).toEqual(DEFAULT_SETTINGS)
    expect('id' in parsed).toBe(false)
  })

  it('requires whole-cent prices', () => {
    expect(issuePaths(() => parseSettings(settingsWith({ adultPriceCents: 59.99 })))).toEqual(['adultPriceCents'])
  })

  it('rejects a start window that ends before it begins', () => {
    const bad = settingsWith({ startWindow: { earliest: '18:00', latest: '11:00' } })
    expect(issuePaths(() => parseSettings(bad))).toEqual(['startWindow.latest'])
  })

  it('rejects a malformed start window time', () => {
    const bad = settingsWith({ startWindow: { earliest: '11am', latest: '22:00' } })
    expect(issuePaths(() => parseSettings(bad))).toEqual(['startWindow.earliest'])
  })

  it('rejects guest and duration limits that contradict each other', () => {
    const bad = settingsWith({ guests: { minTotal: 20, maxTotal: 10 }, minDurationMinutes: 500 })
    expect(issuePaths(() => parseSettings(bad))).toEqual(['defaultDurationMinutes', 'guests.minTotal', 'minDurationMinutes'])
  })

  it('rejects a ZIP that belongs to two zones', () => {
    const bad = settingsWith({
      serviceAreas: [
        { zone: 'A', zips: ['10001'], travelFeeCents: 0 },
        { zone: 'B', zips: ['10001'], travelFeeCents: 500 },
      ],
    })
    expect(issuePaths(() => parseSettings(bad))).toEqual(['serviceAreas.1.zips'])
  })

  it('rejects a blackout date that is not on the calendar', () => {
    expect(issuePaths(() => parseSettings(settingsWith({ blackoutDates: ['2026-02-30'] })))).toEqual(['blackoutDates.0'])
  })

  it('accepts a percentage deposit and rejects one over 100%', () => {
    expect(parseSettings(settingsWith({ deposit: { kind: 'percent', percent: 25 } })).deposit).toEqual({
      kind: 'percent',
      percent: 25,
    })
    expect(issuePaths(() => parseSettings(settingsWith({ deposit: { kind: 'percent', percent: 120 } })))).toEqual([
      'deposit.percent',
    ])
  })

  it('rejects refund tiers that repeat a day threshold or exceed 100%', () => {
    const bad = settingsWith({
      cancellationTiers: [
        { minDaysBefore: 7, refundPercent: 100 },
        { minDaysBefore: 7, refundPercent: 150 },
      ],
    })
    expect(issuePaths(() => parseSettings(bad))).toEqual([
      'cancellationTiers.1.minDaysBefore',
      'cancellationTiers.1.refundPercent',
    ])
  })

  it('reports every missing field of an empty object', () => {
    const paths = issuePaths(() => parseSettings({}))
    expect(paths).toContain('timezone')
    expect(paths).toContain('serviceAreas')
    expect(paths).toContain('deposit')
    expect(paths.length).toBeGreaterThanOrEqual(20)
  })
})
