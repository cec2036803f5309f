import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../rubric/index.js'
import { renderCsv } from './csv-cells.js'
import type { CommitFacts } from './deadline.js'
import type { StudentIdentity } from './roster.js'
import { roundPoints } from '../grading/points.js'

interface StudentFacts {
  student: string
  commit?: string
  /** Committer date of the commit graded, and the deadline that chose it, when one did. */
  commitDate?: string
  deadline?: string
  /** Why the run is ungraded, as the batch recorded it (e.g. the time limit). */
  reason?: string
  /** The student's repository carried modified grader files. */
  graderModified?: boolean
  identity?: StudentIdentity
}

/** One student of the class: a grade (graded or ungraded), or nothing committed at or before the deadline. */
export type GradedStudent = StudentFacts &
  ({ grade: Grade; missedDeadline?: undefined } | { grade?: undefined; missedDeadline: { deadline: string; latest?: CommitFacts } })

export type StudentStatus = 'graded' | 'ungraded' | 'missed-deadline'

export const studentStatus = (s: GradedStudent): StudentStatus => (s.grade ? s.grade.status : 'missed-deadline')

export const byStudentId = (a: { student: string }, b: { student: string }) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0)


/** The score on a scale of `scale` points (20 for the French /20), to hundredths. */
export function gradeOnScale(score: number, maxScore: number, scale: number): number {
  return maxScore > 0 ? roundPoints((score / maxScore) * scale) : 0
}

export function gradeOn20(score: number, maxScore: number): number {
  return gradeOnScale(score, maxScore, 20)
}

/** "reviewed" once the instructor reviewed every reviewed check, "pending" before, empty when the rubric has none. */
export function reviewState(grade: Grade): '' | 'pending' | 'reviewed' {
  const reviews = grade.checks.flatMap((c) => (c.review ? [c.review.status] : []))
  if (reviews.length === 0) return ''
  return reviews.every((s) => s === 'reviewed') ? 'reviewed' : 'pending'
}

/**
 * One row per student, sorted by id: id, commit, its date and the deadline that chose it, status, score, every
 * check's points (rubric order), grade on 20. An ungraded run or a missed deadline has no score and no grade on 20,
 * and no points for checks it did not grade: blank, never 0.
 */
export function gradebookRows(rubric: Rubric, students: readonly GradedStudent[]): string[][] {
  const header = ['student', 'commit', 'commit_date', 'deadline', 'status', 'score', ...rubric.checks.map((c) => c.id), 'grade_20', 'manual_review', 'grader_modified']
  const rows = [...students].sort(byStudentId).map((s) => {
    const { student, grade, graderModified } = s
    const graded = grade?.status === 'graded'
    const byId = new Map((grade?.checks ?? []).map((c) => [c.id, c]))
    const checkCells = rubric.checks.map((def) => {
      const check = byId.get(def.id)
      return check && check.status !== 'ungraded' ? String(check.points) : ''
    })
    return [
      student,
      s.commit ?? grade?.submission.commit ?? '',
      s.commitDate ?? '',
      s.deadline ?? s.missedDeadline?.deadline ?? '',
      studentStatus(s),
      graded ? String(grade.score) : '',
      ...checkCells,
      graded ? String(gradeOn20(grade.score, grade.maxScore)) : '',
      grade ? reviewState(grade) : '',
      graderModified ? 'yes' : '',
    ]
  })
  return [header, ...rows]
}

export function renderGradebook(rubric: Rubric, students: readonly GradedStudent[]): string {
  return renderCsv(gradebookRows(rubric, students))
}
