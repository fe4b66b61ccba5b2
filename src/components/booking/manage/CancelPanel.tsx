/**
 * The manage page's "cancel booking" panel: what cancelling now refunds (as the server computed
 * it from the policy, a share of the deposit and balance paid), said plainly when it is nothing,
 * before the customer confirms; an optional reason, and the confirm and keep buttons.
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
  const refund = view.refundIfCancelledNow
  // The refund is a share of everything paid so far: the deposit and any balance.
  const paidCents = view.payment.depositPaidCents + view.payment.balancePaidCents
  const days = !refund || refund.daysBefore === 0 ? 'less than a day' : `${refund.daysBefore} day${refund.daysBefore === 1 ? '' : 's'}`
  return (
    <section id="cancel-panel" className="card manage-panel" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this booking?</h2>
      {refund ? (
        refund.refundCents > 0 ? (
          <p id="cancel-refund" data-testid="cancel-refund">
            Cancelling now, {days} before your party, refunds <strong>{refund.refundPercent}%</strong> of what you have paid ({money(refund.refundCents)} of {money(paidCents)}).
          </p>
        ) : (
          <p id="cancel-refund" className="notice" data-testid="cancel-refund">
            <strong>No refund:</strong>{' '}
            {paidCents > 0 ? `cancelling now refunds nothing of the ${money(paidCents)} you paid (your party is ${days} away).` : 'you have not paid anything, so cancelling refunds nothing.'}
          </p>
        )
      ) : null}
      <div className="field">
        <label htmlFor="cancel-reason">Reason (optional)</label>
        <textarea id="cancel-reason" rows={3} maxLength={500} value={reason} onChange={(e) => onReason(e.target.value)} />
      </div>
      <div className="manage-actions">
        <button type="button" className="button" disabled={busy} aria-describedby={refund ? 'cancel-refund' : undefined} onClick={onCancel}>
          {busy ? 'Cancelling…' : 'Yes, cancel my booking'}
        </button>
        <button type="button" className="button-secondary" disabled={busy} onClick={onKeep}>
          No, keep my booking
        </button>
      </div>
    </section>
  )
}
