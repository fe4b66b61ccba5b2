import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDaysToDate,
  addMinutes,
  daysBetweenDates,
  eachDate,
  formatHHMM,
  instantToLocal,
  isRealDate,
  localToInstant,
  parseHHMM,
  todayInZone,
} from '../../src/domain/time'

const NY = 'America/New_York'

describe('local time ↔ instants in the business time zone', () => {
  it('puts 17:00 in New York at 21:00Z in summer and 22:00Z in winter', () => {
    expect(localToInstant('2026-07-01', '17:00', NY).toISOString()).toBe('2026-07-01T21:00:00.000Z')
    expect(localToInstant('2026-12-01', '17:00', NY).toISOString()).toBe('2026-12-01T22:00:00.000Z')
  })

  it('switches offset on the spring-forward day 2026-03-08', () => {
    expect(localToInstant('2026-03-07', '17:00', NY).toISOString()).toBe('2026-03-07T22:00:00.000Z')
    expect(localToInstant('2026-03-08', '17:00', NY).toISOString()).toBe('2026-03-08T21:00:00.000Z')
  })

  it('switches offset on the fall-back day 2026-11-01', () => {
    expect(localToInstant('2026-10-31', '17:00', NY).toISOString()).toBe('2026-10-31T21:00:00.000Z')
    expect(localToInstant('2026-11-01', '17:00', NY).toISOString()).toBe('2026-11-01T22:00:00.000Z')
  })

  it('moves a wall-clock time that does not exist forward past the spring-forward gap', () => {
    expect(localToInstant('2026-03-08', '02:30', NY).toISOString()).toBe('2026-03-08T07:30:00.000Z')
  })

  it('resolves a repeated fall-back time to its first occurrence', () => {
    expect(localToInstant('2026-11-01', '01:30', NY).toISOString()).toBe('2026-11-01T05:30:00.000Z')
  })

  it('handles half-hour zones and southern-hemisphere daylight saving', () => {
    expect(localToInstant('2026-06-10', '17:00', 'Asia/Kolkata').toISOString()).toBe('2026-06-10T11:30:00.000Z')
    // Sydney springs forward on 2026-10-04 (02:00 → 03:00) and falls back on 2026-04-05 (03:00 → 02:00).
    expect(localToInstant('2026-10-04', '02:30', 'Australia/Sydney').toISOString()).toBe('2026-10-03T16:30:00.000Z')
    expect(localToInstant('2026-04-05', '02:30', 'Australia/Sydney').toISOString()).toBe('2026-04-04T15:30:00.000Z')
    expect(instantToLocal(new Date('2026-04-04T16:30:00Z'), 'Australia/Sydney')).toEqual({ date: '2026-04-05', time: '02:30' })
  })

  it('converts every half hour of the DST days there and back again', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (let m = 0; m < 24 * 60; m += 30) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
        if (date === '2026-03-08' && time.startsWith('02:')) continue // does not exist that day
        expect(instantToLocal(localToInstant(date, time, NY), NY)).toEqual({ date, time })
      }
    }
  })

  it('reads instants back as local date and time', () => {
    expect(instantToLocal(new Date('2026-11-01T22:00:00Z'), NY)).toEqual({ date: '2026-11-01', time: '17:00' })
    expect(instantToLocal(new Date('2026-11-01T06:30:00Z'), NY)).toEqual({ date: '2026-11-01', time: '01:30' })
    expect(instantToLocal(new Date('2026-01-01T03:59:59Z'), NY)).toEqual({ date: '2025-12-31', time: '22:59' })
  })

  it('knows the business date even when UTC is already on the next day', () => {
    expect(todayInZone(new Date('2026-06-02T03:00:00Z'), NY)).toBe('2026-06-01')
    expect(todayInZone(new Date('2026-06-02T04:00:00Z'), NY)).toBe('2026-06-02')
  })

  it('rejects malformed dates and times with RangeError', () => {
    expect(() => localToInstant('2026-02-30', '17:00', NY)).toThrow(RangeError)
    expect(() => localToInstant('2026-06-01', '5pm', NY)).toThrow(RangeError)
  })

  it('adds whole minutes to an instant', () => {
    expect(addMinutes(new Date('2026-11-01T05:30:00Z'), 90).toISOString()).toBe('2026-11-01T07:00:00.000Z')
  })
})

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDaysToDate('2026-01-31', 1)).toBe('2026-02-01')
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDaysToDate('2026-06-01', 365)).toBe('2027-06-01')
  })

  it('does not drift across DST changes', () => {
    expect(addDaysToDate('2026-03-07', 1)).toBe('2026-03-08')
    expect(addDaysToDate('2026-03-08', 1)).toBe('2026-03-09')
    expect(addDaysToDate('2026-10-31', 2)).toBe('2026-11-02')
  })

  it('counts whole days between dates', () => {
    expect(daysBetweenDates('2026-01-01', '2026-03-03')).toBe(61)
    expect(daysBetweenDates('2026-03-03', '2026-01-01')).toBe(-61)
  })

  it('accepts only real calendar dates', () => {
    expect(isRealDate('2026-06-01')).toBe(true)
    expect(isRealDate('2028-02-29')).toBe(true)
    expect(isRealDate('2000-02-29')).toBe(true)
    expect(isRealDate('2026-02-29')).toBe(false)
    expect(isRealDate('2100-02-29')).toBe(false)
    expect(isRealDate('2026-04-31')).toBe(false)
    expect(isRealDate('2026-13-01')).toBe(false)
    expect(isRealDate('2026-6-1')).toBe(false)
    expect(isRealDate('2026-06-01T00:00')).toBe(false)
  })

  it('agrees with the Date-based calendar on every day of years 1–9999 (integer arithmetic, fast-check)', () => {
    /** The reference: Date's proleptic Gregorian calendar in UTC. */
    const viaDate = (date: string, n: number): string => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number]
      const t = new Date(0)
      t.setUTCFullYear(y, m - 1, d + n)
      return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`
    }
    const day = fc.date({ min: new Date('0001-03-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }).map((t) => t.toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, fc.integer({ min: -400 * 366, max: 400 * 366 }), (date, n) => {
        const expected = viaDate(date, n)
        if (expected.length !== 10 || expected < '0001-01-01') return
        expect(addDaysToDate(date, n)).toBe(expected)
        expect(daysBetweenDates(date, expected)).toBe(n)
      }),
      { numRuns: 5_000, seed: 20261204 },
    )
    // The ends of eras and centuries, where the leap rules differ.
    expect(addDaysToDate('1600-02-28', 1)).toBe('1600-02-29')
    expect(addDaysToDate('1700-02-28', 1)).toBe('1700-03-01')
    expect(addDaysToDate('1969-12-31', 1)).toBe('1970-01-01')
    expect(daysBetweenDates('1970-01-01', '0001-01-01')).toBe(-719_162)
  })

  it('converts the same instant the same way the second time (offsets are remembered by exact instant)', () => {
    const first = instantToLocal(new Date('2026-11-01T05:30:00Z'), NY)
    expect(instantToLocal(new Date('2026-11-01T05:30:00Z'), NY)).toEqual(first)
    expect(first).toEqual({ date: '2026-11-01', time: '01:30' })
    // One millisecond apart across the fall-back: different offsets, each right.
    expect(instantToLocal(new Date('2026-11-01T05:59:59.999Z'), NY).time).toBe('01:59')
    expect(instantToLocal(new Date('2026-11-01T06:00:00.000Z'), NY).time).toBe('01:00')
  })

  it('lists every date in a range, both ends included', () => {
    expect(eachDate('2026-10-30', '2026-11-03')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ])
    expect(eachDate('2026-06-01', '2026-06-01')).toEqual(['2026-06-01'])
    expect(eachDate('2026-06-02', '2026-06-01')).toEqual([])
  })
})

describe('HH:MM clock times', () => {
  it('converts HH:MM to minutes since midnight and back', () => {
    expect(parseHHMM('00:00')).toBe(0)
    expect(parseHHMM('11:30')).toBe(690)
    expect(parseHHMM('23:59')).toBe(1439)
    expect(formatHHMM(690)).toBe('11:30')
    expect(formatHHMM(0)).toBe('00:00')
  })

  it('rejects times outside the 24-hour clock', () => {
    for (const bad of ['24:00', '7:30', '12:60', '12:5', '']) {
      expect(() => parseHHMM(bad)).toThrow(RangeError)
    }
    expect(() => formatHHMM(1440)).toThrow(RangeError)
    expect(() => formatHHMM(-1)).toThrow(RangeError)
    expect(() => formatHHMM(1.5)).toThrow(RangeError)
  })
})
