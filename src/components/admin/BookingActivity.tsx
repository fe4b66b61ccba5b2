/**
 * The booking's Activity panel (a `ui` field, src/collections/Bookings/activity.ts), rendered on
 * the server when the edit view opens and after each save: who changed what and when, payments and
 * messages, newest first, in the business's time zone. Managers and admins only (versions and
 * payments are theirs): a chef sees a sentence instead. Reads as the signed-in user
 * (activityQuery.ts); never writes. Shows nothing on a booking not saved yet.
 */
import type { UIFieldServerProps } from 'payload'

import { loadActivity } from '../../collections/Bookings/activityQuery'
import { bookingActivity } from '../../domain/bookingActivity'
import { loadSettings } from '../../globals/BusinessSettings/load'

export async function BookingActivity(props: UIFieldServerProps) {
  const { id, req, payload } = props
  const bookingId = typeof id === 'number' ? id : Number(id)
  if (!id || !Number.isSafeInteger(bookingId)) return null
  const sources = await loadActivity(payload, req.user, bookingId)
  const heading = (
    <h3 id="booking-activity-heading" style={{ margin: '0 0 0.5rem' }}>
      Activity
    </h3>
  )
  if (!sources) {
    return (
      <section className="field-type booking-activity" aria-labelledby="booking-activity-heading" style={{ margin: '1.5rem 0' }}>
        {heading}
        <p style={{ color: 'var(--theme-elevation-600)' }}>The booking’s history is for managers and admins.</p>
      </section>
    )
  }
  const { timezone } = await loadSettings(req)
  const lines = bookingActivity(sources, timezone, new Date())
  return (
    <section className="field-type booking-activity" aria-labelledby="booking-activity-heading" style={{ margin: '1.5rem 0' }} data-testid="booking-activity">
      {heading}
      <p style={{ color: 'var(--theme-elevation-600)', margin: '0 0 0.5rem' }}>Newest first. Times in {timezone}.</p>
      {lines.length === 0 ? (
        <p>No history yet.</p>
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0, maxWidth: '48rem' }}>
          {lines.map((l, i) => (
            <li key={`${l.at}:${i}`} data-kind={l.kind} style={{ padding: '0.35rem 0', borderBottom: '1px solid var(--theme-elevation-100)' }}>
              <time dateTime={l.at} style={{ fontVariantNumeric: 'tabular-nums', color: 'var(--theme-elevation-700)' }}>
                {l.when}
              </time>
              {' — '}
              {l.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
