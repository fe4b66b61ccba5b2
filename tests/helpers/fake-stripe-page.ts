/**
 * The fake Stripe API's hosted checkout page (tests/helpers/fake-stripe.ts serves it at /c/pay/:id,
 * standing in for checkout.stripe.com): plain, accessible HTML — the amount due, the line items, a
 * Pay button (a form POST back to the same address) and a Cancel link to the session's cancel_url —
 * and the short pages shown for an expired, paid or unknown session. Amounts are shown in the
 * currency's major unit (cents / 100), which is wrong for zero-decimal currencies the app never uses.
 */
import type { FakeCheckoutSession } from './fake-stripe-objects'

export interface PageItem {
  name: string
  unitAmount: number
  quantity: number
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100)
}

export function htmlPage(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fake Stripe Checkout</title>
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`
}

export function checkoutPage(s: FakeCheckoutSession, lineItems: PageItem[]): string {
  const items = lineItems.map((i) => `<li>${escapeHtml(i.name)} × ${i.quantity}: ${escapeHtml(money(i.unitAmount * i.quantity, s.currency))}</li>`).join('\n')
  return htmlPage(
    'Fake Stripe Checkout',
    `<p>Amount due: <strong>${escapeHtml(money(s.amount_total, s.currency))}</strong></p>
<ul>
${items}
</ul>
<form method="post" action="/c/pay/${encodeURIComponent(s.id)}"><button type="submit">Pay</button></form>
${s.cancel_url ? `<p><a href="${escapeHtml(s.cancel_url)}">Cancel</a></p>` : ''}`,
  )
}
