import { describe, expect, it } from 'vitest'
import { parseDeadline } from './deadline.js'

const deadline = parseDeadline('2026-12-10T23:59+01:00')

describe('--deadline', () => {
  it('is a date and time with its UTC offset', () => {
    expect(deadline).toEqual({ text: '2026-12-10T23:59+01:00', epochSeconds: Date.UTC(2026, 11, 10, 22, 59) / 1000 })
    expect(parseDeadline('2026-12-10T22:59:30Z').epochSeconds).toBe(Date.UTC(2026, 11, 10, 22, 59, 30) / 1000)
  })

  it('refuses a time without its offset (it would be the grading machine’s) and dates Date.parse would move', () => {
    for (const bad of ['2026-12-10T23:59', '2026-12-10', '10/12/2026 23:59', '2026-02-30T12:00+01:00', '2026-12-10T24:00Z', 'tomorrow'])
      expect(() => parseDeadline(bad), bad).toThrow(/is not a date and time with its UTC offset/)
    expect(() => parseDeadline('tomorrow', '--cutoff')).toThrow(/^--cutoff "tomorrow" is not .* Write e\.g\. --cutoff 2026/)
  })
})
