import { describe, expect, it } from 'vitest'
import { eventually } from './eventually.js'

describe('eventually', () => {
  it('returns the first successful probe', async () => {
    let calls = 0
    const result = await eventually(async () => {
      if (++calls < 3) throw new Error('not yet')
      return 'ready'
    }, { timeoutMs: 2000, intervalMs: 5 })
    expect(result).toMatchObject({ ok: true, value: 'ready' })
    expect(calls).toBe(3)
  })

  it('reports the last error at the deadline', async () => {
    const result = await eventually(async () => { throw new Error('refused') }, { timeoutMs: 50, intervalMs: 10 })
    expect(result.ok).toBe(false)
    expect(!result.ok && (result.lastError as Error).message).toBe('refused')
  })

  it('stops as soon as giveUp names a reason', async () => {
    const started = Date.now()
    const result = await eventually(async () => { throw new Error('refused') }, { timeoutMs: 10_000, intervalMs: 10, giveUp: async () => 'exited' })
    expect(result).toMatchObject({ ok: false, gaveUp: 'exited' })
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
