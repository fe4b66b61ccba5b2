/**
 * The manage page's "cancel booking" panel: what cancelling now refunds (as the server computed
 * it from the policy), an optional reason, and the confirm and keep buttons.
 */
import type { ManageView } from '../../../collections/Bookings/manageView'
import { formatCents } from '../../../site/format'

interface Props {
  view: ManageView
  reason: string
  onReason: (reason: string) => void
  busy: boolean
  onCancel: () => void
  onKeep: () => void
}

export function CancelPanel({ view, reason, onReason, busy, onCancel, onKeep }: Props) {
  const money = (c: number) => formatCents(c, view.pricing.currency)
  return (
    <section id="cancel-panel" className="card manage-panel" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this booking?</h2>
      {view.refundIfCancelledNow ? (
        <p>
          Cancelling now, {view.refundIfCancelledNow.daysBefore} day{view.refundIfCancelledNow.daysBefore === 1 ? '' : 's'} before your party, refunds{' '}
          <strong>{view.refundIfCancelledNow.refundPercent}%</strong> of what you have paid ({money(view.refundIfCancelledNow.refundCents)} of {money(view.payment.depositPaidCents)}).
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="cancel-reason">Reason (optional)</label>
        <textarea id="cancel-reason" rows={3} maxLength={500} value={reason} onChange={(e) => onReason(e.target.value)} />
      </div>
      <div className="manage-actions">
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {busy ? 'Cancelling…' : 'Yes, cancel my booking'}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onKeep}>
          No, keep my booking
        </button>
      </div>
    </section>
  )
}
