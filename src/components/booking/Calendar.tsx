'use client'
/**
 * A month calendar of bookable days: a table of buttons, one per day, operable by keyboard
 * (arrows move a day or a week, Home/End the start or end of the week, PageUp/PageDown a month;
 * only the focused day is in the tab order). Unavailable days stay focusable so screen-reader
 * users hear why, but cannot be chosen. It shows what it is given; it never fetches.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react'

import { addDaysToDate, daysBetweenDates } from '../../domain/time'
import { dateLabel, monthLabel, weekday } from './labels'

export type DayState = 'available' | 'unavailable' | 'loading'

export interface CalendarProps {
  /** 'YYYY-MM' shown. */
  month: string
  firstDate: string
  lastDate: string
  selected: string | null
  /** Focused day (roving tab stop); inside `month`. */
  focused: string
  dayState: (date: string) => DayState
  onSelect: (date: string) => void
  onFocusDate: (date: string) => void
  /** Label id of the heading that names what the calendar is for. */
  labelledBy: string
  /** Finer words for a day's state (the staff form's "full or blackout"); the state's own words otherwise. */
  dayStatus?: (date: string) => string | undefined
  /** A styling hook per day (data-kind), beside the three states. */
  dayKind?: (date: string) => string | undefined
}

const WEEKDAYS = [
  ['Sun', 'Sunday'],
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
] as const

export function monthOf(date: string): string {
  return date.slice(0, 7)
}

export function addMonths(month: string, n: number): string {
  const [y = 1970, m = 1] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + n
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function daysInMonth(month: string): string[] {
  const first = `${month}-01`
  const next = `${addMonths(month, 1)}-01`
  const n = daysBetweenDates(first, next)
  return Array.from({ length: n }, (_, i) => addDaysToDate(first, i))
}

function clampDate(date: string, first: string, last: string): string {
  if (date < first) return first
  if (date > last) return last
  return date
}

/** The same day `n` months away, or that month's last day when it is shorter. */
function sameDayMonthsAway(date: string, n: number): string {
  const m = addMonths(monthOf(date), n)
  const day = Math.min(Number(date.slice(8)), daysInMonth(m).length)
  return `${m}-${String(day).padStart(2, '0')}`
}

/** Where each navigation key moves the focus from a day (before clamping to the bookable window). */
const KEY_MOVES = new Map<string, (date: string) => string>([
  ['ArrowLeft', (d) => addDaysToDate(d, -1)],
  ['ArrowRight', (d) => addDaysToDate(d, 1)],
  ['ArrowUp', (d) => addDaysToDate(d, -7)],
  ['ArrowDown', (d) => addDaysToDate(d, 7)],
  ['Home', (d) => addDaysToDate(d, -weekday(d))],
  ['End', (d) => addDaysToDate(d, 6 - weekday(d))],
  ['PageUp', (d) => sameDayMonthsAway(d, -1)],
  ['PageDown', (d) => sameDayMonthsAway(d, 1)],
])

export function Calendar(props: CalendarProps) {
  const { month, firstDate, lastDate, selected, focused, dayState, onSelect, onFocusDate, labelledBy, dayStatus, dayKind } = props
  const gridRef = useRef<HTMLTableElement>(null)
  const moved = useRef(false)

  useEffect(() => {
    // Move DOM focus only after a keyboard move inside the grid, not on first render.
    if (!moved.current) return
    moved.current = false
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${focused}"]`)?.focus()
  }, [focused, month])

  const days = daysInMonth(month)
  const lead = weekday(days[0] as string)
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days]
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, date: string) {
    const move = KEY_MOVES.get(e.key)
    if (!move) return
    const target = move(date)
    e.preventDefault()
    moved.current = true
    onFocusDate(clampDate(target, firstDate, lastDate))
  }

  return (
    <table className="calendar" ref={gridRef} aria-labelledby={labelledBy}>
      <caption>{monthLabel(month)}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th key={short} scope="col" abbr={long}>
              {short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, wi) => (
          <tr key={wi}>
            {week.map((date, di) => {
              if (date === null) return <td key={di} />
              const outside = date < firstDate || date > lastDate
              const state: DayState = outside ? 'unavailable' : dayState(date)
              const isSelected = date === selected
              const status = (outside ? undefined : dayStatus?.(date)) ?? (state === 'available' ? 'available' : state === 'loading' ? 'checking availability' : 'not available')
              return (
                <td key={date}>
                  <button
                    type="button"
                    data-date={date}
                    data-state={state}
                    title={dayStatus ? status : undefined}
                    data-kind={outside ? undefined : dayKind?.(date)}
                    // The state is styled through data-state alone (book.inline-css): when a month's
                    // availability arrives, each day changes one attribute that styles depend on.
                    className={isSelected ? 'calendar-day is-selected' : 'calendar-day'}
                    tabIndex={date === focused ? 0 : -1}
                    aria-pressed={isSelected}
                    aria-disabled={state !== 'available'}
                    aria-label={`${dateLabel(date)}, ${status}`}
                    onClick={() => {
                      onFocusDate(date)
                      if (state === 'available') onSelect(date)
                    }}
                    onKeyDown={(e) => onKeyDown(e, date)}
                  >
                    {Number(date.slice(8))}
                  </button>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
