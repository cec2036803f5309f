import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { Grade, GradedCheck } from '../grading/grade.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { gradebookRows, gradeOn20, renderGradebook, type GradedStudent } from './gradebook.js'

const { rubric } = loadRun(labs)
/** A check's points, as the rubric holds them: the test repeats none of them. */
const pointsOf = (id: string) => rubric.checks.find((c) => c.id === id)!.points

/** The rubric's checks all passed, except those given. */
function gradeWith(changes: Record<string, Partial<GradedCheck>>, status: Grade['status'] = 'graded'): Grade {
  const checks = rubric.checks.map((c) => ({ id: c.id, exercise: c.exercise, title: c.title, points: c.points, maxPoints: c.points, status: 'passed' as const, message: 'passed', ...changes[c.id] }))
  return { schemaVersion: 1, lab: 'tp1', submission: { path: '/x' }, status, score: checks.reduce((s, c) => s + c.points, 0), maxScore: rubric.totalPoints, startedAt: '', durationMs: 0, environment: { node: 'v20', grader: '0.1.0' }, checks }
}

describe('the gradebook', () => {
  const header = gradebookRows(rubric, [])[0]!

  it('has one column per check, in rubric order, between the score and the grade on 20', () => {
    expect(header).toEqual(['student', 'commit', 'commit_date', 'deadline', 'chosen_by', 'late_minutes', 'penalty_percent', 'status', 'score', ...rubric.checks.map((c) => c.id), 'final_score', 'grade_20', 'manual_review', 'grader_modified'])
  })

  it('records which rule chose the commit, how late it was and the penalty; the final score and the grade on 20 include it', () => {
    const row = (s: Partial<GradedStudent>) => Object.fromEntries(header.map((h, i) => [h, gradebookRows(rubric, [{ student: 'alice', grade: gradeWith({ 'ex4.health': { points: 0, status: 'failed' } }), ...s } as GradedStudent])[1]![i]]))
    const score = rubric.totalPoints - pointsOf('ex4.health')
    expect(row({ handIn: { rule: 'cutoff', lateSeconds: 26 * 3600 + 1, penaltyPercent: 20 } })).toMatchObject({
      chosen_by: 'cut-off', late_minutes: '1561', penalty_percent: '20', score: String(score), final_score: String(score - 20), grade_20: String(gradeOn20(score - 20, rubric.totalPoints)),
    })
    expect(row({ handIn: { rule: 'deadline', lateSeconds: 600, withinGrace: true } })).toMatchObject({ chosen_by: 'deadline', late_minutes: '10', penalty_percent: '0', final_score: String(score) })
    expect(row({ handIn: { rule: 'tag', tag: 'TP1', extension: true } })).toMatchObject({ chosen_by: 'tag TP1 (extension)', late_minutes: '', penalty_percent: '', final_score: String(score) })
    expect(row({ handIn: { rule: 'deadline', lateTag: { tag: 'tp1', date: '2026-12-20T10:00:00+01:00' } } })).toMatchObject({ chosen_by: 'deadline (tag tp1 after the cut-off)' })
    expect(row({ handIn: { rule: 'roster-ref' } })).toMatchObject({ chosen_by: 'roster ref' })
    expect(row({})).toMatchObject({ chosen_by: '', late_minutes: '', final_score: String(score) })
  })

  it('records the commit date and the deadline that chose the commit', () => {
    const rows = gradebookRows(rubric, [{ student: 'alice', commit: 'c0ffee', commitDate: '2026-12-10T22:00:00+01:00', deadline: '2026-12-10T23:59+01:00', grade: gradeWith({}) }])
    expect(Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]))).toMatchObject({ commit: 'c0ffee', commit_date: '2026-12-10T22:00:00+01:00', deadline: '2026-12-10T23:59+01:00', status: 'graded' })
  })

  it('gives a missed deadline its own status: no score, no points, no grade — neither 0 nor ungraded', () => {
    const missed = { student: 'carol', missedDeadline: { deadline: '2026-12-10T23:59+01:00', latest: { commit: 'beef', date: '2026-12-11T09:00:00+01:00' } } }
    const row = Object.fromEntries(header.map((h, i) => [h, gradebookRows(rubric, [missed])[1]![i]]))
    expect(row).toMatchObject({ student: 'carol', commit: '', deadline: '2026-12-10T23:59+01:00', status: 'missed-deadline', score: '', grade_20: '', 'ex4.health': '', manual_review: '' })
  })

  it('neutralizes a cell a spreadsheet would run as a formula', () => {
    const csv = renderGradebook(rubric, [{ student: '=HYPERLINK("http://x","y")', grade: gradeWith({}) }])
    expect((parse(csv, { columns: true }) as Record<string, string>[])[0]!.student).toBe(`'=HYPERLINK("http://x","y")`)
  })

  it('has one row per student, sorted by id, with every check’s points and the grade on 20', () => {
    const rows = gradebookRows(rubric, [
      { student: 'bob', grade: gradeWith({ 'ex4.health': { points: 0, status: 'failed' } }) },
      { student: 'alice', commit: 'c0ffee', grade: gradeWith({}) },
    ])
    expect(rows.map((r) => r[0])).toEqual(['student', 'alice', 'bob'])
    const bob = Object.fromEntries(header.map((h, i) => [h, rows[2]![i]]))
    const score = rubric.totalPoints - pointsOf('ex4.health')
    expect(bob).toMatchObject({ commit: '', status: 'graded', score: String(score), 'ex4.health': '0', 'ex4.ps': String(pointsOf('ex4.ps')), grade_20: String(Math.round((score / rubric.totalPoints) * 20 * 100) / 100) })
    expect(rows[1]![1]).toBe('c0ffee')
  })

  it('leaves an ungraded run blank, never 0: no score, no grade, no points for its ungraded checks', () => {
    const grade = gradeWith({ 'ex4.health': { points: 0, status: 'ungraded' } }, 'ungraded')
    const row = Object.fromEntries(header.map((h, i) => [h, gradebookRows(rubric, [{ student: 'dora', grade }])[1]![i]]))
    expect(row).toMatchObject({ status: 'ungraded', score: '', grade_20: '', 'ex4.health': '', 'ex3.build': String(pointsOf('ex3.build')) })
  })

  it('says whether the manual review is done', () => {
    const pending = gradeWith({ 'ex1.report': { review: { status: 'pending', automaticPoints: 4 } } })
    const reviewed = gradeWith({ 'ex1.report': { review: { status: 'reviewed', automaticPoints: 4, points: 3 }, points: 3 } })
    const last = (grade: Grade) => gradebookRows(rubric, [{ student: 's', grade }])[1]!.at(-2)
    expect([last(pending), last(reviewed), last(gradeWith({}))]).toEqual(['pending', 'reviewed', ''])
  })

  it('is CSV that a spreadsheet reads back, quoting what needs it', () => {
    const csv = renderGradebook(rubric, [{ student: 'Dupont, Jean', grade: gradeWith({}) }])
    expect(parse(csv, { columns: true })[0]).toMatchObject({ student: 'Dupont, Jean', score: '100', grade_20: '20' })
  })

  it('rounds the grade on 20 to hundredths', () => {
    expect(gradeOn20(77, 100)).toBe(15.4)
    expect(gradeOn20(1, 3)).toBe(6.67)
  })
})

describe('modified grader files', () => {
  it('are flagged in the last column', () => {
    const rows = gradebookRows(rubric, [{ student: 'eve', grade: gradeWith({}), graderModified: true }, { student: 'zoe', grade: gradeWith({}) }])
    expect(rows.map((r) => r.at(-1))).toEqual(['grader_modified', 'yes', ''])
  })
})
