/**
 * The pieces the booking form and the manage page share around the calendar: month paging
 * buttons and the radio list of free start times. Presentational only.
 */
import { addMonths, monthOf } from './Calendar'
import { timeLabel } from './labels'

/** Month paging; `focus` is the day that should take the calendar's tab stop in the new month. */
export function MonthNav({ month, firstDate, lastDate, onMonth }: { month: string; firstDate: string; lastDate: string; onMonth: (month: string, focus: string) => void }) {
  const go = (m: string) => onMonth(m, m === monthOf(firstDate) ? firstDate : `${m}-01`)
  return (
    <div className="calendar-nav">
      <button type="button" className="button-secondary" disabled={month <= monthOf(firstDate)} onClick={() => go(addMonths(month, -1))}>
        ‹ Previous month
      </button>
      <button type="button" className="button-secondary" disabled={month >= monthOf(lastDate)} onClick={() => go(addMonths(month, 1))}>
        Next month ›
      </button>
    </div>
  )
}

export function SlotPicker({ id, name, times, selected, onSelect }: { id: string; name: string; times: string[]; selected: string | null; onSelect: (time: string) => void }) {
  return (
    <div className="slot-grid" id={id} tabIndex={-1}>
      {times.map((time) => (
        <label key={time} className={`slot${selected === time ? ' is-selected' : ''}`}>
          <input type="radio" name={name} value={time} checked={selected === time} onChange={() => onSelect(time)} />
          <span>{timeLabel(time)}</span>
        </label>
      ))}
    </div>
  )
}
