import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/domain/errors'
import { DEFAULT_SETTINGS } from '../../src/domain/settings'
import { findServiceZone, validateEventRequest, type EventRequest } from '../../src/domain/validation'
import { issuePaths, settingsWith, validationIssues } from './support'

// 2026-06-01 11:00 in New York (EDT, UTC−4).
const NOW = new Date('2026-06-01T15:00:00Z')

const good: EventRequest = {
  eventDate: '2026-06-10',
  startTime: '17:00',
  durationMinutes: 120,
  guests: { adults: 10, children: 2 },
  address: { zip: '10001' },
}

function check(req: Partial<EventRequest>, settings = DEFAULT_SETTINGS, now = NOW): void {
  validateEventRequest(settings, { ...good, ...req }, now)
}

describe('validating an event request', () => {
  it('accepts a normal dinner for twelve in Manhattan', () => {
    expect(() => check({})).not.toThrow()
  })

  it('accepts starts at the very beginning and end of the start window', () => {
    expect(() => check({ startTime: '11:00' })).not.toThrow()
    expect(() => check({ startTime: '22:00' })).not.toThrow()
  })

  it('accepts a start time off the 30-minute slot grid', () => {
    expect(() => check({ startTime: '17:15' })).not.toThrow()
  })

  it('rejects a start before the window opens', () => {
    const issues = validationIssues(() => check({ startTime: '10:30' }))
    expect(issues).toEqual([{ path: 'startTime', message: 'Events can start between 11:00 and 22:00' }])
  })

  it('rejects a start after the last allowed start', () => {
    expect(issuePaths(() => check({ startTime: '22:30' }))).toEqual(['startTime'])
  })

  it('rejects a start time that is not HH:MM', () => {
    expect(issuePaths(() => check({ startTime: '5pm' }))).toEqual(['startTime'])
  })

  it('rejects a date that is not on the calendar', () => {
    expect(issuePaths(() => check({ eventDate: '2026-06-31' }))).toEqual(['eventDate'])
  })

  it('rejects a date in the past', () => {
    const issues = validationIssues(() => check({ eventDate: '2026-05-30' }))
    expect(issues).toEqual([{ path: 'eventDate', message: 'That date and time is in the past' }])
  })

  it('accepts an event starting exactly 48 hours from now', () => {
    expect(() => check({ eventDate: '2026-06-03', startTime: '11:00' })).not.toThrow()
  })

  it('rejects an event starting one minute inside the 48-hour lead time', () => {
    const oneMinuteLater = new Date(NOW.getTime() + 60_000)
    const issues = validationIssues(() => check({ eventDate: '2026-06-03', startTime: '11:00' }, DEFAULT_SETTINGS, oneMinuteLater))
    expect(issues).toEqual([{ path: 'eventDate', message: 'Events must be booked at least 48 hours in advance' }])
  })

  it('measures lead time to the event start, not the start of its day', () => {
    expect(issuePaths(() => check({ eventDate: '2026-06-02', startTime: '22:00' }))).toEqual(['eventDate'])
  })

  it('accepts a date exactly 365 days ahead and rejects the day after', () => {
    expect(() => check({ eventDate: '2027-06-01' })).not.toThrow()
    const issues = validationIssues(() => check({ eventDate: '2027-06-02' }))
    expect(issues).toEqual([{ path: 'eventDate', message: 'Events can be booked at most 365 days in advance' }])
  })

  it('rejects a blackout date', () => {
    const settings = settingsWith({ blackoutDates: ['2026-07-04'] })
    const issues = validationIssues(() => check({ eventDate: '2026-07-04' }, settings))
    expect(issues).toEqual([{ path: 'eventDate', message: 'We are not taking events on that date' }])
    expect(() => check({ eventDate: '2026-07-05' }, settings)).not.toThrow()
  })

  it('rejects more guests than the maximum', () => {
    expect(issuePaths(() => check({ guests: { adults: 45, children: 6 } }))).toEqual(['guests'])
    expect(() => check({ guests: { adults: 45, children: 5 } })).not.toThrow()
  })

  it('rejects an event with nobody attending', () => {
    expect(issuePaths(() => check({ guests: { adults: 0, children: 0 } }))).toEqual(['guests', 'guests.adults'])
  })

  it('requires at least one adult', () => {
    expect(issuePaths(() => check({ guests: { adults: 0, children: 4 } }))).toEqual(['guests.adults'])
  })

  it('counts missing children as none', () => {
    expect(() => check({ guests: { adults: 1 } })).not.toThrow()
  })

  it('rejects durations outside 1 to 8 hours', () => {
    expect(issuePaths(() => check({ durationMinutes: 30 }))).toEqual(['durationMinutes'])
    expect(issuePaths(() => check({ durationMinutes: 481 }))).toEqual(['durationMinutes'])
    expect(() => check({ durationMinutes: 60 })).not.toThrow()
    expect(() => check({ durationMinutes: 480 })).not.toThrow()
  })

  it('uses the default duration when none is given', () => {
    const { durationMinutes: _omit, ...withoutDuration } = good
    expect(_omit).toBe(120)
    expect(() => validateEventRequest(settingsWith({ minDurationMinutes: 150, defaultDurationMinutes: 180 }), withoutDuration, NOW)).not.toThrow()
    expect(
      issuePaths(() => validateEventRequest(settingsWith({ defaultDurationMinutes: 30, minDurationMinutes: 60 }), withoutDuration, NOW)),
    ).toEqual(['durationMinutes'])
  })

  it('tells the customer we do not serve a ZIP outside our area yet', () => {
    const issues = validationIssues(() => check({ address: { zip: '11201' } }))
    expect(issues).toEqual([{ path: 'address.zip', message: 'Sorry, we do not serve ZIP 11201 yet' }])
  })

  it('skips the ZIP check when no address is given', () => {
    const { address: _omit, ...withoutAddress } = good
    expect(_omit).toEqual({ zip: '10001' })
    expect(() => validateEventRequest(DEFAULT_SETTINGS, withoutAddress, NOW)).not.toThrow()
  })

  it('reports every broken rule in one error', () => {
    const err = (() => {
      try {
        check({ startTime: '09:00', guests: { adults: 0, children: 60 }, durationMinutes: 10, address: { zip: '90210' }, eventDate: '2020-01-01' })
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(ValidationError)
    expect(err instanceof ValidationError ? err.issues.map((i) => i.path).sort() : []).toEqual([
      'address.zip',
      'durationMinutes',
      'eventDate',
      'guests',
      'guests.adults',
      'startTime',
    ])
  })
})

describe('finding the service zone for a ZIP', () => {
  it('finds Manhattan and Upper Manhattan ZIPs', () => {
    expect(findServiceZone(DEFAULT_SETTINGS, '10001')?.zone).toBe('Manhattan')
    expect(findServiceZone(DEFAULT_SETTINGS, '10099')?.zone).toBe('Manhattan')
    expect(findServiceZone(DEFAULT_SETTINGS, '10100')?.zone).toBe('Upper Manhattan')
    expect(findServiceZone(DEFAULT_SETTINGS, '10299')?.travelFeeCents).toBe(2500)
  })

  it('returns null for a ZIP outside every zone', () => {
    expect(findServiceZone(DEFAULT_SETTINGS, '10300')).toBeNull()
    expect(findServiceZone(DEFAULT_SETTINGS, '10000')).toBeNull()
  })
})

describe('edits that keep the date and time', () => {
  it('skip the clock rules but keep the party and area rules', () => {
    const validate = validateEventRequest
    const S = DEFAULT_SETTINGS
    const now = new Date('2027-05-01T12:00:00Z')
    const tomorrow = { eventDate: '2027-05-02', startTime: '18:00', guests: { adults: 4, children: 0 }, address: { zip: '10001' } }
    expect(() => validate(S, tomorrow, now)).toThrow(/hours in advance/)
    expect(() => validate(S, tomorrow, now, { checkWhen: false })).not.toThrow()
    expect(() => validate(S, { ...tomorrow, guests: { adults: 0, children: 0 } }, now, { checkWhen: false })).toThrow(/adult/)
  })
})
