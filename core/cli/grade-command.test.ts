import { describe, expect, it } from 'vitest'
import { defaultConcurrency } from './grade-command.js'

const GiB = 1024 ** 3

describe('default concurrency', () => {
  it('is one run per core and per 3 GiB, at least one', () => {
    expect(defaultConcurrency(2, 24 * GiB)).toBe(2)
    expect(defaultConcurrency(16, 64 * GiB)).toBe(16)
    expect(defaultConcurrency(16, 8 * GiB)).toBe(2)
    expect(defaultConcurrency(1, 1 * GiB)).toBe(1)
  })
})
