'use client'
/**
 * The big calendar itself: react-big-calendar (MIT) with its drag-and-drop addon, loaded only by
 * the calendar view (CalendarClient imports this file dynamically), so the rest of the admin does
 * not carry it. The day view has one lane (resource) per chef plus "Unassigned"; the week view is
 * LaneWeek (a row per lane, a column per day); the month view has no lanes. Dragging a booking into another lane, or a chef chip onto a booking, is handed
 * back to CalendarClient, which decides and saves; this file only draws and reports.
 * Times are floating wall-clock Dates (see types.ts), so the browser's own zone never shifts them.
 */
import { createContext, useCallback, useContext, useMemo, type DragEvent } from 'react'
import { Calendar, dateFnsLocalizer, type DateLocalizer, type EventProps, type Formats, type View } from 'react-big-calendar'
import withDragAndDrop, { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop'
import { format, getDay, parse, startOfWeek } from 'date-fns'
import { enUS } from 'date-fns/locale'
import 'react-big-calendar/lib/css/react-big-calendar.css'
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css'

import { instantToLocal } from '../../../domain/time'
import { LaneWeek, LaneWeekContext, type LaneWeekHandlers } from './LaneWeek'
import { CHEF_DRAG_TYPE, type BoardEvent, type BoardProps } from './types'

const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { 'en-US': enUS } })
const DnDCalendar = withDragAndDrop<BoardEvent, { id: string; title: string }>(Calendar)

/** The 24-hour clock the business writes its times in ("17:00–20:00"). */
const range = ({ start, end }: { start: Date; end: Date }, culture?: string, loc?: DateLocalizer) => `${loc?.format(start, 'HH:mm', culture) ?? ''}–${loc?.format(end, 'HH:mm', culture) ?? ''}`
const formats: Formats = { timeGutterFormat: 'HH:mm', eventTimeRangeFormat: range, selectRangeFormat: range, agendaTimeRangeFormat: range }

const ChefDropContext = createContext<(bookingId: string, chefId: string) => void>(() => undefined)

function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** What a booking's box says: the name, the party and city, the chefs (spans: it also sits in a button). */
function BookingFacts({ event }: { event: BoardEvent }) {
  const b = event.booking
  return (
    <>
      <span className="cal-event__name">{b.name}</span>
      <span className="cal-event__facts">
        {b.guests} guest{b.guests === 1 ? '' : 's'} · {b.city}
      </span>
      <span className="cal-event__chefs">{event.chefNames.length > 0 ? event.chefNames.join(', ') : 'No chef yet'}</span>
    </>
  )
}

