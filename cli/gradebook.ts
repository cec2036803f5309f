import { stringify } from 'csv-stringify/sync'
import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../rubric/index.js'

export interface GradedStudent {
  student: string
  commit?: string
  grade: Grade
  /** Why the run is ungraded, as the batch recorded it (e.g. the time limit). */
  reason?: string
  /** The student's repository carried modified grader files. */
  graderModified?: boolean
}

const round = (n: number) => Math.round(n * 100) / 100

export function gradeOn20(score: number, maxScore: number): number {
  return maxScore > 0 ? round((score / maxScore) * 20) : 0
}

/** "reviewed" once the instructor reviewed every reviewed check, "pending" before, empty when the rubric has none. */
function reviewState(grade: Grade): string {
  const reviews = grade.checks.flatMap((c) => (c.review ? [c.review.status] : []))
  if (reviews.length === 0) return ''
  return reviews.every((s) => s === 'reviewed') ? 'reviewed' : 'pending'
}

/**
 * One row per student, sorted by id: id, commit, status, score, every check's points (rubric order), grade on 20.
 * An ungraded run has no score and no grade on 20, and its ungraded checks no points: blank, never 0.
 */
export function gradebookRows(rubric: Rubric, students: readonly GradedStudent[]): string[][] {
  const header = ['student', 'commit', 'status', 'score', ...rubric.checks.map((c) => c.id), 'grade_20', 'manual_review', 'grader_modified']
  const rows = [...students]
    .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0))
    .map(({ student, commit, grade, graderModified }) => {
      const graded = grade.status === 'graded'
      const byId = new Map(grade.checks.map((c) => [c.id, c]))
      const checkCells = rubric.checks.map((def) => {
        const check = byId.get(def.id)
        return check && check.status !== 'ungraded' ? String(check.points) : ''
      })
      return [
        student,
        commit ?? grade.submission.commit ?? '',
        grade.status,
        graded ? String(grade.score) : '',
        ...checkCells,
        graded ? String(gradeOn20(grade.score, grade.maxScore)) : '',
        reviewState(grade),
        graderModified ? 'yes' : '',
      ]
    })
  return [header, ...rows]
}

export function renderGradebook(rubric: Rubric, students: readonly GradedStudent[]): string {
  return stringify(gradebookRows(rubric, students))
}
