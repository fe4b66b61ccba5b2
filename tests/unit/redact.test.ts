import { describe, expect, it } from 'vitest'

import { redactManageTokens } from '../../src/domain/redact'

describe('manage-link tokens never reach a log line', () => {
  it('hides the token of a manage page and of the manage API', () => {
    expect(redactManageTokens('/booking/KO5-7KDaWMlcXO4XfHmwQnhsbhDGGK8k')).toBe('/booking/[token]')
    expect(redactManageTokens('/api/bookings/manage/KO5-7KDaWMlcXO4XfHmwQnhsbhDGGK8k/cancel')).toBe('/api/bookings/manage/[token]/cancel')
  })

  it('hides the one-time tokens of the account links and of the verify API', () => {
    const token = 'a'.repeat(40)
    expect(redactManageTokens(`GET /account/verify/${token}`)).toBe('GET /account/verify/[token]')
    expect(redactManageTokens(`/account/reset-password/${token}?x=1`)).toBe('/account/reset-password/[token]?x=1')
    expect(redactManageTokens(`POST /api/customers/verify/${token}`)).toBe('POST /api/customers/verify/[token]')
  })

  it('leaves other paths alone', () => {
    expect(redactManageTokens('/book')).toBe('/book')
    expect(redactManageTokens('/api/bookings/12')).toBe('/api/bookings/12')
  })
})
