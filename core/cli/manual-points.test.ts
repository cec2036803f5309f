import { describe, expect, it } from 'vitest'
import type { Grade, GradedCheck } from '../grading/grade.js'
import { withManualPoints } from './manual-points.js'

const check = (id: string, points: number, maxPoints: number, review?: GradedCheck['review']): GradedCheck =>
  ({ id, exercise: 1, title: id, points, maxPoints, status: 'passed', message: 'passed', ...(review ? { review } : {}) })

const grade: Grade = {
  schemaVersion: 1, lab: 'tp1', submission: { path: '/x' }, status: 'graded', score: 10, maxScore: 12, startedAt: '', durationMs: 0,
  environment: { node: 'v20', grader: '0.1.0' },
  checks: [check('ex1.engine', 6, 6), check('ex1.report', 4, 4, { status: 'pending', automaticPoints: 4 }), check('ex8.report', 0, 2, { status: 'reviewed', automaticPoints: 0, points: 2 })],
}

describe('withManualPoints', () => {
  it("replaces the automatic points of reviewed checks with the instructor's, capped, both kept", () => {
    const merged = withManualPoints(grade, { reviewer: 'M. Martin', checks: { 'ex1.report': { points: 9, comment: 'Good' } } })
    expect(merged.checks[1]).toMatchObject({ points: 4, review: { status: 'reviewed', automaticPoints: 4, points: 4, reviewer: 'M. Martin', comment: 'Good' } })
    expect(merged.checks[2]).toMatchObject({ points: 0, review: { status: 'pending', automaticPoints: 0 } })
    expect(merged.score).toBe(10)
  })

  it('a comment without points keeps the automatic points; no review puts every reviewed check back to pending', () => {
    expect(withManualPoints(grade, { checks: { 'ex1.report': { comment: 'ok' } } }).checks[1]).toMatchObject({ points: 4, review: { status: 'reviewed' } })
    const none = withManualPoints(grade, undefined)
    expect(none.checks.map((c) => c.review?.status)).toEqual([undefined, 'pending', 'pending'])
    expect(none.score).toBe(10)
  })

  it('recomputes the score from the merged points', () => {
    expect(withManualPoints(grade, { checks: { 'ex1.report': { points: 1.5 }, 'ex8.report': { points: 2 } } }).score).toBe(9.5)
  })
})
