// The booking form's rules for moving between steps (src/components/booking/wizard.ts): where a
// restored draft resumes, what stops Continue when the chosen time is gone, where a submit stops,
// when the form asks for a price, and server error paths renamed to the form's inputs.
import { describe, expect, it } from 'vitest'

import { completeDraft, formConfig } from './booking-fixtures'

import { continueErrors, firstStepWithErrors, inBookingWindow, pricingBody, resumeDraft, toFormErrors } from '../../src/components/booking/wizard'

const CONFIG = formConfig()

const complete = completeDraft

describe('resuming a restored draft', () => {
  it('stays on the saved step when everything before it is answered', () => {
    expect(resumeDraft(complete({ step: 'contact' }), CONFIG).step).toBe('contact')
  })

  it('goes back to the first step with something missing, keeping the answers', () => {
    const resumed = resumeDraft(complete({ step: 'review', startTime: null }), CONFIG)
    expect(resumed.step).toBe('time')
    expect(resumed.eventDate).toBe('2026-12-04')
  })

  it('opens the calendar on a restored date only while it can still be booked', () => {
    expect(inBookingWindow('2026-12-04', CONFIG)).toBe(true)
    expect(inBookingWindow('2026-06-01', CONFIG)).toBe(true)
    expect(inBookingWindow('2027-06-01', CONFIG)).toBe(true)
    expect(inBookingWindow('2026-05-31', CONFIG)).toBe(false)
    expect(inBookingWindow('2027-06-02', CONFIG)).toBe(false)
    expect(inBookingWindow(null, CONFIG)).toBe(false)
  })
})

describe('Continue when the chosen time is no longer free', () => {
  const taken = [
    { time: '17:30', available: false },
    { time: '19:00', available: true },
  ]

  it('asks for another time on the time step', () => {
    expect(continueErrors(complete({ step: 'time' }), CONFIG, taken)).toEqual({ startTime: 'That time is no longer available. Please choose another.' })
  })

  it('says no chef is free for the party on the party step', () => {
    expect(continueErrors(complete({ step: 'party' }), CONFIG, taken)).toEqual({
      'guests.adults': 'We have no chef free for 10 guests at 5:30 pm. Go back to choose another time, or call us.',
    })
  })

  it('keeps the party size message of the step itself first', () => {
    const found = continueErrors(complete({ step: 'party', adults: 0 }), CONFIG, taken)
    expect(found['guests.adults']).toBe('At least one adult must attend')
  })

  it('lets the customer on while the day is still loading or the time is free', () => {
    expect(continueErrors(complete({ step: 'time' }), CONFIG, undefined)).toEqual({})
    expect(continueErrors(complete({ step: 'time', startTime: '19:00' }), CONFIG, taken)).toEqual({})
  })

  it('does not look at slots on the other steps', () => {
    expect(continueErrors(complete({ step: 'address' }), CONFIG, taken)).toEqual({})
  })
})

describe('where a submit stops', () => {
  it('nowhere when every step is answered', () => {
    expect(firstStepWithErrors(complete(), CONFIG)).toBeNull()
  })

  it('on the first step, in order, with a wrong answer, with its errors', () => {
    const found = firstStepWithErrors(complete({ address: { street: '', city: 'New York', state: 'NY', zip: '10001' }, contact: { name: '', email: 'ada@example.com', phone: '212-555-0199' } }), CONFIG)
    expect(found).toEqual({ step: 'address', errors: { 'address.street': 'Enter the street address' } })
  })
})

describe('when the form asks for a price', () => {
  it('not before the party step, nor without a date and time', () => {
    expect(pricingBody(complete({ step: 'time' }), CONFIG)).toBeNull()
    expect(pricingBody(complete({ step: 'party', startTime: null }), CONFIG)).toBeNull()
  })

  it('from the party step on, with the quote body', () => {
    expect(pricingBody(complete({ step: 'party' }), CONFIG)).toMatchObject({ eventDate: '2026-12-04', startTime: '17:30', guests: { adults: 8, children: 2 } })
    expect(pricingBody(complete(), CONFIG)).not.toBeNull()
  })
})

describe('server field errors on the form', () => {
  it('renames menu rows to their inputs and keeps other paths', () => {
    const draft = complete({ menu: { gyoza: 1, '7': 2 } })
    expect(toFormErrors({ 'menu.1.quantity': 'Too many', 'address.zip': 'Not served' }, draft, CONFIG)).toEqual({ 'menu.gyoza': 'Too many', 'address.zip': 'Not served' })
  })
})
