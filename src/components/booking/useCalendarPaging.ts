'use client'
/**
 * Which month a calendar shows and which day holds its tab stop, shared by the booking form and
 * the manage page's reschedule panel. The state lives with the page, not the calendar, so the
 * month survives the calendar being hidden (another step, a closed panel) and shown again.
 */
import { useCallback, useState } from 'react'

import { monthOf } from './Calendar'

export interface CalendarPaging {
  /** 'YYYY-MM' shown. */
  month: string
  /** The day with the calendar's tab stop. */
  focused: string
  /** MonthNav's handler: show `month` with `focus` as the tab stop. */
  onMonth: (month: string, focus: string) => void
  /** Calendar's handler: the keyboard moved to `date`, possibly into another month. */
  onFocusDate: (date: string) => void
  /** Show `date`'s month with `date` focused (stable: safe in effect dependencies). */
  showDate: (date: string) => void
}

export function useCalendarPaging(startDate: string): CalendarPaging {
  const [month, setMonth] = useState(() => monthOf(startDate))
  const [focused, setFocused] = useState(startDate)

  const showDate = useCallback((date: string) => {
    setMonth(monthOf(date))
    setFocused(date)
  }, [])

  return {
    month,
    focused,
    onMonth: (m, focus) => {
      setMonth(m)
      setFocused(focus)
    },
    onFocusDate: (date) => {
      setFocused(date)
      if (monthOf(date) !== month) setMonth(monthOf(date))
    },
    showDate,
  }
}
