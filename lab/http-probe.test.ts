import { describe, expect, it } from 'vitest'
import { describeConnectionError, UnexpectedReply } from './http-probe.js'

describe('describeConnectionError', () => {
  it('shows an answer that was not the awaited one as the server gave it, the body cut short', () => {
    expect(describeConnectionError(new UnexpectedReply({ status: 500, body: 'Internal Server Error' }))).toBe('500 Internal Server Error')
    expect(describeConnectionError(new UnexpectedReply({ status: 404, body: 'x'.repeat(1000) }))).toHaveLength(4 + 300)
  })

  it('says what a connection error means, and keeps the message of one it does not know', () => {
    expect(describeConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatch(/refused/)
    expect(describeConnectionError(new Error('something else'))).toBe('something else')
  })
})
