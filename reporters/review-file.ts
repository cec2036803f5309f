import { catalogue, type Language } from '../core/i18n/index.js'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { GradedCheck } from '../core/grading/grade.js'
import { roundPoints } from '../core/grading/points.js'

const reviewSchema = z.object({
  reviewer: z.string().optional(),
  checks: z.record(
    z.string().regex(/^ex\d+\.[a-z0-9-]+$/),
    z.object({ points: z.number().nonnegative().optional(), comment: z.string().optional() }).strict(),
  ),
}).strict()

export type ReviewFile = z.infer<typeof reviewSchema>

/**
 * The instructor's review of a submission: REVIEW_FILE, or `<submission folder>.review.json` beside it
 * (never inside it, where the student could write it).
 */
export function reviewFilePath(submissionDir: string, reviewFile?: string): string {
  return reviewFile ? path.resolve(reviewFile) : `${path.resolve(submissionDir)}.review.json`
}

/** undefined when there is no review file; an Error naming the file and the problem when it is malformed (shown on the sheet). */
export function loadReview(file: string, language: Language = 'en'): ReviewFile | Error | undefined {
  if (!existsSync(file)) return undefined
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    return new Error(catalogue(language).sheet.reviewFile.notJson(file, (error as Error).message))
  }
  const parsed = reviewSchema.safeParse(data)
  if (parsed.success) return parsed.data
  return new Error(catalogue(language).sheet.reviewFile.invalid(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)))
}


/**
 * The instructor's review of one check: their points, capped at the check's, replace the automatic ones, and
 * both stay visible. `capped` is the figure they gave when it was over the maximum.
 */
export function mergeReview(check: GradedCheck, automaticPoints: number, review: ReviewFile | undefined): { check: GradedCheck; capped?: number } {
  const base = { automaticPoints, ...(review?.reviewer ? { reviewer: review.reviewer } : {}) }
  const entry = review?.checks[check.id]
  if (!entry) return { check: { ...check, points: automaticPoints, review: { status: 'pending', ...base } } }
  const points = entry.points === undefined ? automaticPoints : roundPoints(Math.min(entry.points, check.maxPoints))
  return {
    check: {
      ...check,
      points,
      review: { status: 'reviewed', ...base, ...(entry.points !== undefined ? { points } : {}), ...(entry.comment ? { comment: entry.comment } : {}) },
    },
    ...(entry.points !== undefined && entry.points > check.maxPoints ? { capped: entry.points } : {}),
  }
}

/**
 * The student's own review file and their rows of the class's review sheet, as one: for a check both review, the
 * student's file wins (it is the more deliberate act, written for this one student); the sheet fills the others.
 */
export function combineReviews(own: ReviewFile | undefined, sheet: ReviewFile | undefined): ReviewFile | undefined {
  if (!own || !sheet) return own ?? sheet
  const reviewer = own.reviewer ?? sheet.reviewer
  return { ...(reviewer ? { reviewer } : {}), checks: { ...sheet.checks, ...own.checks } }
}
