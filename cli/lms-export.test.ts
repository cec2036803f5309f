import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Grade, GradedCheck } from '../grading/grade.js'
import { currentRun } from '../rubric/index.js'
import type { GradedStudent } from './gradebook.js'
import { canvasExport, feedback, moodleExport, parseLmsOptions, type LmsOptions } from './lms-export.js'

const { rubric } = currentRun()

function gradeWith(changes: Record<string, Partial<GradedCheck>>, status: Grade['status'] = 'graded', language: Grade['language'] = 'en'): Grade {
  const checks = rubric.checks.map((c) => ({ id: c.id, exercise: c.exercise, title: c.title, points: c.points, maxPoints: c.points, status: 'passed' as const, message: 'passed', ...changes[c.id] }))
  return { schemaVersion: 1, lab: 'tp1', language, submission: { path: '/x' }, status, score: checks.reduce((s, c) => s + c.points, 0), maxScore: rubric.totalPoints, startedAt: '', durationMs: 0, environment: { node: 'v20', grader: '0.1.0' }, checks }
}

const stop = { 'ex4.graceful-stop': { points: 0, status: 'failed' as const, title: 'docker stop ends the container within 3 s' } }
const deadline = '2026-12-10T23:59+01:00'
const klass: GradedStudent[] = [
  { student: 'bob', identity: { name: 'Durand, Bob', email: 'bob@univ.fr', sisId: '21002', sisLoginId: 'bdurand', section: 'G1' }, missedDeadline: { deadline, latest: { commit: 'beef', date: '2026-12-11T08:00:00+01:00' } } },
  { student: 'alice', identity: { name: 'Martin, Alice', email: 'alice@univ.fr', sisId: '21001', canvasId: '4242', section: 'G1' }, grade: gradeWith(stop) },
  { student: 'carol', identity: { email: 'carol@univ.fr', sisId: '21003' }, grade: gradeWith({ 'ex4.health': { points: 0, status: 'ungraded' } }, 'ungraded') },
  { student: 'dave', grade: gradeWith({}) },
  { student: 'eve', identity: { email: '=cmd|calc@univ.fr', sisId: '-21005' }, grade: gradeWith({}, 'graded', 'fr') },
]
const options: LmsOptions = { formats: ['moodle', 'canvas'], scale: 20, assignment: 'TP1 Docker', moodleKey: 'email' }
const BOM = '\uFEFF'

/** Reads an LMS file as the platform does: UTF-8, the byte-order mark dropped, RFC 4180 quoting. */
const rows = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false })

describe('the Moodle grade import file', () => {
  const file = moodleExport(rubric, klass, options)

  it('is keyed by email address, with one grade column on the chosen scale and its feedback column', () => {
    expect(file.csv.startsWith(BOM)).toBe(true)
    const [header, ...body] = rows(file.csv)
    // Moodle's own export labels (grade/import/csv/tests/load_data_test.php): "Email address", "ID number", "Feedback: <item>".
    expect(header).toEqual(['Email address', 'TP1 Docker', 'Feedback: TP1 Docker'])
    expect(body.map((r) => r.slice(0, 2))).toEqual([['alice@univ.fr', '19.2'], ['bob@univ.fr', ''], ["'=cmd|calc@univ.fr", '20']])
    expect(body[0]![2]).toBe('TP1 — Docker: images, containers, Compose: 96 / 100, that is 19.2 / 20. Points not earned: docker stop ends the container within 3 s (ex4.graceful-stop) −4.')
  })

  it('gives a missed deadline a blank grade (Moodle: no grade) and says why, in the student’s language', () => {
    expect(rows(file.csv)[2]![2]).toBe('Nothing was committed at or before the deadline (2026-12-10T23:59+01:00): your latest commit is from 2026-12-11T08:00:00+01:00. No grade.')
    expect(file.blank).toEqual(['bob'])
    expect(rows(file.csv)[3]![2]).toBe('TP1 — Docker : images, conteneurs, Compose : 100 / 100, soit 20 / 20. Tous les points automatiques sont obtenus.')
  })

  it('leaves out, and names, the ungraded (a blank would erase a grade) and those without the identifier (Moodle would abort the import)', () => {
    expect(file.leftOut).toEqual([
      { student: 'carol', why: 'ungraded: re-run it with --only-ungraded, then export again' },
      { student: 'dave', why: "no email in the roster (Moodle's Email address)" },
    ])
    expect(file.rows).toBe(3)
    expect(file.neutralized).toEqual([{ student: 'eve', column: 'email' }])
  })

  it('is keyed by ID number (the roster’s sis_id) on request', () => {
    const byId = moodleExport(rubric, klass, { ...options, moodleKey: 'idnumber' })
    expect(rows(byId.csv).map((r) => r[0])).toEqual(['ID number', '21001', '21002', "'-21005"])
    expect(byId.leftOut.map((l) => l.student)).toEqual(['carol', 'dave'])
  })
})

