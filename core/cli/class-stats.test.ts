import { describe, expect, it } from 'vitest'
import type { Grade, GradedCheck } from '../grading/grade.js'
import { loadRun } from '../run/index.js'
import { labs } from '../../labs/index.js'
import { checkPassRates, median, scoreHistogram, summarizeClass } from './class-stats.js'

const { rubric } = loadRun(labs)

function gradeWith(changes: Record<string, Partial<GradedCheck>>, status: Grade['status'] = 'graded'): Grade {
  const checks = rubric.checks.map((c) => ({ id: c.id, exercise: c.exercise, title: c.title, points: c.points, maxPoints: c.points, status: 'passed' as const, message: 'passed', ...changes[c.id] }))
  return { schemaVersion: 1, lab: 'tp1', submission: { path: '/x' }, status, score: checks.reduce((s, c) => s + c.points, 0), maxScore: rubric.totalPoints, startedAt: '', durationMs: 0, environment: { node: 'v20', grader: '0.1.0' }, checks }
}

describe('score histogram', () => {
  it('has equal bins from 0 to the maximum, the maximum in the last one', () => {
    const bins = scoreHistogram([0, 9.99, 10, 55, 100, 100], 100)
    expect(bins).toHaveLength(10)
    expect(bins[0]).toEqual({ from: 0, to: 10, count: 2 })
    expect(bins[1]!.count).toBe(1)
    expect(bins[5]!.count).toBe(1)
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 2 })
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(6)
  })
})

describe('pass rate per check', () => {
  it('counts full points among graded runs only; partial credit is not a pass', () => {
    const grades = [
      gradeWith({}),
      gradeWith({ 'ex4.health': { points: 0, status: 'failed' }, 'ex5.services': { points: 2, status: 'failed' } }),
      gradeWith({ 'ex4.health': { points: 0, status: 'ungraded' } }, 'ungraded'),
    ]
    const rates = Object.fromEntries(checkPassRates(rubric, grades).map((r) => [r.id, r]))
    expect(rates['ex4.health']).toMatchObject({ graded: 2, passed: 1, rate: 0.5, meanPoints: 4 })
    expect(rates['ex5.services']).toMatchObject({ graded: 2, passed: 1, rate: 0.5, meanPoints: 2.5 })
    expect(rates['ex3.build']).toMatchObject({ graded: 2, passed: 2, rate: 1 })
  })

  it('has no rate when nothing was graded', () => {
    expect(checkPassRates(rubric, [])[0]).toMatchObject({ graded: 0, passed: 0 })
    expect(checkPassRates(rubric, [])[0]!.rate).toBeUndefined()
  })
})

describe('class summary', () => {
  it('lists the ungraded apart with their reason, out of the scores', () => {
    const summary = summarizeClass(rubric, [
      { student: 'alice', grade: gradeWith({}) },
      { student: 'bob', grade: gradeWith({ 'ex4.health': { points: 0, status: 'failed' } }) },
      { student: 'dora', grade: gradeWith({ 'ex1.engine': { points: 0, status: 'ungraded', message: 'timed out' } }, 'ungraded') },
    ])
    expect(summary).toMatchObject({ students: 3, graded: 2, meanScore: 96, medianScore: 96, ungraded: [{ student: 'dora', reason: 'timed out' }] })
    expect(summary.histogram.reduce((s, b) => s + b.count, 0)).toBe(2)
  })

  it('lists a missed deadline apart from the scores and from the ungraded, with the deadline and the latest commit', () => {
    const summary = summarizeClass(rubric, [
      { student: 'alice', deadline: '2026-12-10T23:59+01:00', grade: gradeWith({}) },
      { student: 'bob', missedDeadline: { deadline: '2026-12-10T23:59+01:00', latest: { commit: 'beef', date: '2026-12-11T08:00:00+01:00' } } },
    ])
    expect(summary).toMatchObject({ students: 2, graded: 1, ungraded: [], deadlines: ['2026-12-10T23:59+01:00'] })
    expect(summary.missedDeadline).toEqual([{ student: 'bob', deadline: '2026-12-10T23:59+01:00', latestCommitDate: '2026-12-11T08:00:00+01:00' }])
    expect(summary.histogram.reduce((s, b) => s + b.count, 0)).toBe(1)
    expect(summary.lines.map((l) => [l.student, l.status, l.hasSheet])).toEqual([['alice', 'graded', true], ['bob', 'missed-deadline', false]])
  })

  it('says who failed what: per student the checks lost and their cost, per check the graded students who lost it', () => {
    const summary = summarizeClass(rubric, [
      { student: 'zoe', grade: gradeWith({ 'ex4.health': { points: 0, status: 'failed' } }) },
      { student: 'bob', commit: 'c0ffee1234', commitDate: '2026-12-10T20:00:00+01:00', grade: gradeWith({ 'ex4.health': { points: 0, status: 'blocked' }, 'ex5.services': { points: 2, status: 'failed' } }) },
      { student: 'dora', grade: gradeWith({ 'ex4.health': { points: 0, status: 'ungraded', message: 'timed out' } }, 'ungraded') },
    ])
    expect(summary.lines.map((l) => [l.student, l.status, l.score, l.lost])).toEqual([
      ['bob', 'graded', 91, [{ id: 'ex4.health', lost: 8, status: 'blocked' }, { id: 'ex5.services', lost: 1, status: 'failed' }]],
      ['dora', 'ungraded', undefined, []],
      ['zoe', 'graded', 92, [{ id: 'ex4.health', lost: 8, status: 'failed' }]],
    ])
    expect(summary.lines[0]).toMatchObject({ commit: 'c0ffee1234', commitDate: '2026-12-10T20:00:00+01:00' })
    expect(summary.lines[1]!.note).toBe('timed out')
    expect(summary.losers.map((c) => [c.id, c.students.map((s) => `${s.student} ${s.points} ${s.status}`)])).toEqual([
      ['ex4.health', ['bob 0 blocked', 'zoe 0 failed']],
      ['ex5.services', ['bob 2 failed']],
    ])
  })

  it('median of odd and even counts', () => {
    expect([median([3, 1, 2]), median([4, 1, 2, 3]), median([])]).toEqual([2, 2.5, undefined])
  })
})
