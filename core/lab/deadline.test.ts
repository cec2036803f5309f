import { setTimeout as delay } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { within } from './deadline.js'

describe('within', () => {
  it("is the work's value when it ends in time", async () => {
    expect(await within(Promise.resolve(7), 1000, () => undefined)).toBe(7)
  })

  it("is the work's error when it fails in time", async () => {
    await expect(within(Promise.reject(new Error('refused')), 1000, () => undefined)).rejects.toThrow('refused')
  })

  it("is onTimeout's value once the time has passed", async () => {
    expect(await within(delay(200).then(() => 'late'), 20, () => undefined)).toBeUndefined()
  })

  it("rejects with what onTimeout throws", async () => {
    await expect(within(delay(200), 20, () => { throw new Error('timed out after 20 ms') })).rejects.toThrow('timed out after 20 ms')
  })

  it('waits for a time longer than a Node timer can hold, rather than not at all', async () => {
    expect(await within(delay(20).then(() => 'done'), 10 * 2 ** 31, () => 'timeout')).toBe('done')
  })

  it('leaves no unhandled rejection when the work fails after the time has passed', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      expect(await within(delay(50).then(() => { throw new Error('too late') }), 10, () => 'timeout')).toBe('timeout')
      await delay(100)
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
