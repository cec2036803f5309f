import { describe, expect, it } from 'vitest'
import { signalNumber } from './docker-engine.js'

describe('signalNumber: a STOPSIGNAL as Docker accepts it', () => {
  it('reads names with or without SIG, any case, and numbers; none is SIGTERM', () => {
    expect(signalNumber(undefined)).toBe(15)
    expect(signalNumber('')).toBe(15)
    expect(signalNumber('SIGINT')).toBe(2)
    expect(signalNumber('quit')).toBe(3)
    expect(signalNumber('9')).toBe(9)
  })
  it('gives up on what it cannot read (the stop is then docker stop itself)', () => {
    expect(signalNumber('SIGNOPE')).toBeUndefined()
    expect(signalNumber('99')).toBeUndefined()
  })
})
