import { describe, expect, it } from 'vitest'
import type { ManifestEntry } from './manifest.js'
import type { ClassSummary } from './class-stats.js'
import { missingFromMerge, preferredEntry, renderJobSummary, renderMissing } from './merge-command.js'

const entry = (status: ManifestEntry['status'], gradedAt: string): ManifestEntry =>
  ({ student: 'alice', source: { kind: 'folder', path: '/a' }, rubricDigest: 'r', status, score: 0, gradedAt, durationMs: 0 })

describe('a student found in two shards', () => {
  it('keeps a graded result over an ungraded one, however recent', () => {
    const graded = entry('graded', '2026-01-01T00:00:00.000Z')
    const ungraded = entry('ungraded', '2026-02-01T00:00:00.000Z')
    expect(preferredEntry(graded, ungraded)).toBe(graded)
    expect(preferredEntry(ungraded, graded)).toBe(graded)
  })

  it('keeps a graded result over a missed deadline, and a missed deadline over an ungraded run', () => {
    const graded = entry('graded', '2026-01-01T00:00:00.000Z')
    const missed = entry('missed-deadline', '2026-02-01T00:00:00.000Z')
    const ungraded = entry('ungraded', '2026-03-01T00:00:00.000Z')
    expect([preferredEntry(graded, missed), preferredEntry(missed, graded)]).toEqual([graded, graded])
    expect([preferredEntry(ungraded, missed), preferredEntry(missed, ungraded)]).toEqual([missed, missed])
  })

  it('between two of the same status, keeps the latest', () => {
    const older = entry('graded', '2026-01-01T00:00:00.000Z')
    const newer = entry('graded', '2026-01-02T00:00:00.000Z')
    expect(preferredEntry(older, newer)).toBe(newer)
    expect(preferredEntry(newer, older)).toBe(newer)
  })
})

describe('what the shards leave out', () => {
  const merged = new Set(['alice', 'bob', 'carol'])

  it('names the slices no folder holds, out of the largest count a shard names', () => {
    expect(missingFromMerge([{ index: 1, count: 4 }, { index: 3, count: 4 }], merged)).toEqual({ shards: ['2/4', '4/4'], students: [] })
    expect(missingFromMerge([{ index: 1, count: 2 }, { index: 2, count: 2 }], merged)).toEqual({ shards: [], students: [] })
    // Folders graded without --shard say nothing of slices.
    expect(missingFromMerge([undefined, undefined], merged)).toEqual({ shards: [], students: [] })
  })

  it('names the roster students in no shard, in roster order', () => {
    expect(missingFromMerge([{ index: 1, count: 1 }], merged, ['dan', 'alice', 'erin'])).toEqual({ shards: [], students: ['dan', 'erin'] })
  })

  it('says what is missing and what to do, and nothing when nothing is', () => {
    expect(renderMissing({ shards: [], students: [] })).toBe('')
    const text = renderMissing({ shards: ['2/4'], students: ['dan', 'erin'] })
    expect(text).toContain('MISSING: no results for shard 2/4')
    expect(text).toContain('MISSING: 2 roster students are in no shard, so not graded: dan, erin.')
    expect(text).toMatch(/merge again\.\n$/)
  })
})

describe('the job summary', () => {
  const summary = {
    title: 'TP1', students: 4, graded: 2, maxScore: 100, meanScore: 71.5, medianScore: 74, histogram: [], passRates: [],
    ungraded: [{ student: 'carol', reason: 'timed out' }], graderModified: [], missedDeadline: [{ student: 'dan', deadline: 'x' }], deadlines: [],
    lines: [{ student: 'alice', status: 'graded', score: 80, hasSheet: true, lost: [], reviewPending: false }], losers: [],
  } as unknown as ClassSummary

  it('counts and sums up the class with no link, no student name and no score of a student', () => {
    const text = renderJobSummary(summary, { shards: ['2/4'], students: ['erin'] })
    expect(text).toContain('4 students: 2 graded, 1 ungraded, 1 with nothing before the deadline. Mean 71.5/100, median 74/100.')
    expect(text).toContain('**Missing:** the results of shard 2/4.')
    expect(text).toContain('artifact **gradebook**')
    expect(text).not.toMatch(/\]\(|<a |href|src=/)
    for (const name of ['alice', 'carol', 'dan', 'erin']) expect(text).not.toContain(name)
    expect(text).not.toContain('80')
  })
})
