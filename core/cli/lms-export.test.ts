import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Grade, GradedCheck } from '../grading/grade.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import type { GradedStudent } from './gradebook.js'
import { canvasExport, feedback, moodleExport, parseLmsOptions, renderLeftOut, type LmsOptions } from './lms-export.js'

const { rubric } = loadRun(labs)

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
    expect(body.map((r) => r.slice(0, 2))).toEqual([['alice@univ.fr', '19.2'], ["'=cmd|calc@univ.fr", '20']])
    expect(body[0]![2]).toBe('TP1 — Docker: images, containers, Compose: 96 / 100, that is 19.2 / 20. Points not earned: docker stop ends the container within 3 s (ex4.graceful-stop) −4.')
  })

  it('writes the feedback in the student’s language', () => {
    expect(rows(file.csv)[2]![2]).toBe('TP1 — Docker : images, conteneurs, Compose : 100 / 100, soit 20 / 20. Tous les points automatiques sont obtenus.')
  })

  it('leaves out, and names, a missed deadline and the ungraded (a blank grade would erase one), and those without the identifier (Moodle would abort the import)', () => {
    expect(file.leftOut).toEqual([
      { student: 'bob', why: 'nothing at or before the deadline 2026-12-10T23:59+01:00: no grade to import (a blank would erase the one in the LMS); --missed-grade 0 writes one' },
      { student: 'carol', why: 'ungraded: re-run it with --only-ungraded, then export again' },
      { student: 'dave', why: "no email in the roster (Moodle's Email address)" },
    ])
    expect(file.rows).toBe(2)
    expect(file.missedGrade).toEqual([])
    expect(file.neutralized).toEqual([{ student: 'eve', column: 'email' }])
  })

  it('is keyed by ID number (the roster’s sis_id) on request', () => {
    const byId = moodleExport(rubric, klass, { ...options, moodleKey: 'idnumber' })
    expect(rows(byId.csv).map((r) => r[0])).toEqual(['ID number', '21001', "'-21005"])
    expect(byId.leftOut.map((l) => l.student)).toEqual(['bob', 'carol', 'dave'])
  })

  it('writes the grade the instructor chose for no hand-in, and says why in the feedback', () => {
    const chosen = moodleExport(rubric, klass, { ...options, missedGrade: 0 })
    expect(rows(chosen.csv)[2]).toEqual(['bob@univ.fr', '0', 'Nothing was committed at or before the deadline (2026-12-10T23:59+01:00): your latest commit is from 2026-12-11T08:00:00+01:00. Grade for no hand-in: 0 / 20.'])
    expect(chosen.missedGrade).toEqual(['bob'])
    expect(chosen.leftOut.map((l) => l.student)).toEqual(['carol', 'dave'])
  })
})

describe('late work in the LMS files', () => {
  const handIn = { rule: 'cutoff' as const, lateSeconds: 26 * 3600 + 300, penaltyPercent: 20 }
  const lateAlice: GradedStudent = { ...klass[1]!, deadline, commitDate: '2026-12-12T02:04:00+01:00', handIn }

  it('give the grade less the penalty, and the feedback says how late and what it cost', () => {
    const [, row] = rows(moodleExport(rubric, [lateAlice], options).csv)
    expect(row!.slice(0, 2)).toEqual(['alice@univ.fr', '15.2'])
    expect(row![2]).toBe(
      'Handed in 1 d 2 h 5 min after the deadline (2026-12-10T23:59+01:00): late penalty −20 % of the maximum score, 96 / 100 becomes 76 / 100. ' +
        'TP1 — Docker: images, containers, Compose: 76 / 100, that is 15.2 / 20. Points not earned: docker stop ends the container within 3 s (ex4.graceful-stop) −4.',
    )
    expect(rows(canvasExport([lateAlice], options).csv)[2]!.at(-1)).toBe('15.2')
  })

  it('say a tag was graded, an extension, and a hand-in within the grace, in the student’s language', () => {
    const tagged: GradedStudent = { ...klass[4]!, deadline: '2026-12-12T23:59+01:00', commitDate: '2026-12-13T00:05:00+01:00', handIn: { rule: 'tag', tag: 'TP1', extension: true, lateSeconds: 360, withinGrace: true } }
    expect(feedback(rubric, tagged, options)).toMatch(
      /^Noté à votre tag TP1 \(commit du 2026-12-13T00:05:00\+01:00\)\. Votre date limite : 2026-12-12T23:59\+01:00 \(un délai accordé\)\. Rendu 6 min après la date limite \(2026-12-12T23:59\+01:00\), dans le délai de grâce : pas de pénalité\. TP1 — Docker : images, conteneurs, Compose : 100 \/ 100/,
    )
  })
})

