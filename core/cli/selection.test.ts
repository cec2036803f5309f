import { describe, expect, it } from 'vitest'
import type { Manifest, ManifestEntry } from './manifest.js'
import type { Submission } from './roster.js'
import { refreshRosterFacts, selectStudents } from './selection.js'

const submission = (student: string, email?: string): Submission => ({ student, source: { kind: 'folder', path: `/class/${student}` }, ...(email ? { identity: { email } } : {}) })
const entry = (student: string, status: ManifestEntry['status']): ManifestEntry => ({ student, source: { kind: 'folder', path: `/class/${student}` }, rubricDigest: 'r', status, gradedAt: '', durationMs: 0 })
const everyone = ['carol', 'alice', 'bob'].map((s) => submission(s))
const manifest: Manifest = { schemaVersion: 1, students: { bob: entry('bob', 'ungraded'), carol: { ...entry('carol', 'graded'), identity: { email: 'old@univ.example' } } } }
const ids = (s: Submission[]) => s.map((x) => x.student)

describe('which students a run grades', () => {
  it('everyone, sorted, or the shard; --only-ungraded those ungraded in the manifest', () => {
    expect(ids(selectStudents(everyone, manifest, { onlyUngraded: false }))).toEqual(['alice', 'bob', 'carol'])
    expect(ids(selectStudents(everyone, manifest, { onlyUngraded: false, shard: { index: 2, count: 2 } }))).toEqual(['bob'])
    expect(ids(selectStudents(everyone, manifest, { onlyUngraded: true }))).toEqual(['bob'])
  })

  it('--only: the students named, each of them in the class, and nothing else', () => {
    expect(ids(selectStudents(everyone, manifest, { onlyUngraded: false, only: ['carol', 'alice'] }))).toEqual(['alice', 'carol'])
    expect(() => selectStudents(everyone, manifest, { onlyUngraded: false, only: ['alice', 'zed'] })).toThrow(/--only zed: no such student in the class/)
    expect(() => selectStudents(everyone, manifest, { onlyUngraded: true, only: ['alice'] })).toThrow(/cannot be combined/)
    expect(() => selectStudents(everyone, manifest, { onlyUngraded: false, shard: { index: 1, count: 2 }, only: ['alice'] })).toThrow(/cannot be combined/)
  })

  it("takes the roster's identifiers as they are now, for students already graded", () => {
    const copy: Manifest = structuredClone(manifest)
    refreshRosterFacts(copy, [submission('carol', 'carol@univ.example'), submission('bob')])
    expect(copy.students.carol!.identity).toEqual({ email: 'carol@univ.example' })
    expect(copy.students.bob).not.toHaveProperty('identity')
    expect(copy.students.alice).toBeUndefined()
  })
})
