import { parse } from 'csv-parse/sync'
import { existsSync, readFileSync } from 'node:fs'
import type { Grade, GradedCheck } from '../grading/grade.js'
import type { ReviewFile } from '../../reporters/review-file.js'
import type { Rubric } from '../run/index.js'
import { renderCsv } from './csv-cells.js'
import { byStudentId } from './gradebook.js'
import { UsageError } from './usage-error.js'

/** The class's review sheet, in the output folder: written by every run, read back by the next. */
export const REVIEW_SHEET_FILE = 'review-sheet.csv'

/** What the grader found (read-only) and, after it, the instructor's columns (points, comment, reviewer). */
export const REVIEW_SHEET_HEADER = ['student', 'check', 'questions', 'grader_found', 'pasted_files', 'automatic_points', 'max_points', 'in_grade', 'points', 'comment', 'reviewer'] as const

/** The instructor's columns of one row. */
export interface ReviewEntry {
  points?: number
  comment?: string
  reviewer?: string
}

/** student → check id → what the instructor wrote; only the rows they filled. */
export type ReviewSheet = Map<string, Map<string, ReviewEntry>>

const PASTED_FILES_CHECK = 'ex3.report-files'

/**
 * The sheet for the students with a grade: one row per student and reviewed check (the report's), with what the grader
 * found for each of its questions, the automatic points, the points the grade counts now, and the instructor's columns
 * as `kept` has them (the sheet read at the start of the run: a rewrite never loses what the instructor typed).
 */
export function renderReviewSheet(rubric: Rubric, students: readonly { student: string; grade?: Grade }[], kept: ReviewSheet): string {
  const reviewed = rubric.checks.filter((c) => c.review).map((c) => c.id)
  const rows: string[][] = [[...REVIEW_SHEET_HEADER]]
  for (const { student, grade } of [...students].sort(byStudentId)) {
    if (!grade) continue
    const pasted = grade.checks.find((c) => c.id === PASTED_FILES_CHECK)
    reviewed.forEach((id, index) => {
      const check = grade.checks.find((c) => c.id === id)
      if (!check) return
      const entry = kept.get(student)?.get(id) ?? {}
      rows.push([
        student,
        id,
        (check.details?.items ?? []).map((i) => i.id).join(' '),
        graderFound(check),
        // The pasted files are the whole report's: said once, on the student's first row.
        index === 0 && pasted ? pasted.message : '',
        String(check.review?.automaticPoints ?? check.points),
        String(check.maxPoints),
        `${check.points} (${check.review?.status ?? 'automatic'})`,
        entry.points === undefined ? '' : String(entry.points),
        entry.comment ?? '',
        entry.reviewer ?? '',
      ])
    })
  }
  return renderCsv(rows, { bom: true })
}

/** One line per question: answered or MISSING, and what the grader read there (a screenshot, first words, or why not). */
function graderFound(check: GradedCheck): string {
  const items = check.details?.items ?? []
  if (items.length === 0) return check.message
  return items.map((i) => `${i.id}: ${i.passed ? 'answered' : 'MISSING'}${i.feedback?.seen ? ` — ${i.feedback.seen}` : i.feedback?.expected ? ` — ${i.feedback.expected}` : ''}`).join('\n')
}

/** A cell this tool neutralized against formulas ("'=…") reads back as it was typed. */
const unneutralize = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)

/**
 * Reads the instructor's columns back: the rows with points or a comment, keyed by student and check; a row left
 * empty is no review. Spreadsheets save with "," or ";" and write 3,5 for 3.5 in French: both are read. A check that
 * is not reviewed by hand, or points that are not a number ≥ 0, stop the run (exit 2) with the line.
 */
export function parseReviewSheet(text: string, file: string, rubric: Rubric): ReviewSheet {
  let records: { record: Record<string, string> }[]
  // The header says which: it holds no comma when a spreadsheet saved the file with semicolons.
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ','
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, delimiter, relax_column_count: true })
  } catch (error) {
    throw new UsageError(`The review sheet ${file} is not valid CSV: ${(error as Error).message}. Fix it (save it as CSV UTF-8), then run again.`)
  }
  const columns = Object.keys(records[0]?.record ?? {})
  const missing = ['student', 'check', 'points', 'comment'].filter((c) => !columns.includes(c))
  if (records.length > 0 && missing.length)
    throw new UsageError(`The review sheet ${file} has no column ${missing.map((c) => JSON.stringify(c)).join(', ')}: keep the header the batch run wrote (${REVIEW_SHEET_HEADER.join(',')}).`)
  const reviewed = new Set(rubric.checks.filter((c) => c.review).map((c) => c.id))
  const sheet: ReviewSheet = new Map()
  for (const [index, { record }] of records.entries()) {
    // The spreadsheet's row number: a file line would count the line breaks inside the grader_found cells.
    const where = `${file} row ${index + 2}`
    const cell = (column: string) => unneutralize(record[column] ?? '')
    const [student, check, rawPoints, comment, reviewer] = [cell('student'), cell('check'), cell('points'), cell('comment'), cell('reviewer')]
    if (rawPoints === '' && comment === '') continue
    if (!reviewed.has(check)) throw new UsageError(`${where}: ${JSON.stringify(check)} is not a check the instructor reviews (${[...reviewed].join(', ')}). Keep the check column as the batch run wrote it.`)
    const entry: ReviewEntry = { ...(comment ? { comment } : {}), ...(reviewer ? { reviewer } : {}) }
    if (rawPoints !== '') {
      const points = Number(rawPoints.replace(',', '.'))
      if (!/^\d+([.,]\d+)?$/.test(rawPoints) || !Number.isFinite(points))
        throw new UsageError(`${where}: the points ${JSON.stringify(rawPoints)} of ${student}'s ${check} are not a number of at least 0 (e.g. 3 or 2.5). Fix the cell, or empty it to keep the automatic points.`)
      entry.points = points
    }
    const checks = sheet.get(student) ?? new Map<string, ReviewEntry>()
    if (checks.has(check)) throw new UsageError(`${where}: ${student}'s ${check} has a second row. Keep one row per student and check.`)
    checks.set(check, entry)
    sheet.set(student, checks)
  }
  return sheet
}

/** The sheet of `file`, or an empty one when there is none yet. */
export function readReviewSheet(file: string, rubric: Rubric): ReviewSheet {
  return existsSync(file) ? parseReviewSheet(readFileSync(file, 'utf8'), file, rubric) : new Map()
}

/** A student's rows as a review file (the form the grader reads); undefined when the sheet reviews none of their checks. */
export function sheetReview(sheet: ReviewSheet, student: string): ReviewFile | undefined {
  const rows = sheet.get(student)
  if (!rows?.size) return undefined
  const reviewer = [...rows.values()].find((e) => e.reviewer)?.reviewer
  const checks = Object.fromEntries([...rows].map(([id, e]) => [id, { ...(e.points !== undefined ? { points: e.points } : {}), ...(e.comment ? { comment: e.comment } : {}) }]))
  return { ...(reviewer ? { reviewer } : {}), checks }
}

/** Several sheets (the shards') as one: the rows the instructor filled, a later sheet's row over an earlier one's. */
export function combineSheets(sheets: readonly ReviewSheet[]): ReviewSheet {
  const combined: ReviewSheet = new Map()
  for (const sheet of sheets)
    for (const [student, rows] of sheet) for (const [check, entry] of rows) combined.set(student, (combined.get(student) ?? new Map()).set(check, entry))
  return combined
}
