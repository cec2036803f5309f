import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { afterAll, describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { rubricDigest, type Manifest } from '../core/cli/manifest.js'
import { REVIEW_SHEET_FILE } from '../core/cli/manual-points-sheet.js'
import { folderDigest } from '../core/cli/submissions.js'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { referenceSubmission } from './support/fixtures.js'
import { readGoldenGrade } from './support/golden.js'
import { gradeClassCli, readGradebook, readManifest } from './support/grade-class-cli.js'

const { rubric } = loadRun(labs)

/**
 * A class already graded (two golden grades in an output folder whose manifest says they are of these very folders
 * and this rubric): every run below skips the grading itself, so what changes between runs is the review alone.
 */
function gradedClass() {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-review-sheet-'))
  const out = path.join(root, 'out')
  const manifest: Manifest = { schemaVersion: 1, students: {} }
  const grades: Record<string, Grade> = { alice: readGoldenGrade('reference.fr'), bob: readGoldenGrade('shell-form-cmd.en') }
  for (const [student, grade] of Object.entries(grades)) {
    const submission = path.join(root, 'submissions', student)
    cpSync(referenceSubmission, submission, { recursive: true, verbatimSymlinks: true })
    mkdirSync(path.join(out, 'students', student), { recursive: true })
    writeFileSync(path.join(out, 'students', student, 'grade.json'), `${JSON.stringify(grade, null, 2)}\n`)
    manifest.students[student] = {
      student, source: { kind: 'folder', path: submission }, revision: `files:${folderDigest(submission)}`, rubricDigest: rubricDigest(rubric),
      status: 'graded', score: grade.score, gradedAt: '2026-12-11T08:00:00.000Z', durationMs: 1000,
    }
  }
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const roster = path.join(root, 'roster.csv')
  writeFileSync(roster, 'student,source,email\nalice,submissions/alice,alice@univ.example\nbob,submissions/bob,bob@univ.example\n')
  return { root, out, roster, grades }
}

const readSheet = (out: string) => parse(readFileSync(path.join(out, REVIEW_SHEET_FILE), 'utf8'), { bom: true }) as string[][]
const readGrade = (out: string, student: string) => JSON.parse(readFileSync(path.join(out, 'students', student, 'grade.json'), 'utf8')) as Grade
const check = (grade: Grade, id: string) => grade.checks.find((c) => c.id === id)!

describe('the review sheet, written by a batch run, filled by the instructor, read back by the next run', () => {
  const { root, out, roster, grades } = gradedClass()
  afterAll(() => rmSync(root, { recursive: true, force: true }))
  const grade = (...extra: string[]) => gradeClassCli('grade', '--roster', roster, '--out', out, '--lms', 'moodle', '--scale', '20', ...extra)

  it('round-trips: the filled rows reach grade.json, the grade sheet, the gradebook and the Moodle file; the empty rows change nothing', async () => {
    const first = await grade()
    expect(first.code, first.output).toBe(0)
    expect(first.output).toMatch(/skipped 2/)
    const rows = readSheet(out)
    const [header] = rows
    const at = (name: string) => header!.indexOf(name)
    const row = (student: string, id: string) => rows.find((r) => r[at('student')] === student && r[at('check')] === id)!
    expect(rows).toHaveLength(1 + 2 * rubric.checks.filter((c) => c.review).length)
    expect(row('alice', 'ex1.report')[at('grader_found')]).toMatch(/^1\.b: answered — .*Question_1B\.png\n1\.c: answered/)
    expect(row('alice', 'ex1.report')[at('in_grade')]).toBe('4 (pending)')

    // The instructor fills three rows (a French spreadsheet's decimal comma in one) and leaves the rest empty;
    // bob also has his own review file, which wins for the check both review.
    row('alice', 'ex1.report')[at('points')] = '2,5'
    row('alice', 'ex1.report')[at('comment')] = '1.c: the screenshot does not show the command'
    row('alice', 'ex1.report')[at('reviewer')] = 'M. Martin'
    row('alice', 'ex8.report')[at('comment')] = 'Good analysis'
    row('bob', 'ex1.report')[at('points')] = '3'
    row('bob', 'ex2.report')[at('points')] = '1'
    writeFileSync(path.join(out, REVIEW_SHEET_FILE), stringify(rows))
    writeFileSync(path.join(root, 'submissions', 'bob.review.json'), JSON.stringify({ checks: { 'ex1.report': { points: 2 } } }))

    const second = await grade()
    expect(second.code, second.output).toBe(0)
    expect(second.output).toMatch(/manual points merged 2/)
    const alice = readGrade(out, 'alice')
    expect(check(alice, 'ex1.report')).toMatchObject({ points: 2.5, review: { status: 'reviewed', automaticPoints: 4, points: 2.5, reviewer: 'M. Martin', comment: '1.c: the screenshot does not show the command' } })
    expect(check(alice, 'ex8.report')).toMatchObject({ points: 4, review: { status: 'reviewed', comment: 'Good analysis' } })
    expect(check(alice, 'ex2.report').review?.status).toBe('pending')
    expect(alice.score).toBe(grades.alice!.score - 1.5)
    const bob = readGrade(out, 'bob')
    expect([check(bob, 'ex1.report').points, check(bob, 'ex2.report').points]).toEqual([2, 1])
    expect(bob.score).toBe(grades.bob!.score - 2 - 3)
    expect(readFileSync(path.join(out, 'students', 'alice', 'grade-sheet.md'), 'utf8')).toContain('1.c: the screenshot does not show the command')
    const gradebook = readGradebook(out)
    expect([gradebook.alice!.score, gradebook.alice!['ex1.report']]).toEqual([String(alice.score), '2.5'])
    const moodle = parse(readFileSync(path.join(out, 'moodle-grades.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(moodle.find((r) => Object.values(r).includes('alice@univ.example'))).toBeDefined()
    expect(Object.values(moodle.find((r) => Object.values(r).includes('alice@univ.example'))!)).toContain(String(Math.round((alice.score / alice.maxScore) * 2000) / 100))

    // The sheet written again keeps what was typed, and says what each grade now counts.
    const again = readSheet(out)
    const rowAgain = (student: string, id: string) => again.find((r) => r[at('student')] === student && r[at('check')] === id)!
    expect(rowAgain('alice', 'ex1.report').slice(at('in_grade'))).toEqual(['2.5 (reviewed)', '2.5', '1.c: the screenshot does not show the command', 'M. Martin'])
    expect(rowAgain('bob', 'ex1.report').slice(at('in_grade'), at('points') + 1)).toEqual(['2 (reviewed)', '3'])

    // Nothing changed: nothing is merged again.
    const third = await grade()
    expect(third.output).toMatch(/skipped 2/)
    expect(readManifest(out).students.alice!.score).toBe(alice.score)
  })

  it('a sheet that cannot be read stops the run before anything, naming the line (exit 2)', async () => {
    const rows = readSheet(out)
    rows[1]![rows[0]!.indexOf('points')] = 'four'
    writeFileSync(path.join(out, REVIEW_SHEET_FILE), stringify(rows))
    const run = await grade()
    expect(run.code).toBe(2)
    expect(run.output).toMatch(/review-sheet\.csv row 2: the points "four" of alice's ex1\.report are not a number/)
  })
})
