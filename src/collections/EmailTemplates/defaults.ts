/**
 * The booking emails' default wording, one per booking event: what goes out while staff have not
 * written their own template for it (a missing email-templates row), and what a new row starts
 * from. Rich text built with the seed's Lexical helpers, with the placeholders of
 * src/domain/messaging/templates.ts (a unit test checks every default passes the same check staff
 * templates do). Plain words; no promises the business does not make.
 */
import type { BookingEmailEvent } from '../../domain'
import { bold, bullets, paragraph, richText, type RichText } from '../../seed/lexical'

export interface TemplateSource {
  subject: string
  body: RichText
}

const details = () =>
  bullets(
    [bold('When: '), '{{eventDate}}, {{startTime}} to {{endTime}}'],
    [bold('Where: '), '{{address}}'],
    [bold('Party: '), '{{guests}}'],
    [bold('Total: '), '{{totalDollars}}'],
  )

const signOff = () => paragraph('See you soon,', ' the {{businessName}} team')

export const DEFAULT_TEMPLATES: Record<BookingEmailEvent, TemplateSource> = {
  received: {
    subject: 'We received your hibachi booking for {{eventDate}}',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Thank you for booking a hibachi party with {{businessName}}. Your booking number is {{bookingNumber}}. It is not confirmed yet: we confirm it once the deposit of {{depositDollars}} is paid, or we get in touch with you.'),
      details(),
      paragraph('See your booking, pay the deposit, change the date or cancel here. Keep this link to yourself: whoever has it can change the booking.'),
      paragraph('{{manageLink}}'),
      signOff(),
    ),
  },
  confirmed: {
    subject: 'Your hibachi party on {{eventDate}} is confirmed',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Good news: your booking {{bookingNumber}} is confirmed. The calendar invite attached to this email adds it to your calendar.'),
      details(),
      paragraph('Paid so far: {{paidDollars}}. Still to pay: {{balanceDollars}} (due {{balanceDueDate}}).'),
      paragraph('To see or change your booking, use the link in the email you got when you booked, or sign in to your account with this email address:'),
      paragraph('{{manageLink}}'),
      signOff(),
    ),
  },
  rescheduled: {
    subject: 'Your hibachi party has moved to {{eventDate}}',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Your booking {{bookingNumber}} has moved from {{previousEventDate}} at {{previousStartTime}} to {{eventDate}} at {{startTime}}.'),
      details(),
      paragraph('If you did not ask for this change, reply to this email and we will sort it out. Your booking:'),
      paragraph('{{manageLink}}'),
      signOff(),
    ),
  },
  cancelled: {
    subject: 'Your hibachi booking for {{eventDate}} is cancelled',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Your booking {{bookingNumber}} for {{eventDate}} at {{startTime}} is cancelled.'),
      paragraph('Refund under our cancellation policy: {{refundDollars}}. What was paid by card goes back to that card.'),
      paragraph('We are sorry to miss you, and we would love to cook for you another time.'),
      paragraph('The {{businessName}} team'),
    ),
  },
  reminder: {
    subject: 'Reminder: your hibachi party is on {{eventDate}}',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Your chef arrives soon. A few things help the evening go well:'),
      bullets(['A level spot outside for the grill.'], ['Tables and chairs for your guests around it.'], ['Plates, cutlery and drinks.']),
      details(),
      paragraph('Balance still to pay: {{balanceDollars}}. Your booking:'),
      paragraph('{{manageLink}}'),
      signOff(),
    ),
  },
  balance_due: {
    subject: 'Balance for your {{businessName}} party on {{eventDate}}',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('{{balanceReason}}'),
      paragraph('The balance of {{balanceDollars}} for your hibachi party on {{eventDate}} at {{startTime}} is due. Pay it on this secure Stripe page (card details never reach us):'),
      paragraph('{{balanceLink}}'),
      paragraph('If we send you a newer link, this one stops working.'),
      signOff(),
    ),
  },
  thank_you: {
    subject: 'Thank you from {{businessName}}',
    body: richText(
      paragraph('Hello {{firstName}},'),
      paragraph('Thank you for having us on {{eventDate}}. We hope you and your guests had a great time.'),
      paragraph('If you have a moment, reply and tell us how it went: we read every answer. We would love to cook for you again.'),
      paragraph('The {{businessName}} team'),
    ),
  },
}
