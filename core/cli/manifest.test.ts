import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { decide, readManifest, rubricDigest, writeManifest, type ManifestEntry } from './manifest.js'

const { rubric } = loadRun(labs)

const entry: ManifestEntry = {
  student: 'alice', source: { kind: 'folder', path: '/class/alice' }, revision: 'files:abc', rubricDigest: 'r1',
  status: 'graded', score: 80, gradedAt: '2026-01-01T00:00:00.000Z', durationMs: 30000,
}
const same = { revision: 'files:abc', rubricDigest: 'r1', hasGrade: true }

describe('deciding whether to grade again', () => {
  it('skips a submission graded at the same version and rubric', () => {
    expect(decide(entry, same, false).action).toBe('skip')
  })

  it('grades what is new, changed, ungraded, graded with another rubric, or forced', () => {
    expect(decide(undefined, same, false)).toEqual({ action: 'grade', why: 'not graded yet' })
    expect(decide(entry, { ...same, hasGrade: false }, false).action).toBe('grade')
    expect(decide(entry, { ...same, revision: 'files:def' }, false)).toEqual({ action: 'grade', why: 'the submission changed' })
    expect(decide(entry, { ...same, rubricDigest: 'r2' }, false)).toEqual({ action: 'grade', why: 'the rubric changed' })
    expect(decide({ ...entry, status: 'ungraded' }, same, false).action).toBe('grade')
    expect(decide({ ...entry, status: 'missed-deadline' }, same, false)).toEqual({ action: 'grade', why: 'nothing before the deadline last time' })
    expect(decide(entry, same, true)).toEqual({ action: 'grade', why: '--force' })
  })

  it("merges the instructor's points without a new run when only the review changed", () => {
    expect(decide(entry, { ...same, reviewDigest: 'new' }, false).action).toBe('merge-review')
    expect(decide({ ...entry, reviewDigest: 'old' }, same, false).action).toBe('merge-review')
    expect(decide({ ...entry, reviewDigest: 'same' }, { ...same, reviewDigest: 'same' }, false).action).toBe('skip')
  })
})

describe('the manifest file', () => {
  it('round-trips, sorted by student, with no temporary file left', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tp1-manifest-'))
    expect(readManifest(dir)).toEqual({ schemaVersion: 1, students: {} })
    writeManifest(dir, { schemaVersion: 1, students: { zoe: { ...entry, student: 'zoe' }, alice: entry } })
    expect(Object.keys(readManifest(dir).students)).toEqual(['alice', 'zoe'])
    expect(readdirSync(dir)).toEqual(['manifest.json'])
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).students.alice).toEqual(entry)
  })

  it('the rubric digest is a sha256 that changes with the rubric', () => {
    expect(rubricDigest(rubric)).toMatch(/^[0-9a-f]{64}$/)
    expect(rubricDigest({ ...rubric, totalPoints: 99 })).not.toBe(rubricDigest(rubric))
  })
})
