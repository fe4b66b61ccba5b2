/**
 * The Twilio rules without the network: the webhook signature (checked against the examples in
 * Twilio's own documentation), what a delivery report does to a sent text (repeats and late
 * reports never move it backwards), and how Twilio's error codes read to staff. Also the test fake's
 * signer, so the integration tests sign exactly as Twilio does.
 */
import { describe, expect, it } from 'vitest'

import { MESSAGE_STATUSES, type MessageStatus } from '../../src/domain'
import { describeTwilioError, statusAfterReport, TWILIO_MESSAGE_SID, twilioDeliveryEffect, twilioSignature } from '../../src/infra/sms'
import { signTwilio, twilioSid } from '../helpers/fake-twilio'

// Twilio's documented example (security/signature_validation in TwilioDevEd/api-snippets).
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2'
const DOC_PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' }

describe("Twilio's webhook signature", () => {
  it("matches Twilio's documented examples", () => {
    expect(twilioSignature('12345', DOC_URL, DOC_PARAMS)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
    expect(twilioSignature('12345', DOC_URL, { ...DOC_PARAMS, Caller: '+14158675310', From: '+14158675310' })).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=')
  })

  it('does not depend on the order the parameters arrive in', () => {
    const reversed = Object.fromEntries(Object.entries(DOC_PARAMS).reverse())
    expect(twilioSignature('12345', DOC_URL, reversed)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
  })

  it('changes with the URL, a parameter, or the token', () => {
    const base = twilioSignature('12345', DOC_URL, DOC_PARAMS)
    expect(twilioSignature('12345', 'http://mycompany.com/myapp.php?foo=1&bar=2', DOC_PARAMS)).not.toBe(base)
    expect(twilioSignature('12345', DOC_URL, { ...DOC_PARAMS, Digits: '1235' })).not.toBe(base)
    expect(twilioSignature('12346', DOC_URL, DOC_PARAMS)).not.toBe(base)
  })

  it('covers every value of a repeated parameter, in sorted order', () => {
    const repeated = twilioSignature('12345', DOC_URL, { A: ['2', '1'], B: 'x' })
    expect(repeated).toBe(twilioSignature('12345', DOC_URL, { A: ['1', '2'], B: 'x' }))
    expect(repeated).not.toBe(twilioSignature('12345', DOC_URL, { A: '1', B: 'x' }))
  })

  it("is what the test fake signs with (the fake's signer is written from Twilio's docs, apart from the app's)", () => {
    expect(signTwilio(DOC_URL, DOC_PARAMS, '12345')).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=')
    const params = { MessageSid: twilioSid('SM'), Body: 'Héllo 🍣 & = +', From: '+12125550100' }
    expect(signTwilio('https://hibachi.example/api/twilio/sms', params, 'abcdef0123456789')).toBe(twilioSignature('abcdef0123456789', 'https://hibachi.example/api/twilio/sms', params))
  })
})

describe('a message SID', () => {
  it('is SM or MM and 32 hex digits', () => {
    expect(TWILIO_MESSAGE_SID.test(twilioSid('SM'))).toBe(true)
    expect(TWILIO_MESSAGE_SID.test(twilioSid('MM'))).toBe(true)
    expect(TWILIO_MESSAGE_SID.test(twilioSid('AC'))).toBe(false)
    expect(TWILIO_MESSAGE_SID.test(`${twilioSid('SM')}0`)).toBe(false)
    expect(TWILIO_MESSAGE_SID.test('SM123')).toBe(false)
  })
})

describe('a delivery report', () => {
  it('marks a sent text delivered when a handset has it', () => {
    expect(statusAfterReport('sent', 'delivered')).toBe('delivered')
    expect(statusAfterReport('sent', 'read')).toBe('delivered')
  })

  it('marks a sent text failed when Twilio or the carrier gave up', () => {
    for (const reported of ['failed', 'undelivered', 'canceled']) expect(statusAfterReport('sent', reported)).toBe('failed')
  })

  it('leaves a sent text sent for the steps before delivery', () => {
    for (const reported of ['queued', 'accepted', 'scheduled', 'sending', 'sent', 'receiving', 'received', 'partially_delivered', 'something_new']) {
      expect(statusAfterReport('sent', reported)).toBeUndefined()
    }
  })

  it('never moves a delivered or failed text again: repeats and late reports change nothing', () => {
    for (const reported of ['sent', 'queued', 'delivered', 'failed', 'undelivered']) {
      expect(statusAfterReport('delivered', reported)).toBeUndefined()
      expect(statusAfterReport('failed', reported)).toBeUndefined()
    }
  })

  it('never fails a text staff re-queued, from a report about its earlier attempt', () => {
    expect(statusAfterReport('queued', 'undelivered')).toBeUndefined()
    expect(statusAfterReport('queued', 'delivered')).toBeUndefined()
  })

  it('only ever moves a text to a final state', () => {
    const reports = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'canceled', 'accepted']
    for (const current of MESSAGE_STATUSES as readonly MessageStatus[]) {
      for (const reported of reports) {
        const next = statusAfterReport(current, reported)
        if (next !== undefined) {
          expect(current).toBe('sent')
          expect(next).toBe(twilioDeliveryEffect(reported))
        }
      }
    }
  })
})

describe("Twilio's error codes", () => {
  it('read as words for the common ones, and as the bare code otherwise', () => {
    expect(describeTwilioError('30003')).toBe('30003 (unreachable handset (switched off or out of coverage))')
    expect(describeTwilioError('21610')).toMatch(/^21610 \(.*opted out/)
    expect(describeTwilioError('12345')).toBe('12345')
  })
})
