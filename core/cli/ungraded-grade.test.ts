import { describe, expect, it } from 'vitest'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { ungradedGrade } from './ungraded-grade.js'

const { rubric } = loadRun(labs)

describe('ungradedGrade', () => {
  it('has every rubric check, each ungraded with the reason, and the run ungraded', () => {
    const grade = ungradedGrade(rubric, {
      submissionPath: '/class/alice', commit: 'abc', startedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 1000.4,
      grader: '0.1.0', reason: 'the run took longer than the time limit (1 s) and was stopped',
    })
    expect(grade).toMatchObject({ schemaVersion: 1, lab: 'tp1', status: 'ungraded', maxScore: rubric.totalPoints, durationMs: 1000 })
    expect(grade.submission).toEqual({ path: '/class/alice', commit: 'abc' })
    expect(grade.checks.map((c) => c.id)).toEqual(rubric.checks.map((c) => c.id))
    for (const check of grade.checks) {
      expect(check.status).toBe('ungraded')
      expect(check.message).toMatch(/not your fault.*time limit \(1 s\)/)
    }
  })
})
