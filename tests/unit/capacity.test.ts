import { describe, expect, it } from 'vitest'
import { blockedRange, blockedRangeOfEvent, chefsNeeded, rangesOverlap } from '../../src/domain/capacity'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { settingsWith } from './support'

describe('chefs needed for a party', () => {
  it('sends one chef for up to 15 guests', () => {
    expect(chefsNeeded(DEFAULT_SETTINGS, 1)).toBe(1)
    expect(chefsNeeded(DEFAULT_SETTINGS, 15)).toBe(1)
  })

  it('rounds up to another chef for every started group of 15', () => {
    expect(chefsNeeded(DEFAULT_SETTINGS, 16)).toBe(2)
    expect(chefsNeeded(DEFAULT_SETTINGS, 30)).toBe(2)
    expect(chefsNeeded(DEFAULT_SETTINGS, 31)).toBe(3)
    expect(chefsNeeded(DEFAULT_SETTINGS, 50)).toBe(4)
  })

  it('counts children as guests a chef cooks for', () => {
    expect(chefsNeeded(DEFAULT_SETTINGS, { adults: 10, children: 6 })).toBe(2)
    expect(chefsNeeded(DEFAULT_SETTINGS, { adults: 10 })).toBe(1)
  })

  it('never needs fewer than one chef', () => {
    expect(chefsNeeded(DEFAULT_SETTINGS, 0)).toBe(1)
  })

  it('follows the configured guests per chef', () => {
    expect(chefsNeeded(settingsWith({ guestsPerChef: 10 }), 21)).toBe(3)
  })
})

describe('time an event blocks', () => {
  it('blocks an hour before and an hour after the event', () => {
    const range = blockedRange(DEFAULT_SETTINGS, new Date('2026-06-10T21:00:00Z'), 120)
    expect(range.start.toISOString()).toBe('2026-06-10T20:00:00.000Z')
    expect(range.end.toISOString()).toBe('2026-06-11T00:00:00.000Z')
  })

  it('uses the configured buffers', () => {
    const settings = settingsWith({ bufferBeforeMinutes: 90, bufferAfterMinutes: 0 })
    const range = blockedRangeOfEvent(settings, new Date('2026-06-10T21:00:00Z'), new Date('2026-06-10T23:00:00Z'))
    expect(range.start.toISOString()).toBe('2026-06-10T19:30:00.000Z')
    expect(range.end.toISOString()).toBe('2026-06-10T23:00:00.000Z')
  })

  it('treats ranges that only touch as not overlapping', () => {
    const a = { start: new Date('2026-06-10T10:00:00Z'), end: new Date('2026-06-10T12:00:00Z') }
    const touching = { start: new Date('2026-06-10T12:00:00Z'), end: new Date('2026-06-10T14:00:00Z') }
    const overlapping = { start: new Date('2026-06-10T11:59:00Z'), end: new Date('2026-06-10T14:00:00Z') }
    expect(rangesOverlap(a, touching)).toBe(false)
    expect(rangesOverlap(touching, a)).toBe(false)
    expect(rangesOverlap(a, overlapping)).toBe(true)
    expect(rangesOverlap(overlapping, a)).toBe(true)
  })
})
