/**
 * Which errors mean "the database is unavailable" (answered 503 `database_unavailable`, never
 * 500): the messages and codes pg, pg-pool and Postgres really produce (seen through the TCP proxy
 * in tests/int/db-outage.int.spec.ts), also wrapped the way drizzle wraps them.
 */
import { describe, expect, it } from 'vitest'

import { databaseOutageOf, databaseUnavailable } from '../../src/infra/db-outage'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: insert into "bookings" …'), { cause })

describe('database outage errors', () => {
  it.each([
    ['no free pool connection within the wait bound', new Error('timeout exceeded when trying to connect')],
    ['a connection cut while in use', new Error('Connection terminated unexpectedly')],
    ['a connection that could not be opened in time', new Error('Connection terminated due to connection timeout')],
    ['a client whose connection already failed', new Error('Client has encountered a connection error and is not queryable')],
    ['the server refusing connections', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an administrator shutdown (restart)', withCode('terminating connection due to administrator command', '57P01')],
    ['the database starting up', withCode('the database system is starting up', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['the statement timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['any of these inside drizzle’s wrapper', wrapped(new Error('Connection terminated unexpectedly'))],
  ])('%s is an outage', (_name, err) => {
    expect(databaseOutageOf(err)).toBeDefined()
    const unavailable = databaseUnavailable(err)
    expect(unavailable?.reason).toBe('database_unavailable')
    expect(unavailable?.message).toMatch(/try again/)
  })

  it.each([
    ['a unique violation (a conflict, answered 409)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a trigger’s refusal', withCode('slot full', 'P0001')],
    ['a value Postgres refuses (answered 400)', withCode('invalid input syntax for type integer', '22P02')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an outside HTTP service that is down', Object.assign(new TypeError('fetch failed'), { cause: withCode('connect ECONNREFUSED 1.2.3.4:443', 'ECONNREFUSED') })],
    ['nothing at all', undefined],
    ['a string', 'Connection terminated'],
  ])('%s is not', (_name, err) => {
    expect(databaseOutageOf(err)).toBeUndefined()
    expect(databaseUnavailable(err)).toBeUndefined()
  })
})