/** The drop handlers that let a chef chip land on a booking. */
function useChefDrop(bookingId: string) {
  const onChefDrop = useContext(ChefDropContext)
  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(CHEF_DRAG_TYPE)
  return {
    onDragOver: (e: DragEvent) => {
      if (!accepts(e)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
    },
    onDrop: (e: DragEvent) => {
      const chefId = e.dataTransfer.getData(CHEF_DRAG_TYPE)
      if (!chefId) return
      e.preventDefault()
      e.stopPropagation()
      onChefDrop(bookingId, chefId)
    },
  }
}

/** One booking in a lane of the day view; also the drop target of a chef chip. */
function BookingEvent({ event }: EventProps<BoardEvent>) {
  const drop = useChefDrop(event.bookingId)
  return (
    <div className="cal-event" data-booking-id={event.bookingId} data-lane={event.laneId} {...drop}>
      <BookingFacts event={event} />
    </div>
  )
}

/**
 * One booking in a month cell, on one line (start time, name, party): react-big-calendar fits as
 * many one-line rows as the cell holds and puts the rest behind "+N more", which a taller box
 * would defeat (the last one was cut off).
 */
function MonthEvent({ event }: EventProps<BoardEvent>) {
  const drop = useChefDrop(event.bookingId)
  const b = event.booking
  const hhmm = `${String(event.start.getHours()).padStart(2, '0')}:${String(event.start.getMinutes()).padStart(2, '0')}`
  return (
    <span className="cal-event cal-event--month" data-booking-id={event.bookingId} data-lane={event.laneId} {...drop}>
      {hhmm} {b.name} · {b.guests}
    </span>
  )
}

/**
 * The day view's heading as plain text: with lanes, react-big-calendar puts its
 * default `columnheader` spans in a row that has no `row` role, which screen readers cannot place.
 */
function PlainDayHeader({ label }: { label: string }) {
  return <span>{label}</span>
}

const views = { month: true, week: LaneWeek, day: true }

export default function CalendarBoard({ view, date, events, lanes, blackouts, timeZone, onNavigate, onLaneDrop, onChefDrop, onChoose }: BoardProps) {
  const blackoutSet = useMemo(() => new Set(blackouts), [blackouts])
  const dayPropGetter = useCallback((d: Date) => (blackoutSet.has(ymd(d)) ? { className: 'cal-blackout-day', title: 'Blackout date: no events' } : {}), [blackoutSet])
  const eventPropGetter = useCallback(
    (e: BoardEvent) => ({ className: `cal-ev cal-ev--${e.booking.status}${e.laneId === 'unassigned' ? ' cal-ev--unassigned' : ''}` }),
    [],
  )
  // "Now" on the business's clock, as a floating Date like the events.
  const getNow = useCallback(() => {
    const now = instantToLocal(new Date(), timeZone)
    const [y, m, d] = now.date.split('-').map(Number) as [number, number, number]
    const [hh, mm] = now.time.split(':').map(Number) as [number, number]
    return new Date(y, m - 1, d, hh, mm)
  }, [timeZone])
  const components = useMemo(() => ({ event: BookingEvent, month: { event: MonthEvent }, day: { header: PlainDayHeader } }), [])
  const laneWeek = useMemo<LaneWeekHandlers>(
    () => ({ lanes: lanes ?? [], isBlackout: (d) => blackoutSet.has(ymd(d)), onLaneDrop, onChefDrop, onChoose, renderEvent: (e) => <BookingFacts event={e} /> }),
    [lanes, blackoutSet, onLaneDrop, onChefDrop, onChoose],
  )
  const scrollToTime = useMemo(() => new Date(1970, 0, 1, 10, 0), [])

  return (
    <ChefDropContext.Provider value={onChefDrop}>
      <LaneWeekContext.Provider value={laneWeek}>
      <DnDCalendar
        localizer={localizer}
        formats={formats}
        culture="en-US"
        events={events}
        view={view as View}
        views={views}
        date={date}
        onNavigate={(d, v) => onNavigate(d, (v ?? view) as BoardProps['view'])}
        onView={(v) => onNavigate(date, v as BoardProps['view'])}
        getNow={getNow}
        startAccessor="start"
        endAccessor="end"
        titleAccessor="title"
        tooltipAccessor="title"
        resources={lanes}
        resourceIdAccessor="id"
        resourceTitleAccessor="title"
        resourceAccessor={(e: BoardEvent) => e.laneId}
        resourceGroupingLayout
        dayPropGetter={dayPropGetter}
        eventPropGetter={eventPropGetter}
        components={components}
        scrollToTime={scrollToTime}
        step={30}
        timeslots={2}
        popup
        resizable={false}
        draggableAccessor={(e: BoardEvent) => e.draggable}
        onEventDrop={({ event, start, resourceId }: EventInteractionArgs<BoardEvent>) => {
          const moved = new Date(start).getTime() !== event.start.getTime()
          onLaneDrop(event, resourceId === undefined ? undefined : String(resourceId), moved)
        }}
        onSelectEvent={(e: BoardEvent) => onChoose(e)}
        onKeyPressEvent={(e: BoardEvent, ev) => {
          const key = (ev as unknown as KeyboardEvent).key
          if (key === 'Enter' || key === ' ') {
            ev.preventDefault()
            onChoose(e)
          }
        }}
        style={view === 'week' ? undefined : { height: view === 'month' ? 760 : 900 }}
      />
      </LaneWeekContext.Provider>
    </ChefDropContext.Provider>
  )
}
