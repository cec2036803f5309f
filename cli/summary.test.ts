import { describe, expect, it } from 'vitest'
import { formatDuration, renderStart, renderSummary } from './summary.js'

describe('batch summary', () => {
  it('counts what ran, was skipped or merged, and lists the ungraded apart with their reason', () => {
    const text = renderSummary([
      { student: 'alice', status: 'graded', action: 'ran', line: '' },
      { student: 'bob', status: 'graded', action: 'skipped', line: '' },
      { student: 'carol', status: 'graded', action: 'reviewed', line: '' },
      { student: 'dora', status: 'ungraded', action: 'ran', line: '', reason: 'time limit' },
    ], '/out', 75_000)
    expect(text).toContain('Done in 1 min 15 s: graded 1 · skipped 1 · manual points merged 1 · ungraded 1')
    expect(text).toMatch(/--only-ungraded:\n  dora: time limit\n/)
    expect(text).toContain('Gradebook: /out/gradebook.csv')
  })

  it('opens with what is graded, how many at once, and the time limit', () => {
    const text = renderStart({ count: 1, shard: { index: 2, count: 3 }, onlyUngraded: true, outDir: '/out', concurrency: 1, machine: 'default here: 1', timeoutSeconds: 60 })
    expect(text).toBe('Grading 1 submission (shard 2/3) (only the ungraded) into /out\nConcurrency 1 (default here: 1), time limit 60 s per submission\n')
  })

  it('formats durations for people', () => {
    expect([formatDuration(400), formatDuration(59_600), formatDuration(61_000)]).toEqual(['0 s', '1 min 0 s', '1 min 1 s'])
  })
})