describe('the Canvas gradebook import file', () => {
  const file = canvasExport(klass, options)

  it('has the columns of a Canvas export and its Points Possible row, as Canvas’s importer reads them', () => {
    const [header, points, ...body] = rows(file.csv)
    // gradebook_importer.rb: row[0] includes "Student", row[1] "ID", then SIS User ID, SIS Login ID, and Section last.
    expect(header).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'TP1 Docker'])
    // A row whose first cell includes "Points Possible" gives each assignment's points (gradebook_exporter.rb writes four spaces first).
    expect(points).toEqual(['    Points Possible', '', '', '', '', '20'])
    expect(body).toEqual([
      ['Martin, Alice', '4242', '21001', '', 'G1', '19.2'],
      ['Durand, Bob', '', '21002', 'bdurand', 'G1', ''],
      ['eve', '', "'-21005", '', '', '20'],
    ])
  })

  it('names who is not in it and why, and the identifiers that start like formulas', () => {
    expect(file.leftOut).toEqual([
      { student: 'carol', why: 'ungraded: re-run it with --only-ungraded, then export again' },
      { student: 'dave', why: 'no canvas_id, sis_id or sis_login_id in the roster' },
    ])
    expect(file.neutralized).toEqual([{ student: 'eve', column: 'sis_id' }])
  })
})

describe('LMS options', () => {
  it('need --lms; --scale defaults to the rubric’s points, the Moodle key to email', () => {
    expect(parseLmsOptions({}, 100)).toBeUndefined()
    expect(parseLmsOptions({ lms: 'canvas,moodle' }, 100)).toEqual({ formats: ['moodle', 'canvas'], scale: 100, assignment: 'TP1', moodleKey: 'email' })
    expect(parseLmsOptions({ lms: 'none' }, 100)).toMatchObject({ formats: [] })
    expect(parseLmsOptions({ lms: 'moodle', scale: '20', assignment: 'TP1 (42)', moodleKey: 'idnumber' }, 100)).toEqual({ formats: ['moodle'], scale: 20, assignment: 'TP1 (42)', moodleKey: 'idnumber' })
  })

  it('refuse what they cannot use, naming the value', () => {
    expect(() => parseLmsOptions({ scale: '20' }, 100)).toThrow(/--scale is for the LMS files: add --lms/)
    expect(() => parseLmsOptions({ lms: 'blackboard' }, 100)).toThrow(/--lms "blackboard"/)
    expect(() => parseLmsOptions({ lms: 'moodle', scale: '0' }, 100)).toThrow(/--scale "0" is not a positive number/)
    expect(() => parseLmsOptions({ lms: 'moodle', moodleKey: 'username' }, 100)).toThrow(/--moodle-key "username"/)
  })
})

describe('feedback', () => {
  it('lists the points not earned, not an advisory 0-point check', () => {
    const text = feedback(rubric, { student: 'x', grade: gradeWith({ 'ex3.report-files': { points: 0, status: 'failed' }, 'ex4.health': { points: 0, status: 'failed' } }) }, 20)
    expect(text).toContain('(ex4.health) −8')
    expect(text).not.toContain('ex3.report-files')
  })

  it('says a report review is pending', () => {
    const pending = gradeWith({ 'ex1.report': { review: { status: 'pending', automaticPoints: 4 } } })
    expect(feedback(rubric, { student: 'x', grade: pending }, 20)).toContain('Your written report has not been reviewed yet')
  })
})