describe('no LMS file ever clears a grade', () => {
  it('has a grade in every row, whatever the class holds', () => {
    const everyCase: GradedStudent[] = [...klass, { student: 'fay', identity: { email: 'fay@univ.fr', sisId: '21006' }, missedDeadline: { deadline } }].map((s) => ({ ...s, identity: { ...s.identity, sisId: s.identity?.sisId ?? '1', email: s.identity?.email ?? 'x@univ.fr' } }))
    for (const lms of [options, { ...options, missedGrade: 0 }]) {
      const [, ...moodle] = rows(moodleExport(rubric, everyCase, lms).csv)
      const [, , ...canvas] = rows(canvasExport(everyCase, lms).csv)
      for (const row of [...moodle.map((r) => r[1]), ...canvas.map((r) => r.at(-1))]) expect(row).toMatch(/^\d+(\.\d+)?$/)
      expect(moodle.length).toBe(lms.missedGrade === undefined ? 3 : 5)
    }
  })

  it('lists who is left out of which file and why, beside the files', () => {
    const text = renderLeftOut([moodleExport(rubric, klass, options), canvasExport(klass, options)])
    expect(rows(text)).toEqual([
      ['student', 'file', 'why'],
      ['bob', 'canvas-grades.csv', expect.stringMatching(/^nothing at or before the deadline/)],
      ['bob', 'moodle-grades.csv', expect.stringMatching(/^nothing at or before the deadline/)],
      ['carol', 'canvas-grades.csv', 'ungraded: re-run it with --only-ungraded, then export again'],
      ['carol', 'moodle-grades.csv', 'ungraded: re-run it with --only-ungraded, then export again'],
      ['dave', 'canvas-grades.csv', 'no canvas_id, sis_id or sis_login_id in the roster'],
      ['dave', 'moodle-grades.csv', "no email in the roster (Moodle's Email address)"],
    ])
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
      ['eve', '', "'-21005", '', '', '20'],
    ])
  })

  it('names who is not in it and why, and the identifiers that start like formulas', () => {
    expect(file.leftOut.map((l) => l.student)).toEqual(['bob', 'carol', 'dave'])
    expect(file.leftOut[2]).toEqual({ student: 'dave', why: 'no canvas_id, sis_id or sis_login_id in the roster' })
    expect(file.neutralized).toEqual([{ student: 'eve', column: 'sis_id' }])
  })
})

describe('LMS options', () => {
  it('need --lms; --scale defaults to the rubric’s points, the Moodle key to email', () => {
    expect(parseLmsOptions({}, 100)).toBeUndefined()
    expect(parseLmsOptions({ lms: 'canvas,moodle' }, 100)).toEqual({ formats: ['moodle', 'canvas'], scale: 100, assignment: 'TP1', moodleKey: 'email' })
    expect(parseLmsOptions({ lms: 'none' }, 100)).toMatchObject({ formats: [] })
    expect(parseLmsOptions({ lms: 'moodle' }, 100, 'example')).toMatchObject({ assignment: 'EXAMPLE' })
    expect(parseLmsOptions({ lms: 'moodle', scale: '20', assignment: 'TP1 (42)', moodleKey: 'idnumber' }, 100)).toEqual({ formats: ['moodle'], scale: 20, assignment: 'TP1 (42)', moodleKey: 'idnumber' })
    expect(parseLmsOptions({ lms: 'moodle', scale: '20', missedGrade: '0' }, 100)).toMatchObject({ missedGrade: 0 })
  })

  it('refuse what they cannot use, naming the value', () => {
    expect(() => parseLmsOptions({ scale: '20' }, 100)).toThrow(/--scale is for the LMS files: add --lms/)
    expect(() => parseLmsOptions({ lms: 'blackboard' }, 100)).toThrow(/--lms "blackboard"/)
    expect(() => parseLmsOptions({ lms: 'moodle', scale: '0' }, 100)).toThrow(/--scale "0" is not a positive number/)
    expect(() => parseLmsOptions({ lms: 'moodle', moodleKey: 'username' }, 100)).toThrow(/--moodle-key "username"/)
    expect(() => parseLmsOptions({ missedGrade: '0' }, 100)).toThrow(/--missed-grade is for the LMS files: add --lms/)
    expect(() => parseLmsOptions({ lms: 'moodle', scale: '20', missedGrade: '21' }, 100)).toThrow(/--missed-grade "21" is not a grade between 0 and the scale \(20\)/)
    expect(() => parseLmsOptions({ lms: 'moodle', missedGrade: '' }, 100)).toThrow(/--missed-grade ""/)
  })
})

describe('feedback', () => {
  it('lists the points not earned, not an advisory 0-point check', () => {
    const text = feedback(rubric, { student: 'x', grade: gradeWith({ 'ex3.report-files': { points: 0, status: 'failed' }, 'ex4.health': { points: 0, status: 'failed' } }) }, { scale: 20 })
    expect(text).toContain('(ex4.health) −8')
    expect(text).not.toContain('ex3.report-files')
  })

  it('says a report review is pending', () => {
    const pending = gradeWith({ 'ex1.report': { review: { status: 'pending', automaticPoints: 4 } } })
    expect(feedback(rubric, { student: 'x', grade: pending }, { scale: 20 })).toContain('Your written report has not been reviewed yet')
  })
})
