import { describe, expect, it } from 'vitest'
import { catalogue } from '../i18n/index.js'
import { connectionFailure, UnexpectedReply } from './http-probe.js'

const says = (error: unknown) => catalogue('en').lab.connection(connectionFailure(error))

describe('connectionFailure', () => {
  it('shows an answer that was not the awaited one as the server gave it, the body cut short', () => {
    expect(connectionFailure(new UnexpectedReply({ status: 500, body: 'Internal Server Error' }))).toEqual({ kind: 'answered', answer: { status: 500, body: 'Internal Server Error' } })
    expect(says(new UnexpectedReply({ status: 500, body: 'Internal Server Error' }))).toBe('500 Internal Server Error')
    expect(says(new UnexpectedReply({ status: 404, body: 'x'.repeat(1000) }))).toHaveLength(4 + 300)
  })

  it('says what a connection error means, and keeps the message of one it does not know', () => {
    expect(connectionFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'refused' })
    expect(connectionFailure(Object.assign(new Error('other side closed'), { cause: { code: 'UND_ERR_SOCKET' } }))).toEqual({ kind: 'closed' })
    expect(connectionFailure(new Error('This operation was aborted'))).toEqual({ kind: 'timeout' })
    expect(says(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatch(/refused/)
    expect(says(new Error('something else'))).toBe('something else')
  })
})
