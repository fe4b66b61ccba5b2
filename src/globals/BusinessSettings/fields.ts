/**
 * The fields of the business-settings global, in the admin's tabs (Business, Schedule, Capacity,
 * Prices, Service area, Policies). Field-level checks only; the rules that span fields are
 * checked by hooks/validateSettingsDoc.ts. Must never rename a field without a migration and
 * without fromDoc.ts, which reads these names.
 */
import type { Field } from 'payload'

import { BOOKING_LIMITS, HHMM_PATTERN, PAYMENT_SETTINGS_LIMITS } from '../../domain'
import { moneyField } from '../../fields/money'

const DURATION = { min: BOOKING_LIMITS.minDurationMinutes, max: BOOKING_LIMITS.maxDurationMinutes }
const GUESTS = { min: 1, max: BOOKING_LIMITS.maxGuests }

const hhmm = (value: unknown) => (typeof value === 'string' && HHMM_PATTERN.test(value) ? true : 'Use a 24-hour HH:MM time')

export const businessSettingsFields: Field[] = [
  {
    type: 'tabs',
    tabs: [
      {
        label: 'Business',
        fields: [
          { name: 'businessName', type: 'text', required: true, defaultValue: 'MyHibachi' },
          { name: 'timezone', type: 'text', required: true, defaultValue: 'America/New_York', admin: { description: 'IANA time zone, e.g. America/New_York. Every booking date and time is in this zone.' } },
          { name: 'currency', type: 'text', required: true, defaultValue: 'usd', maxLength: 3 },
          { name: 'phone', type: 'text' },
          { name: 'email', type: 'email' },
          { name: 'brandColor', type: 'text', defaultValue: '#b3261e' },
        ],
      },
      {
        label: 'Schedule',
        fields: [
          {
            type: 'row',
            fields: [
              { name: 'earliestStart', type: 'text', required: true, defaultValue: '11:00', validate: hhmm },
              { name: 'latestStart', type: 'text', required: true, defaultValue: '22:00', validate: hhmm },
              { name: 'slotIntervalMinutes', type: 'number', required: true, defaultValue: 30, min: 5, max: 240 },
            ],
          },
          {
            type: 'row',
            fields: [
              { name: 'defaultDurationMinutes', type: 'number', required: true, defaultValue: 120, ...DURATION },
              { name: 'minDurationMinutes', type: 'number', required: true, defaultValue: 60, ...DURATION },
              { name: 'maxDurationMinutes', type: 'number', required: true, defaultValue: 480, ...DURATION },
            ],
          },
          {
            type: 'row',
            fields: [
              { name: 'bufferBeforeMinutes', type: 'number', required: true, defaultValue: 60, min: 0, max: 480 },
              { name: 'bufferAfterMinutes', type: 'number', required: true, defaultValue: 60, min: 0, max: 480 },
            ],
          },
          {
            type: 'row',
            fields: [
              { name: 'leadTimeHours', type: 'number', required: true, defaultValue: 48, min: 48, max: 8760 },
              { name: 'maxAdvanceDays', type: 'number', required: true, defaultValue: 365, min: 1, max: 365 },
            ],
          },
          {
            name: 'blackoutDates',
            type: 'array',
            fields: [
              { name: 'date', type: 'text', required: true, validate: (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? true : 'Use YYYY-MM-DD') },
              { name: 'reason', type: 'text' },
            ],
          },
        ],
      },
      {
        label: 'Capacity',
        fields: [
          { name: 'guestsPerChef', type: 'number', required: true, defaultValue: 15, min: 1, max: 50 },
          { name: 'chefCount', type: 'number', required: true, defaultValue: 2, min: 0, max: 100, admin: { description: 'Chefs available per time slot (capacity units). The database enforces it.' } },
          {
            type: 'row',
            fields: [
              { name: 'minGuests', type: 'number', required: true, defaultValue: 1, ...GUESTS },
              { name: 'maxGuests', type: 'number', required: true, defaultValue: 50, ...GUESTS },
            ],
          },
        ],
      },
      {
        label: 'Prices',
        fields: [
          moneyField('adultPriceCents', { required: true, defaultValue: 6000 }),
          moneyField('childPriceCents', { required: true, defaultValue: 3000 }),
          { name: 'childMaxAge', type: 'number', required: true, defaultValue: 12, min: 0, max: 17, admin: { description: 'Children this age and under pay the child price.' } },
          moneyField('minimumOrderCents', { required: true, defaultValue: 55000 }),
          { name: 'taxRateMicros', type: 'number', required: true, defaultValue: 88750, min: 0, max: 1_000_000, admin: { description: 'Sales tax in parts per million: 8.875% = 88750.' } },
          {
            type: 'row',
            fields: [
              { name: 'depositKind', type: 'select', required: true, defaultValue: 'fixed', options: [{ label: 'Fixed amount', value: 'fixed' }, { label: 'Percent of total', value: 'percent' }] },
              moneyField('depositAmountCents', { defaultValue: 10000 }),
              { name: 'depositPercent', type: 'number', min: 0, max: 100, defaultValue: 20 },
            ],
          },
        ],
      },
      {
        label: 'Service area',
        fields: [
          {
            name: 'serviceAreas',
            type: 'array',
            fields: [
              { name: 'zone', type: 'text', required: true },
              { name: 'zips', type: 'textarea', required: true, admin: { description: 'ZIP codes and ranges, comma separated: 10001-10099, 10280' } },
              moneyField('travelFeeCents', { required: true, defaultValue: 0 }),
            ],
          },
        ],
      },
      {
        label: 'Policies',
        fields: [
          {
            name: 'cancellationTiers',
            type: 'array',
            admin: { description: 'Cancelled at least N days before the event → this percent of the amount paid is refunded.' },
            fields: [
              { name: 'minDaysBefore', type: 'number', required: true, min: 0, max: 365 },
              { name: 'refundPercent', type: 'number', required: true, min: 0, max: 100 },
            ],
          },
          {
            type: 'row',
            fields: [
              {
                name: 'depositHoldMinutes',
                type: 'number',
                required: true,
                defaultValue: 60,
                ...PAYMENT_SETTINGS_LIMITS.depositHoldMinutes,
                admin: { description: 'An online booking holds its slot this long while the deposit is unpaid; then it expires and the slot is free again.' },
              },
              {
                name: 'balanceDueDaysBefore',
                type: 'number',
                required: true,
                defaultValue: 2,
                ...PAYMENT_SETTINGS_LIMITS.balanceDueDaysBefore,
                admin: { description: 'The balance is charged to the saved card this many days before the event.' },
              },
            ],
          },
          { name: 'termsSummary', type: 'textarea' },
        ],
      },
    ],
  },
]
