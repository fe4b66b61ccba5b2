'use client'
/**
 * The storefront booking form: date → time → party and menu → address → contact → review →
 * submit. Availability and prices always come from the server (/api/availability, /api/quote);
 * the answers survive a reload (sessionStorage, this tab only); one submit makes one booking
 * (an Idempotency-Key kept across retries and double clicks, and the button is disabled while
 * the request runs). Server errors are shown beside the field they name.
 * Must never log to the console or compute a price itself.
 */
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { outsideServiceAreaMessage } from '../../domain/validation'
import { api, ApiError, newIdempotencyKey } from '../../client/api'
import { formatCents } from '../../site/format'
import { Calendar, monthOf } from './Calendar'
import {
  bookingBody,
  emptyDraft,
  formPath,
  furthestReachableStep,
  parseDraft,
  quoteBody,
  STEP_TITLES,
  STEPS,
  stepErrors,
  stepOfPath,
  zoneForZip,
  type BookingFormConfig,
  type Draft,
  type StepId,
} from './draft'
import { Field, fieldId } from './Field'
import { useMonthAvailability, useQuote } from './hooks'
import { dateLabel, timeLabel, zoneLabel } from './labels'
import { QuoteSummary } from './QuoteSummary'
import { MonthNav, SlotPicker } from './SlotPicker'

const DRAFT_STORAGE_KEY = 'myhibachi.booking-draft.v1'

type Errors = Record<string, string>

function readStoredDraft(): Draft {
  try {
    return parseDraft(window.sessionStorage.getItem(DRAFT_STORAGE_KEY))
  } catch (err) {
    // Storage can be blocked (privacy settings): the form still works, it just will not survive a reload.
    if (err instanceof DOMException) return emptyDraft()
    throw err
  }
}

function writeStoredDraft(draft: Draft | null): void {
  try {
    if (draft === null) window.sessionStorage.removeItem(DRAFT_STORAGE_KEY)
    else window.sessionStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft))
  } catch (err) {
    // Blocked or full storage only costs the reload convenience; anything else is a bug.
    if (!(err instanceof DOMException)) throw err
  }
}

interface CreatedBooking {
  doc: { id: number | string; manageToken?: string }
}

