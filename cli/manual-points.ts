import type { Grade } from '../grading/grade.js'
import { mergeReview, type ReviewFile } from '../reporters/review-file.js'
import { roundPoints } from '../grading/points.js'


/**
 * The instructor's points merged into a grade already written, as the grader does at grading time (the same
 * merge): the reviewed figure replaces the automatic one, and both stay visible. No new run needed.
 */
export function withManualPoints(grade: Grade, review: ReviewFile | undefined): Grade {
  const checks = grade.checks.map((check) => (check.review ? mergeReview(check, check.review.automaticPoints, review).check : check))
  return { ...grade, checks, score: roundPoints(checks.reduce((s, c) => s + c.points, 0)) }
}
