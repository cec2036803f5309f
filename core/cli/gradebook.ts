import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../run/index.js'
import { renderCsv } from './csv-cells.js'
import type { StudentIdentity } from './roster.js'
import { roundPoints } from '../grading/points.js'
import { applyPenalty } from './late-policy.js'
import type { MissedDeadlineFacts } from './manifest.js'
import type { HandInFacts } from './submissions.js'

interface StudentFacts {
  student: string
  commit?: string
  /** Committer date of the commit graded, and the student's deadline, when it chose the commit. */
  commitDate?: string
  deadline?: string
  /** Which rule chose the commit, how late it was, the penalty. */
  handIn?: HandInFacts
  /** Why the run is ungraded, as the batch recorded it (e.g. the time limit). */
  reason?: string
  /** The student's repository carried modified grader files. */
  graderModified?: boolean
  identity?: StudentIdentity
}

/** One student of the class: a grade (graded or ungraded), or nothing committed at or before the deadline. */
export type GradedStudent = StudentFacts &
  ({ grade: Grade; missedDeadline?: undefined } | { grade?: undefined; missedDeadline: MissedDeadlineFacts })

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

/** The score of a graded run less its late penalty (percent of the maximum score): what the LMS files and grade_20 give. */
export function finalScore(grade: Grade, handIn: HandInFacts | undefined): number {
  return applyPenalty(grade.score, grade.maxScore, handIn?.penaltyPercent ?? 0)
}

const RULE_TEXT: Record<HandInFacts['rule'], string> = { tag: 'tag', deadline: 'deadline', cutoff: 'cut-off', 'roster-ref': 'roster ref' }

/** `tag TP1`, `deadline`, `cut-off (extension)`, `deadline (tag tp1 after the cut-off)`: which rule chose the commit. */
export function chosenBy(handIn: HandInFacts | undefined): string {
  if (!handIn) return ''
  const notes = [...(handIn.extension ? ['extension'] : []), ...(handIn.lateTag ? [`tag ${handIn.lateTag.tag} after the cut-off`] : [])]
  return `${RULE_TEXT[handIn.rule]}${handIn.tag ? ` ${handIn.tag}` : ''}${notes.length ? ` (${notes.join('; ')})` : ''}`
}

/** "reviewed" once the instructor reviewed every reviewed check, "pending" before, empty when the rubric has none. */
export function reviewState(grade: Grade): '' | 'pending' | 'reviewed' {
  const reviews = grade.checks.flatMap((c) => (c.review ? [c.review.status] : []))
  if (reviews.length === 0) return ''
  return reviews.every((s) => s === 'reviewed') ? 'reviewed' : 'pending'
}

/**
 * One row per student, sorted by id: id, commit, its date, the student's deadline, the rule that chose the commit, how
 * late it was (minutes) and the penalty (percent of the maximum score), status, score, every check's points (rubric
 * order), the score less the penalty and its grade on 20. An ungraded run or a missed deadline has no score and no
 * grade, and no points for checks it did not grade: blank, never 0.
 */
export function gradebookRows(rubric: Rubric, students: readonly GradedStudent[]): string[][] {
  const header = ['student', 'commit', 'commit_date', 'deadline', 'chosen_by', 'late_minutes', 'penalty_percent', 'status', 'score', ...rubric.checks.map((c) => c.id), 'final_score', 'grade_20', 'manual_review', 'grader_modified']
  const rows = [...students].sort(byStudentId).map((s) => {
    const { student, grade, graderModified, handIn } = s
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
      chosenBy(handIn),
      handIn?.lateSeconds ? String(Math.ceil(handIn.lateSeconds / 60)) : '',
      handIn?.lateSeconds ? String(handIn.penaltyPercent ?? 0) : '',
      studentStatus(s),
      graded ? String(grade.score) : '',
      ...checkCells,
      graded ? String(finalScore(grade, handIn)) : '',
      graded ? String(gradeOn20(finalScore(grade, handIn), grade.maxScore)) : '',
      grade ? reviewState(grade) : '',
      graderModified ? 'yes' : '',
    ]
  })
  return [header, ...rows]
}

export function renderGradebook(rubric: Rubric, students: readonly GradedStudent[]): string {
  return renderCsv(gradebookRows(rubric, students))
}