export function BookingWizard({ config }: { config: BookingFormConfig }) {
  const router = useRouter()
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [ready, setReady] = useState(false)
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const submittingRef = useRef(false)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const navigated = useRef(false)

  const [month, setMonth] = useState(() => monthOf(config.firstDate))
  const [focusedDate, setFocusedDate] = useState(config.firstDate)

  // Restore after hydration: the server render cannot see this tab's storage, so the saved
  // draft (an external store) is read once here and copied into state.
  useEffect(() => {
    const stored = readStoredDraft()
    const order = STEPS.indexOf(stored.step)
    const reachable = STEPS.indexOf(furthestReachableStep(stored, config))
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one-time sync from sessionStorage after hydration
    setDraft({ ...stored, step: STEPS[Math.min(order, reachable)] ?? 'date' })
    if (stored.eventDate && stored.eventDate >= config.firstDate && stored.eventDate <= config.lastDate) {
      setMonth(monthOf(stored.eventDate))
      setFocusedDate(stored.eventDate)
    }
    setReady(true)
  }, [config])

  useEffect(() => {
    if (ready) writeStoredDraft(draft)
  }, [draft, ready])

  // Focus the new step's heading after the customer moved (not on first load).
  useEffect(() => {
    if (!navigated.current) return
    navigated.current = false
    headingRef.current?.focus()
  }, [draft.step])

  const update = useCallback((change: (d: Draft) => Partial<Draft>, clear: string[] = []) => {
    setDraft((d) => ({ ...d, ...change(d), idempotencyKey: null }))
    if (clear.length > 0) {
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))))
    }
    setFormError(null)
  }, [])

  const goTo = useCallback((step: StepId) => {
    navigated.current = true
    setDraft((d) => ({ ...d, step }))
  }, [])

  const showErrors = useCallback((found: Errors) => {
    setErrors(found)
    const first = Object.keys(found)[0]
    if (first) {
      // Let React render the messages first, then put the cursor on the first wrong field.
      requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus())
    }
  }, [])

  const guests = draft.adults + draft.children

  const availability = useMonthAvailability(month, config.firstDate, config.lastDate, Math.max(1, guests))
  const slotsOfSelected = draft.eventDate ? availability.days.get(draft.eventDate) : undefined
  const freeSlots = (slotsOfSelected ?? []).filter((s) => s.available)

  const stepIndex = STEPS.indexOf(draft.step)
  const pricing = stepIndex >= STEPS.indexOf('party') && draft.eventDate && draft.startTime ? quoteBody(draft, config) : null
  const quoteState = useQuote(pricing)
  const quoteFieldErrors = useMemo(() => {
    const out: Errors = {}
    for (const [path, message] of Object.entries(quoteState.error?.fieldErrors ?? {})) out[formPath(path, draft, config)] = message
    return out
  }, [quoteState.error, draft, config])

  function next() {
    const found = stepErrors(draft.step, draft, config)
    const slotGone = draft.startTime && slotsOfSelected && !freeSlots.some((s) => s.time === draft.startTime)
    if (draft.step === 'time' && slotGone) {
      found.startTime = 'That time is no longer available. Please choose another.'
    }
    // A bigger party may need more chefs than are free at the chosen time.
    if (draft.step === 'party' && slotGone && !found['guests.adults'] && draft.startTime) {
      found['guests.adults'] = `We have no chef free for ${guests} guests at ${timeLabel(draft.startTime)}. Go back to choose another time, or call us.`
    }
    if (Object.keys(found).length > 0) {
      showErrors(found)
      return
    }
    setErrors({})
    const following = STEPS[stepIndex + 1]
    if (following) goTo(following)
  }

  function back() {
    setErrors({})
    const previous = STEPS[stepIndex - 1]
    if (previous) goTo(previous)
  }

  async function submit() {
    if (submittingRef.current) return
    for (const step of STEPS) {
      const found = stepErrors(step, draft, config)
      if (Object.keys(found).length > 0) {
        goTo(step)
        showErrors(found)
        return
      }
    }
    submittingRef.current = true
    setSubmitting(true)
    setFormError(null)
    const key = draft.idempotencyKey ?? newIdempotencyKey()
    if (!draft.idempotencyKey) setDraft((d) => ({ ...d, idempotencyKey: key }))
    try {
      const created = await api<CreatedBooking>('/api/bookings', { method: 'POST', body: bookingBody(draft, config), idempotencyKey: key, timeoutMs: 20_000 })
      const token = created.doc.manageToken
      writeStoredDraft(null)
      router.push(token ? `/booking/${encodeURIComponent(token)}?welcome=1` : '/')
    } catch (err) {
      submittingRef.current = false
      setSubmitting(false)
      if (!(err instanceof ApiError)) throw err
      const fields = Object.entries(err.fieldErrors)
      if (fields.length > 0) {
        const mapped: Errors = {}
        for (const [path, message] of fields) mapped[formPath(path, draft, config)] = message
        const firstPath = fields[0]?.[0] ?? ''
        goTo(stepOfPath(firstPath))
        showErrors(mapped)
        return
      }
      if (err.reason === 'slot_full') {
        availability.reload()
        setDraft((d) => ({ ...d, startTime: null, step: 'time' }))
        navigated.current = true
        showErrors({ startTime: 'Sorry, that time was just booked by someone else. Please choose another time.' })
        return
      }
      if (err.reason === 'duplicate_booking') {
        goTo('contact')
        showErrors({ 'contact.email': err.message })
        return
      }
      setFormError(err.message)
    }
  }

  const errorOf = (path: string) => errors[path] ?? quoteFieldErrors[path]
  const stepTitle = STEP_TITLES[draft.step]
  const zip = draft.address.zip.trim()
  const zone = /^\d{5}$/.test(zip) ? zoneForZip(config, zip) : null
  const errorList = Object.entries(errors)

  return (
    <div className="booking">
      <ol className="steps-indicator" aria-label="Booking steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === draft.step ? 'step' : undefined} className={i < stepIndex ? 'is-done' : undefined}>
            <span className="visually-hidden">{i < stepIndex ? 'Completed: ' : i === stepIndex ? 'Current: ' : ''}</span>
            {i + 1}. {STEP_TITLES[s]}
          </li>
        ))}
      </ol>

      <div className="booking-layout">
        <form
          className="booking-step card"
          noValidate
          aria-labelledby="step-heading"
          onSubmit={(e) => {
            e.preventDefault()
            if (draft.step === 'review') void submit()
            else next()
          }}
        >
          <h2 id="step-heading" ref={headingRef} tabIndex={-1}>
            Step {stepIndex + 1} of {STEPS.length}: {stepTitle}
          </h2>

          {errorList.length > 0 ? (
            <div className="notice notice-error" role="alert">
              <p>Please check {errorList.length === 1 ? 'this field' : 'these fields'}:</p>
              <ul>
                {errorList.map(([path, message]) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`}>{message}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          {draft.step === 'date' ? (
            <fieldset className="calendar-box">
              <legend id="date-legend">Choose the date of your party</legend>
              <p className="hint" id="date-hint">
                Days you can pick are shown in bold. Use the arrow keys to move between days. Times are {zoneLabel(config.timezone, config.firstDate)}.
              </p>
              <MonthNav
                month={month}
                firstDate={config.firstDate}
                lastDate={config.lastDate}
                onMonth={(m, focus) => {
                  setMonth(m)
                  setFocusedDate(focus)
                }}
              />
              <div id={fieldId('eventDate')} tabIndex={-1}>
                <Calendar
                  month={month}
                  firstDate={config.firstDate}
                  lastDate={config.lastDate}
                  selected={draft.eventDate}
                  focused={focusedDate}
                  labelledBy="date-legend"
                  dayState={(date) => {
                    const slots = availability.days.get(date)
                    if (!slots) return availability.loading ? 'loading' : 'unavailable'
                    return slots.some((s) => s.available) ? 'available' : 'unavailable'
                  }}
                  onFocusDate={(date) => {
                    setFocusedDate(date)
                    if (monthOf(date) !== month) setMonth(monthOf(date))
                  }}
                  onSelect={(date) =>
                    update(
                      (d) => ({
                        eventDate: date,
                        startTime: availability.days.get(date)?.some((s) => s.available && s.time === d.startTime) ? d.startTime : null,
                      }),
                      ['eventDate'],
                    )
                  }
                />
              </div>
              <p className="calendar-status" aria-live="polite">
                {availability.loading ? 'Checking which days are free…' : draft.eventDate ? `Selected: ${dateLabel(draft.eventDate)}` : 'No date selected yet.'}
              </p>
              {availability.error ? (
                <div className="notice notice-error" role="alert">
                  <p>{availability.error}</p>
                  <button type="button" className="button-secondary" onClick={availability.reload}>
                    Try again
                  </button>
                </div>
              ) : null}
              {errors.eventDate ? (
                <p className="field-error" id={`${fieldId('eventDate')}-error`}>
                  {errors.eventDate}
                </p>
              ) : null}
            </fieldset>
          ) : null}

          {draft.step === 'time' && draft.eventDate ? (
            <fieldset aria-describedby={errors.startTime ? `${fieldId('startTime')}-error` : 'time-hint'}>
              <legend>Start time on {dateLabel(draft.eventDate)}</legend>
              <p className="hint" id="time-hint">
                Your chef arrives about an hour earlier to set up. Times not listed are already booked or too soon.
              </p>
              {!slotsOfSelected && availability.loading ? <p aria-live="polite">Checking free times…</p> : null}
              {slotsOfSelected && freeSlots.length === 0 ? <p className="notice">No times are free on this day any more. Please go back and choose another date.</p> : null}
              <SlotPicker
                id={fieldId('startTime')}
                name="startTime"
                times={freeSlots.map((slot) => slot.time)}
                selected={draft.startTime}
                onSelect={(time) => update(() => ({ startTime: time }), ['startTime'])}
              />
              {errors.startTime ? (
                <p className="field-error" id={`${fieldId('startTime')}-error`}>
                  {errors.startTime}
                </p>
              ) : null}
            </fieldset>
          ) : null}

          {draft.step === 'party' ? (
            <>
              <fieldset>
                <legend>Who is coming?</legend>
                <div className="field-row">
                  <Field
                    path="guests.adults"
                    label="Adults"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={config.maxGuests}
                    value={String(draft.adults)}
                    error={errorOf('guests.adults') ?? errorOf('guests')}
                    onValue={(v) => update(() => ({ adults: Math.max(0, Math.floor(Number(v) || 0)) }), ['guests.adults', 'guests'])}
                  />
                  <Field
                    path="guests.children"
                    label={`Children (${config.childMaxAge} and under)`}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={config.maxGuests}
                    value={String(draft.children)}
                    error={errorOf('guests.children')}
                    onValue={(v) => update(() => ({ children: Math.max(0, Math.floor(Number(v) || 0)) }), ['guests.children', 'guests'])}
                  />
                </div>
              </fieldset>
              {(['protein', 'upgrade', 'add-on', 'side'] as const).map((category) => {
                const items = config.menu.filter((m) => m.category === category)
                if (items.length === 0) return null
                const legend =
                  category === 'protein'
                    ? 'Proteins (included — two per guest; tell us how many of each)'
                    : category === 'upgrade'
                      ? 'Upgrades (per guest who takes one)'
                      : category === 'add-on'
                        ? 'Add-ons'
                        : 'Sides'
                return (
                  <fieldset key={category} className="menu-choices">
                    <legend>{legend}</legend>
                    {items.map((item) => (
                      <Field
                        key={item.id}
                        path={`menu.${item.id}`}
                        label={
                          <>
                            {item.name}{' '}
                            <span className="price">
                              {item.priceCents === 0 ? 'included' : `${formatCents(item.priceCents, config.currency)}${item.pricing === 'per_guest' ? ' per guest' : ' each'}`}
                            </span>
                          </>
                        }
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={item.pricing === 'per_guest' ? Math.max(guests, 0) : 100}
                        value={String(draft.menu[item.id] ?? 0)}
                        error={errorOf(`menu.${item.id}`)}
                        onValue={(v) =>
                          update((d) => ({ menu: { ...d.menu, [item.id]: Math.min(100, Math.max(0, Math.floor(Number(v) || 0))) } }), [`menu.${item.id}`])
                        }
                      />
                    ))}
                  </fieldset>
                )
              })}
            </>
          ) : null}

          {draft.step === 'address' ? (
            <fieldset>
              <legend>Where is the party?</legend>
              <p className="hint">We cook outdoors: a backyard, patio, rooftop or terrace with about 8 × 8 ft of level space.</p>
              <Field path="address.street" label="Street address" autoComplete="street-address" maxLength={200} value={draft.address.street} error={errorOf('address.street')} onValue={(v) => update((d) => ({ address: { ...d.address, street: v } }), ['address.street'])} />
              <div className="field-row">
                <Field path="address.city" label="City" autoComplete="address-level2" maxLength={100} value={draft.address.city} error={errorOf('address.city')} onValue={(v) => update((d) => ({ address: { ...d.address, city: v } }), ['address.city'])} />
                <Field path="address.state" label="State" autoComplete="address-level1" maxLength={50} value={draft.address.state} error={errorOf('address.state')} onValue={(v) => update((d) => ({ address: { ...d.address, state: v } }), ['address.state'])} />
              </div>
              <Field
                path="address.zip"
                label="ZIP code"
                autoComplete="postal-code"
                inputMode="numeric"
                maxLength={5}
                value={draft.address.zip}
                error={errorOf('address.zip') ?? (/^\d{5}$/.test(zip) && !zone ? `${outsideServiceAreaMessage(zip)}. We cook in ${config.serviceAreas.map((a) => a.zone).join('; ')}.` : undefined)}
                onValue={(v) => update((d) => ({ address: { ...d.address, zip: v.replace(/\D/g, '').slice(0, 5) } }), ['address.zip'])}
              />
              <p className="zip-status" aria-live="polite">
                {zone ? `We serve ${zip} (${zone.zone}). Travel fee: ${zone.travelFeeCents === 0 ? 'none' : formatCents(zone.travelFeeCents, config.currency)}.` : ''}
              </p>
            </fieldset>
          ) : null}

          {draft.step === 'contact' ? (
            <fieldset>
              <legend>How can we reach you?</legend>
              <Field path="contact.name" label="Your name" autoComplete="name" maxLength={120} value={draft.contact.name} error={errorOf('contact.name')} onValue={(v) => update((d) => ({ contact: { ...d.contact, name: v } }), ['contact.name'])} />
              <Field path="contact.email" label="Email" type="email" autoComplete="email" maxLength={254} value={draft.contact.email} error={errorOf('contact.email')} hint="We send the confirmation and your manage link here." onValue={(v) => update((d) => ({ contact: { ...d.contact, email: v } }), ['contact.email'])} />
              <Field path="contact.phone" label="Phone" type="tel" autoComplete="tel" maxLength={20} value={draft.contact.phone} error={errorOf('contact.phone')} onValue={(v) => update((d) => ({ contact: { ...d.contact, phone: v } }), ['contact.phone'])} />
              <Field path="dietaryNotes" label="Allergies and dietary needs (optional)" multiline maxLength={500} value={draft.dietaryNotes} error={errorOf('dietaryNotes')} onValue={(v) => update(() => ({ dietaryNotes: v }), ['dietaryNotes'])} />
              <Field path="specialRequests" label="Anything else we should know? (optional)" multiline maxLength={500} value={draft.specialRequests} error={errorOf('specialRequests')} onValue={(v) => update(() => ({ specialRequests: v }), ['specialRequests'])} />
            </fieldset>
          ) : null}

          {draft.step === 'review' && draft.eventDate && draft.startTime ? (
            <div className="review">
              <dl className="summary">
                <dt>When</dt>
                <dd>
                  {dateLabel(draft.eventDate)} at {timeLabel(draft.startTime)}
                </dd>
                <dt>Guests</dt>
                <dd>
                  {draft.adults} adult{draft.adults === 1 ? '' : 's'}
                  {draft.children > 0 ? `, ${draft.children} child${draft.children === 1 ? '' : 'ren'}` : ''}
                </dd>
                <dt>Where</dt>
                <dd>
                  {draft.address.street}, {draft.address.city}, {draft.address.state} {draft.address.zip}
                </dd>
                <dt>Contact</dt>
                <dd>
                  {draft.contact.name} · {draft.contact.email} · {draft.contact.phone}
                </dd>
              </dl>
              <p className="hint">Nothing is charged now. Our team checks every request and confirms it by email; the deposit is taken when we confirm.</p>
            </div>
          ) : null}

          {formError ? (
            <div className="notice notice-error" role="alert">
              <p>{formError}</p>
            </div>
          ) : null}

          <div className="step-actions">
            {stepIndex > 0 ? (
              <button type="button" className="button-secondary" onClick={back} disabled={submitting}>
                Back
              </button>
            ) : null}
            {draft.step === 'review' ? (
              <button type="submit" className="button" disabled={submitting} aria-describedby="submit-status">
                {submitting ? 'Sending your request…' : 'Request this booking'}
              </button>
            ) : (
              <button type="submit" className="button">
                Continue
              </button>
            )}
          </div>
          <p id="submit-status" className="visually-hidden" aria-live="polite">
            {submitting ? 'Sending your booking request' : ''}
          </p>
        </form>

        <aside className="booking-aside" aria-label="Price">
          {pricing && quoteState.quote ? (
            <QuoteSummary quote={quoteState.quote} busy={quoteState.updating} />
          ) : (
            <div className="quote card">
              <h3 className="quote-title">Your price</h3>
              <p className="hint">Choose a date and time, then your party, and the price appears here as you go.</p>
            </div>
          )}
          <p className="quote-status" aria-live="polite">
            {pricing ? (quoteState.updating ? 'Updating price…' : quoteState.quote ? `Total ${formatCents(quoteState.quote.totalCents, quoteState.quote.currency)}` : '') : ''}
          </p>
          {quoteState.error && Object.keys(quoteFieldErrors).length === 0 ? <p className="notice notice-error">{quoteState.error.message}</p> : null}
        </aside>
      </div>
    </div>
  )
}
