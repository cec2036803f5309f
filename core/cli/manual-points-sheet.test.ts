import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Grade } from '../grading/grade.js'
import { combineReviews } from '../../reporters/review-file.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { readGoldenGrade } from '../../test/support/golden.js'
import { combineSheets, parseReviewSheet, renderReviewSheet, REVIEW_SHEET_HEADER, sheetReview } from './manual-points-sheet.js'
import { UsageError } from './usage-error.js'

const { rubric } = loadRun(labs)
const file = '/out/review-sheet.csv'
const reviewedChecks = rubric.checks.filter((c) => c.review).map((c) => c.id)

/** The golden reference's grade, with question 1.c of alice's report missing. */
function grades(): { student: string; grade?: Grade }[] {
  const alice = readGoldenGrade('reference.fr')
  const ex1 = alice.checks.find((c) => c.id === 'ex1.report')!
  ex1.details!.items![1] = { ...ex1.details!.items![1]!, passed: false, points: 0, feedback: { seen: 'no section for question 1.c' } }
  return [{ student: 'bob', grade: readGoldenGrade('shell-form-cmd.en') }, { student: 'alice', grade: alice }, { student: 'carol' }]
}

const rowsOf = (csv: string) => parse(csv, { columns: true, bom: true }) as Record<string, string>[]

describe('the review sheet', () => {
  it('has one row per student with a grade and reviewed check, saying what the grader found for each question', () => {
    const csv = renderReviewSheet(rubric, grades(), new Map())
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const rows = rowsOf(csv)
    expect(Object.keys(rows[0]!)).toEqual([...REVIEW_SHEET_HEADER])
    expect(rows.map((r) => `${r.student} ${r.check}`)).toEqual([...reviewedChecks.map((c) => `alice ${c}`), ...reviewedChecks.map((c) => `bob ${c}`)])
    const aliceEx1 = rows[0]!
    expect(aliceEx1).toMatchObject({ questions: '1.b 1.c', automatic_points: '4', max_points: '4', in_grade: '4 (pending)', points: '', comment: '' })
    expect(aliceEx1.grader_found).toMatch(/^1\.b: answered — .*capture d’écran Captures\/TP1\/Question_1B\.png\n1\.c: MISSING — no section for question 1\.c$/)
    // The pasted-files finding is the whole report's: on the student's first row only.
    expect(aliceEx1.pasted_files).toMatch(/tabulations/)
    expect(rows.filter((r) => r.pasted_files !== '').map((r) => r.student)).toEqual(['alice', 'bob'])
  })

  it('round-trips: what the instructor typed is read back, and a rewrite keeps it; empty rows are no review', () => {
    const rows = parse(renderReviewSheet(rubric, grades(), new Map()), { bom: true }) as string[][]
    const column = (name: string) => REVIEW_SHEET_HEADER.indexOf(name as (typeof REVIEW_SHEET_HEADER)[number])
    const edit = (student: string, check: string, points: string, comment: string, reviewer = '') => {
      const row = rows.find((r) => r[0] === student && r[1] === check)!
      row[column('points')] = points
      row[column('comment')] = comment
      row[column('reviewer')] = reviewer
    }
    edit('alice', 'ex1.report', '2,5', '=1.c is missing', 'M. Martin')
    edit('alice', 'ex8.report', '', 'Good analysis')
    edit('bob', 'ex2.report', '0', '')
    const typed = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')
    const sheet = parseReviewSheet(typed, file, rubric)
    expect(sheetReview(sheet, 'alice')).toEqual({ reviewer: 'M. Martin', checks: { 'ex1.report': { points: 2.5, comment: '=1.c is missing' }, 'ex8.report': { comment: 'Good analysis' } } })
    expect(sheetReview(sheet, 'bob')).toEqual({ checks: { 'ex2.report': { points: 0 } } })
    expect(sheetReview(sheet, 'carol')).toBeUndefined()
    // Written again (the comment neutralized against formulas), then read again: the same.
    const rewritten = renderReviewSheet(rubric, grades(), sheet)
    expect(rewritten).toContain(`,'=1.c is missing,`)
    expect(parseReviewSheet(rewritten, file, rubric)).toEqual(sheet)
  })

  it("reads a sheet saved by a French spreadsheet: ';' between cells, a decimal comma", () => {
    const sheet = parseReviewSheet('student;check;points;comment\nalice;ex1.report;3,5;"Bien; précis"\n', file, rubric)
    expect(sheetReview(sheet, 'alice')).toEqual({ checks: { 'ex1.report': { points: 3.5, comment: 'Bien; précis' } } })
  })

  it('stops on points that are not a number, a check not reviewed by hand, a second row, or a header without its columns', () => {
    const sheet = (rows: string) => () => parseReviewSheet(`student,check,points,comment\n${rows}\n`, file, rubric)
    expect(sheet('alice,ex1.report,three,')).toThrow(/row 2: the points "three" of alice's ex1.report are not a number/)
    expect(sheet('alice,ex1.report,-1,')).toThrow(UsageError)
    expect(sheet('alice,ex4.health,1,')).toThrow(/"ex4.health" is not a check the instructor reviews/)
    expect(sheet('alice,ex1.report,1,\nalice,ex1.report,2,')).toThrow(/row 3: alice's ex1.report has a second row/)
    expect(() => parseReviewSheet('student,check,score\nalice,ex1.report,1\n', file, rubric)).toThrow(/no column "points", "comment"/)
  })

  it("combines the shards' sheets, and the students' own review files over the sheet, check by check", () => {
    const a = parseReviewSheet('student,check,points,comment\nalice,ex1.report,1,\n', file, rubric)
    const b = parseReviewSheet('student,check,points,comment\nbob,ex1.report,2,\n', file, rubric)
    expect([...combineSheets([a, b]).keys()]).toEqual(['alice', 'bob'])
    expect(combineReviews({ checks: { 'ex1.report': { points: 2 } } }, { reviewer: 'sheet', checks: { 'ex1.report': { points: 3 }, 'ex2.report': { points: 1 } } }))
      .toEqual({ reviewer: 'sheet', checks: { 'ex1.report': { points: 2 }, 'ex2.report': { points: 1 } } })
    expect(combineReviews(undefined, { checks: { 'ex2.report': { points: 1 } } })).toEqual({ checks: { 'ex2.report': { points: 1 } } })
  })
})
