import { describe, expect, it } from 'vitest'

import {
  assertBeforeEvent,
  ConflictError,
  decideDuration,
  DEFAULT_SETTINGS,
  grandfatheredItems,
  isOnSlotGrid,
  needsRepricing,
  refundBasis,
  validateEventRequest,
  ValidationError,
} from '../../src/domain'

const S = { ...DEFAULT_SETTINGS, startWindow: { earliest: '11:00', latest: '21:00' }, slotIntervalMinutes: 30, defaultDurationMinutes: 120 }
const party = { adults: 6, children: 2 }

describe('duration', () => {
  it('gives a customer the duration the settings give their party, whatever they ask', () => {
    expect(decideDuration(S, { byStaff: false, requested: 480, guests: party })).toBe(120)
  })
  it('keeps a stored duration when a customer changes something else', () => {
    expect(decideDuration(S, { byStaff: false, requested: 60, stored: 240, guests: party })).toBe(240)
  })
  it('lets staff choose another duration', () => {
    expect(decideDuration(S, { byStaff: true, requested: 240, guests: party })).toBe(240)
  })
})

describe('slot grid', () => {
  it.each([
    ['11:00', true],
    ['11:30', true],
    ['21:00', true],
    ['17:15', false],
    ['10:30', false],
    ['21:30', false],
    ['7:00', false],
  ])('%s is on the grid: %s', (time, expected) => {
    expect(isOnSlotGrid(S, time)).toBe(expected)
  })

  it('names startTime when a customer picks a time off the grid, and lets staff do it', () => {
    const request = { eventDate: '2030-06-12', startTime: '17:15', guests: { adults: 4 } }
    const now = new Date('2030-05-01T12:00:00Z')
    const refused = (() => {
      try {
        validateEventRequest(S, request, now, { onSlotGrid: true })
        return undefined
      } catch (err) {
        return err
      }
    })()
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).issues.map((i) => i.path)).toEqual(['startTime'])
    expect(() => validateEventRequest(S, request, now)).not.toThrow()
  })
})

describe('re-pricing', () => {
  it('re-prices a new booking, a new party or menu, or when staff ask', () => {
    const none = { creating: false, partyChanged: false, menuChanged: false, staffAskedToReprice: false }
    expect(needsRepricing(none)).toBe(false)
    expect(needsRepricing({ ...none, creating: true })).toBe(true)
    expect(needsRepricing({ ...none, partyChanged: true })).toBe(true)
    expect(needsRepricing({ ...none, menuChanged: true })).toBe(true)
    expect(needsRepricing({ ...none, staffAskedToReprice: true })).toBe(true)
  })
  it('keeps the items already on a booking priceable', () => {
    expect([...grandfatheredItems([{ item: '4' }, { item: '9' }])].sort()).toEqual(['4', '9'])
  })
})

describe('refund basis', () => {
  const early = new Date('2030-01-10T17:00:00Z')
  const late = new Date('2030-04-10T17:00:00Z')
  it('stays at the original start when the event moves later', () => {
    expect(refundBasis(early, late)).toEqual(early)
  })
  it('follows the event when it moves earlier', () => {
    expect(refundBasis(late, early)).toEqual(early)
  })
  it('is the start itself on a new booking', () => {
    expect(refundBasis(null, late)).toEqual(late)
  })
})

describe('the manage link and a started event', () => {
  it('refuses once the event has started, with reason event_passed', () => {
    const start = new Date('2030-01-10T17:00:00Z')
    expect(() => assertBeforeEvent(start, new Date('2030-01-10T16:59:00Z'), 'cancel')).not.toThrow()
    let caught: unknown
    try {
      assertBeforeEvent(start, start, 'reschedule')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(ConflictError)
    expect((caught as ConflictError).reason).toBe('event_passed')
  })
})
