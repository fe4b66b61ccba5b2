'use client'
/**
 * The calendar's week view: one row per lane (each chef, then "Unassigned"), one column per day,
 * each booking a card in its lane's cell for its day. A time grid with a lane per chef for each of
 * seven days is wider than any screen; a catering day has a few events, so a card with the times
 * says more in less room. Plugged into react-big-calendar as its `week` view (its toolbar, its
 * navigation), with the static range/navigate/title every view has.
 * A card is a button (choose it for the keyboard panel), a drop target for a chef chip, and can
 * be dragged into another lane on the same day; a drop on another day is refused in words.
 */
import { createContext, useContext, type DragEvent, type ReactNode } from 'react'
import type { DateLocalizer, NavigateAction, TitleOptions } from 'react-big-calendar'

import { CHEF_DRAG_TYPE, type BoardEvent } from './types'

/** The drag payload type of a booking card. */
const BOOKING_DRAG_TYPE = 'application/x-myhibachi-booking'

export interface LaneWeekHandlers {
  lanes: { id: string; title: string }[]
  isBlackout: (day: Date) => boolean
  onLaneDrop: (event: BoardEvent, toLane: string | undefined, moved: boolean) => void
  onChefDrop: (bookingId: string, chefId: string) => void
  onChoose: (event: BoardEvent) => void
  /** The card's content (the same as the day view's event). */
  renderEvent: (event: BoardEvent) => ReactNode
}

export const LaneWeekContext = createContext<LaneWeekHandlers>({
  lanes: [],
  isBlackout: () => false,
  onLaneDrop: () => undefined,
  onChefDrop: () => undefined,
  onChoose: () => undefined,
  renderEvent: () => null,
})

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
}

function weekDays(date: Date, localizer: DateLocalizer): Date[] {
  const firstOfWeek = localizer.startOfWeek('en-US')
  return localizer.range(localizer.startOf(date, 'week', firstOfWeek), localizer.endOf(date, 'week', firstOfWeek))
}

interface LaneWeekProps {
  date: Date
  events: BoardEvent[]
  localizer: DateLocalizer
}

export function LaneWeek({ date, events, localizer }: LaneWeekProps) {
  const { lanes, isBlackout, onLaneDrop, onChefDrop, onChoose, renderEvent } = useContext(LaneWeekContext)
  const days = weekDays(date, localizer)
  const byKey = new Map(events.map((e) => [e.key, e]))

  const accepts = (e: DragEvent, type: string) => e.dataTransfer.types.includes(type)

  function dropOnCell(e: DragEvent, laneId: string, day: Date) {
    const key = e.dataTransfer.getData(BOOKING_DRAG_TYPE)
    const event = key ? byKey.get(key) : undefined
    if (!event) return
    e.preventDefault()
    if (!sameDay(event.start, day)) onLaneDrop(event, undefined, true)
    else onLaneDrop(event, laneId, false)
  }

  return (
    <div className="cal-week" data-testid="cal-week">
      <table className="cal-week__table">
        <caption className="cal-week__caption">Bookings of the week by chef</caption>
        <thead>
          <tr>
            <th scope="col" className="cal-week__lane-head">
              Chef
            </th>
            {days.map((d) => (
              <th key={d.toISOString()} scope="col" className={isBlackout(d) ? 'cal-week__day cal-blackout-day' : 'cal-week__day'}>
                {localizer.format(d, 'EEE d MMM', 'en-US')}
                {isBlackout(d) ? <span className="cal-week__blackout"> (blackout)</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lanes.map((lane) => (
            <tr key={lane.id} data-lane={lane.id}>
              <th scope="row" className="cal-week__lane">
                {lane.title}
              </th>
              {days.map((d) => {
                const here = events.filter((e) => e.laneId === lane.id && sameDay(e.start, d)).sort((a, b) => a.start.getTime() - b.start.getTime())
                return (
                  <td
                    key={d.toISOString()}
                    data-day={`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`}
                    className={isBlackout(d) ? 'cal-week__cell cal-blackout-day' : 'cal-week__cell'}
                    onDragOver={(e) => {
                      if (!accepts(e, BOOKING_DRAG_TYPE)) return
                      e.preventDefault()
                      e.dataTransfer.dropEffect = 'move'
                    }}
                    onDrop={(e) => dropOnCell(e, lane.id, d)}
                  >
                    {here.map((ev) => (
                      <button
                        key={ev.key}
                        type="button"
                        className={`rbc-event cal-ev cal-ev--${ev.booking.status}${ev.laneId === 'unassigned' ? ' cal-ev--unassigned' : ''} cal-week__card`}
                        title={ev.title}
                        data-booking-id={ev.bookingId}
                        data-lane={ev.laneId}
                        data-date={`${ev.start.getFullYear()}-${String(ev.start.getMonth() + 1).padStart(2, '0')}-${String(ev.start.getDate()).padStart(2, '0')}`}
                        draggable={ev.draggable}
                        onDragStart={(e) => {
                          e.dataTransfer.setData(BOOKING_DRAG_TYPE, ev.key)
                          e.dataTransfer.effectAllowed = 'move'
                        }}
                        onDragOver={(e) => {
                          if (!accepts(e, CHEF_DRAG_TYPE)) return
                          e.preventDefault()
                          e.dataTransfer.dropEffect = 'copy'
                        }}
                        onDrop={(e) => {
                          const chefId = e.dataTransfer.getData(CHEF_DRAG_TYPE)
                          if (!chefId) return
                          e.preventDefault()
                          e.stopPropagation()
                          onChefDrop(ev.bookingId, chefId)
                        }}
                        onClick={() => onChoose(ev)}
                      >
                        <span className="cal-week__time">
                          {localizer.format(ev.start, 'HH:mm', 'en-US')}–{localizer.format(ev.end, 'HH:mm', 'en-US')}
                        </span>
                        {renderEvent(ev)}
                      </button>
                    ))}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

LaneWeek.range = (date: Date, { localizer }: { localizer: DateLocalizer }): Date[] => weekDays(date, localizer)

LaneWeek.navigate = (date: Date, action: NavigateAction, { localizer }: { localizer: DateLocalizer }): Date => {
  if (action === 'PREV') return localizer.add(date, -1, 'week')
  if (action === 'NEXT') return localizer.add(date, 1, 'week')
  return date
}

// react-big-calendar calls it with its localizer among the options (typed as an index signature).
LaneWeek.title = (date: Date, options: TitleOptions): string => {
  const localizer = options.localizer as DateLocalizer
  const days = weekDays(date, localizer)
  const first = days[0] ?? date
  const last = days[days.length - 1] ?? date
  return localizer.format({ start: first, end: last }, 'dayRangeHeaderFormat', 'en-US')
}
