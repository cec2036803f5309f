import { describe, expect, it } from 'vitest'
import { isServerAnswer } from './postgres-probe.js'

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('isServerAnswer', () => {
  it('takes a refusal by the server as final: it is up, and these credentials are wrong', () => {
    expect(isServerAnswer(pgError('28P01', 'password authentication failed for user "demo"'))).toBe(true)
    expect(isServerAnswer(pgError('3D000', 'database "demo" does not exist'))).toBe(true)
  })

  // Caught by the fixture api-does-not-build: the settle poll connected in the instant between PostgreSQL's
  // initialisation and its real start, and ex6.connect failed a correct db service.
  it('takes "the database system is starting up" (57P03) as a wait, not an answer', () => {
    expect(isServerAnswer(pgError('57P03', 'the database system is starting up'))).toBe(false)
  })

  it('takes a connection error as a wait', () => {
    expect(isServerAnswer(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false)
    expect(isServerAnswer(new Error('Connection terminated unexpectedly'))).toBe(false)
  })
})
