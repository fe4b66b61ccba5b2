'use client'
/**
 * The browser part of the chef calendar: the chef chips to drag, the big calendar (loaded on
 * demand: next/dynamic keeps react-big-calendar out of every other admin page), the panel that
 * does the same by keyboard (choose a booking, pick a chef, save), the list of shown bookings
 * (each one a button that opens the panel), and one live region that says what happened.
 * Every change is Payload's own PATCH /api/bookings/:id with the booking's new `assignedChefs`,
 * as the signed-in staff member: the booking hook and the database's no-overlap trigger answer,
 * and a 409 is shown in words naming the booking that holds the chef when the calendar has it.
 * The page then refreshes from the server; nothing is changed on screen before the server agrees.
 */
import dynamic from 'next/dynamic'
import { useRouter } from 'next/navigation'
import { useMemo, useRef, useState } from 'react'

import {
  bookingLabel,
  changeAnnouncement,
  chefConflictMessage,
  chefLanes,
  chefsMissing,
  laneEntries,
  moveChef,
  UNASSIGNED_LANE,
  wallClock,
  type CalendarBookingFacts,
  type CalendarView,
} from '../../../domain/chefCalendar'
import { staffRequest } from '../staffPost'
import { CHEF_DRAG_TYPE, type BoardEvent, type CalendarChefRow } from './types'

const CalendarBoard = dynamic(() => import('./CalendarBoard'), {
  ssr: false,
  loading: () => <p className="cal-muted">Loading the calendar…</p>,
})

interface Props {
  apiRoute: string
  base: string
  view: CalendarView
  date: string
  timeZone: string
  bookings: CalendarBookingFacts[]
  chefs: CalendarChefRow[]
  blackouts: string[]
}

/** A wall-clock date and time as a floating browser Date (no zone conversion on purpose). */
function floating(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return new Date(y, m - 1, d, hh, mm)
}

