import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Grade } from '../grading/grade.js'
import { combineReviews, loadReview, mergeReview, reviewFilePath, type ReviewFile } from '../../reporters/review-file.js'
import { roundPoints } from '../grading/points.js'
import { sheetReview, type ReviewSheet } from './manual-points-sheet.js'

/**
 * The instructor's points merged into a grade already written, as the grader does at grading time (the same
 * merge): the reviewed figure replaces the automatic one, and both stay visible. No new run needed.
 */
export function withManualPoints(grade: Grade, review: ReviewFile | undefined): Grade {
  const checks = grade.checks.map((check) => (check.review ? mergeReview(check, check.review.automaticPoints, review).check : check))
  return { ...grade, checks, score: roundPoints(checks.reduce((s, c) => s + c.points, 0)) }
}

/** Where the reviews of the sheet and the students' own files are written as one, for the grader to read. */
export const MERGED_REVIEWS_FOLDER = '.merged-reviews'

const sha256 = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined)

/**
 * The review file the grader reads for a student of the batch, and its digest (what tells a batch that the review
 * changed): `<submission>.review.json` alone when the sheet has no row for them (as before the sheet existed), else
 * that file and their rows of the sheet combined (combineReviews) into the output folder. A malformed own file is
 * handed over as it is: the grade then says it is ignored, and the sheet's rows wait until it is fixed (`note`).
 */
export function studentReview(submissionDir: string, student: string, sheet: ReviewSheet, outDir: string): { file: string; digest?: string; note?: string } {
  // Never the REVIEW_FILE of the instructor's shell: each student has their own review, beside their folder.
  const own = reviewFilePath(submissionDir)
  const fromSheet = sheetReview(sheet, student)
  const digest = sha256(own)
  if (!fromSheet) return { file: own, ...(digest ? { digest } : {}) }
  const loaded = loadReview(own)
  if (loaded instanceof Error) return { file: own, ...(digest ? { digest } : {}), note: `${loaded.message}: the review sheet's rows for ${student} wait until it is fixed` }
  const file = path.join(outDir, MERGED_REVIEWS_FOLDER, `${student}.review.json`)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(combineReviews(loaded, fromSheet), null, 2)}\n`)
  return { file, digest: sha256(file)! }
}
