/**
 * The manage page's payment block: what has been paid, refunded and is still due (the server's
 * figures; an amount is "due" only while the server's payment state says so, so a cancelled or
 * expired booking shows nothing owed), and — when the server allows it — the "Pay deposit" and
 * "Pay balance" buttons, each with its refusal beside it. Without online payment it says staff
 * take the payment. Presentational only.
 */
import type { ReactNode } from 'react'

import type { ManageView } from '../../../collections/Bookings/manageView'
import { formatCents } from '../../../site/format'
import { instantLabel } from '../labels'
import type { Checkout } from '../useCheckout'

interface Props {
  view: ManageView
  checkout: Checkout
  /** Another change of the booking is being sent: paying waits. */
  busy: boolean
}

const PAY_LABEL = { deposit: 'Pay deposit', balance: 'Pay balance' } as const

/** One pay button with its note (`noteId` describes it) and its refusal beside it. */
function PayAction({ kind, checkout, locked, noteId, children }: { kind: 'deposit' | 'balance'; checkout: Checkout; locked: boolean; noteId?: string; children: ReactNode }) {
  const error = checkout.errors[kind]
  const errorId = `${kind}-error`
  return (
    <div className="pay-action">
      {children}
      <button
        type="button"
        className="button"
        disabled={locked}
        aria-describedby={[noteId ?? '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
        onClick={() => void checkout.pay(kind)}
      >
        {checkout.going === kind ? 'Taking you to secure payment…' : PAY_LABEL[kind]}
      </button>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function PaymentPanel({ view, checkout, busy }: Props) {
  const p = view.payment
  const money = (c: number) => formatCents(c, view.pricing.currency)
  const depositOwed = p.state === 'deposit_unpaid'
  const somethingOwed = depositOwed || p.state === 'balance_due'
  const { going } = checkout
  const locked = busy || going !== null

  return (
    <section className="card payment-panel" aria-labelledby="payment-heading">
      <h2 id="payment-heading">Payment</h2>
      <dl className="summary" data-testid="payment-figures">
        <dt>Deposit paid</dt>
        <dd>{money(p.depositPaidCents)}</dd>
        <dt>Balance paid</dt>
        <dd>{money(p.balancePaidCents)}</dd>
        <dt>Refunded</dt>
        <dd>{money(p.refundedCents)}</dd>
        <dt>Deposit due</dt>
        <dd>{money(depositOwed ? p.depositDueCents : 0)}</dd>
        <dt>Balance due</dt>
        <dd>
          {money(somethingOwed ? p.balanceDueCents : 0)}
          {somethingOwed && p.balanceDueCents > 0 && p.balanceDueAt ? `, due by ${instantLabel(p.balanceDueAt, view.timezone)}` : ''}
        </dd>
      </dl>

      {!p.online && somethingOwed ? <p className="notice">Online payment is not set up; staff will take payment.</p> : null}

      {view.canPayDeposit ? (
        <PayAction kind="deposit" checkout={checkout} locked={locked} noteId={p.holdExpiresAt ? 'deposit-hold' : undefined}>
          {p.holdExpiresAt ? (
            <p id="deposit-hold">
              Your booking is held until <strong>{instantLabel(p.holdExpiresAt, view.timezone)}</strong>. Pay the {money(p.depositDueCents)} deposit before then to confirm it; after that the
              date is released.
            </p>
          ) : null}
        </PayAction>
      ) : null}

      {view.canPayBalance ? (
        <PayAction kind="balance" checkout={checkout} locked={locked} noteId="balance-note">
          <p id="balance-note">The balance of {money(p.balanceDueCents)} can be paid now.</p>
        </PayAction>
      ) : null}

      {view.canPayDeposit || view.canPayBalance ? (
        <p className="pay-status" role="status">
          {going ? 'Taking you to secure payment…' : ''}
        </p>
      ) : null}
    </section>
  )
}
