import { describe, expect, it } from 'vitest'
import type { ManifestEntry } from './manifest.js'
import { preferredEntry } from './merge-command.js'

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
