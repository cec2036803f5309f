import type { Grade, GradedCheck } from '../grading/grade.js'
import type { ReviewFile } from '../reporters/review-file.js'

const round = (n: number) => Math.round(n * 100) / 100

/**
 * The instructor's points merged into a grade already written, as the grader does at grading time: the reviewed
 * figure replaces the automatic one (capped at the check's points), and both stay visible. No new run needed.
 */
export function withManualPoints(grade: Grade, review: ReviewFile | undefined): Grade {
  const checks = grade.checks.map((check) => reviewed(check, review))
  return { ...grade, checks, score: round(checks.reduce((s, c) => s + c.points, 0)) }
}

function reviewed(check: GradedCheck, review: ReviewFile | undefined): GradedCheck {
  if (!check.review) return check
  const automaticPoints = check.review.automaticPoints
  const base = { automaticPoints, ...(review?.reviewer ? { reviewer: review.reviewer } : {}) }
  const entry = review?.checks[check.id]
  if (!entry) return { ...check, points: automaticPoints, review: { status: 'pending', ...base } }
  const points = entry.points === undefined ? automaticPoints : round(Math.min(entry.points, check.maxPoints))
  return {
    ...check,
    points,
    review: { status: 'reviewed', ...base, ...(entry.points !== undefined ? { points } : {}), ...(entry.comment ? { comment: entry.comment } : {}) },
  }
}