function ymd(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

export function CalendarClient({ apiRoute, base, view, date, timeZone, bookings, chefs, blackouts }: Props) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [said, setSaid] = useState('')
  const [error, setError] = useState('')
  const [chosenId, setChosenId] = useState<string>()
  const [monthLane, setMonthLane] = useState('')
  const panelHeading = useRef<HTMLHeadingElement>(null)

  const lanes = useMemo(() => chefLanes(chefs, bookings), [chefs, bookings])
  const laneName = useMemo(() => new Map(lanes.map((l) => [l.id, l.title])), [lanes])
  const chefName = (id: string) => laneName.get(id) ?? `Staff #${id}`
  const byId = useMemo(() => new Map(bookings.map((b) => [b.id, b])), [bookings])
  const labels = useMemo(() => new Map(bookings.map((b) => [b.id, bookingLabel(b, timeZone)])), [bookings, timeZone])

  const events = useMemo<BoardEvent[]>(() => {
    const entries =
      view === 'month'
        ? // No lanes in a month: one box per booking, or those of the chosen lane.
          monthLane
          ? laneEntries(bookings).filter((e) => e.laneId === monthLane)
          : bookings.map((b) => ({ key: b.id, bookingId: b.id, laneId: b.chefIds[0] ?? UNASSIGNED_LANE }))
        : laneEntries(bookings)
    return entries.flatMap((e) => {
      const b = byId.get(e.bookingId)
      if (!b) return []
      const t = wallClock(b, timeZone)
      return [
        {
          key: e.key,
          bookingId: b.id,
          laneId: e.laneId,
          start: floating(t.date, t.start),
          end: floating(t.endDate, t.end),
          title: labels.get(b.id) ?? b.name,
          booking: b,
          chefNames: b.chefIds.map(chefName),
          draggable: b.status === 'pending' || b.status === 'confirmed',
        },
      ]
    })
    // chefName reads laneName, which is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, monthLane, bookings, byId, labels, laneName, timeZone])

  function go(nextView: CalendarView, nextDate: string) {
    setError('')
    setSaid('')
    router.push(`${base}?view=${nextView}&date=${nextDate}`)
  }

  async function change(bookingId: string, fromLane: string, toLane: string) {
    const b = byId.get(bookingId)
    if (!b || busy) return
    setError('')
    setSaid('')
    const decided = moveChef(b, fromLane, toLane)
    if (decided.kind === 'unchanged') {
      setError(decided.reason)
      return
    }
    setBusy(true)
    setSaid('Saving…')
    const res = await staffRequest('PATCH', `${apiRoute}/bookings/${encodeURIComponent(b.id)}?depth=0`, { assignedChefs: decided.chefIds.map(Number) })
    setBusy(false)
    if (!res.ok) {
      setSaid('')
      setError(
        res.status === 409
          ? chefConflictMessage({ chefName: chefName(decided.chefId), chefId: decided.chefId, target: b, bookings, timeZone, serverMessage: res.message })
          : (res.fieldErrors.assignedChefs ?? res.message),
      )
      return
    }
    setSaid(changeAnnouncement(decided, { chef: chefName(decided.chefId), fromChef: decided.fromChefId ? chefName(decided.fromChefId) : undefined, booking: labels.get(b.id) ?? b.name }))
    router.refresh()
  }

  function choose(bookingId: string) {
    setChosenId(bookingId)
    setError('')
    // After React has drawn the panel: keyboard users continue there.
    requestAnimationFrame(() => panelHeading.current?.focus())
  }

  const chosen = chosenId ? byId.get(chosenId) : undefined

  return (
    <div className="cal-layout">
      <aside className="cal-side" aria-label="Chefs and assignment">
        <section aria-labelledby="cal-chefs-heading">
          <h2 id="cal-chefs-heading" className="cal-side__heading">
            Chefs
          </h2>
          <p className="cal-muted">Drag a chef onto a booking.</p>
          {chefs.length === 0 ? <p className="cal-muted">No staff user has the chef role yet.</p> : null}
          <ul className="cal-chefs">
            {chefs.map((c) => (
              <li key={c.id}>
                <span
                  className={`cal-chef${c.active ? '' : ' is-inactive'}`}
                  draggable={!busy}
                  data-chef-id={c.id}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(CHEF_DRAG_TYPE, c.id)
                    e.dataTransfer.setData('text/plain', c.name)
                    e.dataTransfer.effectAllowed = 'copy'
                  }}
                >
                  {c.name}
                  {c.active ? '' : ' (inactive)'}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <AssignPanel
          key={chosen ? `${chosen.id}:${chosen.chefIds.join(',')}` : 'none'}
          booking={chosen}
          label={chosen ? (labels.get(chosen.id) ?? chosen.name) : ''}
          chefs={chefs}
          chefName={chefName}
          busy={busy}
          headingRef={panelHeading}
          onSave={(from, to) => void (chosen ? change(chosen.id, from, to) : undefined)}
        />
        <div className="cal-feedback">
          <p role="status" className="cal-status">
            {said}
          </p>
          <p role="alert" className="cal-error">
            {error}
          </p>
        </div>
      </aside>
      <div className="cal-main">
        {view === 'month' ? (
          <div className="cal-field cal-field--inline">
            <label htmlFor="cal-month-lane">Lane</label>
            <select id="cal-month-lane" value={monthLane} onChange={(e) => setMonthLane(e.target.value)}>
              <option value="">All bookings</option>
              {lanes.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="cal-board">
          <CalendarBoard
            view={view}
            date={floating(date)}
            events={events}
            lanes={view === 'month' ? undefined : lanes}
            blackouts={blackouts}
            timeZone={timeZone}
            onNavigate={(d, v) => go(v, ymd(d))}
            onChefDrop={(bookingId, chefId) => void change(bookingId, UNASSIGNED_LANE, chefId)}
            onLaneDrop={(event, toLane, moved) => {
              if (toLane === undefined || toLane === event.laneId) {
                setSaid('')
                setError(moved ? 'The calendar changes chefs, not dates or times: change those in the booking itself.' : '')
                return
              }
              void change(event.bookingId, event.laneId, toLane)
            }}
            onChoose={(e) => choose(e.bookingId)}
          />
        </div>
        <section className="cal-list" aria-labelledby="cal-list-heading">
          <h2 id="cal-list-heading" className="cal-side__heading">
            Bookings shown ({bookings.length})
          </h2>
          {bookings.length === 0 ? <p className="cal-muted">No bookings on these dates.</p> : null}
          <ul>
            {bookings.map((b) => {
              const missing = chefsMissing(b)
              return (
                <li key={b.id}>
                  <button type="button" className="cal-list__booking" aria-pressed={chosenId === b.id} onClick={() => choose(b.id)} data-booking-id={b.id}>
                    {labels.get(b.id)}
                  </button>{' '}
                  <span className="cal-muted">
                    {b.chefIds.length > 0 ? b.chefIds.map(chefName).join(', ') : 'No chef'}
                    {missing > 0 ? ` · needs ${missing} more chef${missing === 1 ? '' : 's'}` : ''}
                    {b.status === 'pending' || b.status === 'confirmed' ? '' : ` · ${b.status.replace('_', ' ')}`}
                  </span>
                </li>
              )
            })}
          </ul>
        </section>
      </div>
    </div>
  )
}

interface PanelProps {
  booking: CalendarBookingFacts | undefined
  label: string
  chefs: CalendarChefRow[]
  chefName: (id: string) => string
  busy: boolean
  headingRef: React.RefObject<HTMLHeadingElement | null>
  onSave: (fromLane: string, toLane: string) => void
}

/** The keyboard way: the chosen booking, its chefs (each can be taken off), and a chef to add or swap in. */
function AssignPanel({ booking, label, chefs, chefName, busy, headingRef, onSave }: PanelProps) {
  const free = booking ? chefs.filter((c) => !booking.chefIds.includes(c.id)) : []
  const [chef, setChef] = useState(free[0]?.id ?? '')
  const [instead, setInstead] = useState('')
  if (!booking) {
    return (
      <section className="cal-panel" aria-labelledby="cal-panel-heading">
        <h2 id="cal-panel-heading" className="cal-side__heading" ref={headingRef} tabIndex={-1}>
          Assign a chef
        </h2>
        <p className="cal-muted">Choose a booking (click it, or press Enter on it) to assign its chef with the keyboard.</p>
      </section>
    )
  }
  const locked = booking.status !== 'pending' && booking.status !== 'confirmed'
  return (
    <section className="cal-panel" aria-labelledby="cal-panel-heading">
      <h2 id="cal-panel-heading" className="cal-side__heading" ref={headingRef} tabIndex={-1}>
        Assign a chef: {label}
      </h2>
      {booking.chefIds.length === 0 ? <p className="cal-muted">No chef yet.</p> : null}
      <ul className="cal-panel__chefs">
        {booking.chefIds.map((id) => (
          <li key={id}>
            {chefName(id)}{' '}
            <button type="button" className="cal-button cal-button--small" disabled={busy || locked} onClick={() => onSave(id, UNASSIGNED_LANE)}>
              Take {chefName(id)} off
            </button>
          </li>
        ))}
      </ul>
      {locked ? (
        <p className="cal-muted">A {booking.status.replace('_', ' ')} booking keeps its chefs.</p>
      ) : (
        <form
          className="cal-panel__form"
          onSubmit={(e) => {
            e.preventDefault()
            if (chef) onSave(instead || UNASSIGNED_LANE, chef)
          }}
        >
          <div className="cal-field">
            <label htmlFor="cal-assign-chef">Chef</label>
            <select id="cal-assign-chef" value={chef} onChange={(e) => setChef(e.target.value)} disabled={busy || free.length === 0}>
              {free.length === 0 ? <option value="">Every chef is on this booking</option> : null}
              {free.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.active ? '' : ' (inactive)'}
                </option>
              ))}
            </select>
          </div>
          {booking.chefIds.length > 0 ? (
            <div className="cal-field">
              <label htmlFor="cal-assign-instead">In place of</label>
              <select id="cal-assign-instead" value={instead} onChange={(e) => setInstead(e.target.value)} disabled={busy}>
                <option value="">Nobody (add a chef)</option>
                {booking.chefIds.map((id) => (
                  <option key={id} value={id}>
                    {chefName(id)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="cal-button" disabled={busy || !chef}>
            Assign
          </button>
        </form>
      )}
    </section>
  )
}
