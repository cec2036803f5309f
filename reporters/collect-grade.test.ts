import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseRubric } from '../core/rubric/schema.js'
import { collectGrade, type ObservedCheck, type RunFacts } from './collect-grade.js'

const rubric = parseRubric({
  lab: 'mini', title: 'Mini lab', language: 'en', totalPoints: 10,
  // A lab of its own: the grade knows nothing of a lab's expected values.
  expected: {},
  layout: { labName: 'tp(\\d+)', labNumber: 1, maxDepth: 1, imageFolders: ['.'], reportFiles: ['README.md'], appFile: 'index.html', buildService: 'web' },
  limits: { memoryMegabytes: 64, pids: 64, cpus: 1, logMegabytes: 1 },
  timeouts: { buildSeconds: 1, startSeconds: 1, probeSeconds: 1, composeUpSeconds: 1, composeDownSeconds: 1, stopGraceSeconds: 1, quickStopSeconds: 1 },
  report: { minWords: 5, questions: {}, pastedFiles: {} },
  checks: [
    { id: 'ex1.engine', exercise: 1, title: 'engine', points: 0 },
    { id: 'ex1.build', exercise: 1, title: 'build', points: 4 },
    { id: 'ex1.run', exercise: 1, title: 'run', points: 3 },
    { id: 'ex2.file', exercise: 2, title: 'file', points: 1 },
    { id: 'ex2.report', exercise: 2, title: 'report', points: 2 },
  ],
}, z.object({}))

const run: RunFacts = { submissionPath: '/s', startedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 1234.4, node: 'v20', grader: '1.0.0', runErrors: [] }

describe('collectGrade', () => {
  it("takes the engine's versions from the first check, in rubric order, that recorded them, whatever its id", () => {
    const observed: ObservedCheck[] = [
      { checkId: 'ex1.run', state: 'passed', verdict: { status: 'passed', points: 3, message: 'passed', facts: { kernel: 'printed by the image' } }, errors: [] },
      { checkId: 'ex1.build', state: 'passed', verdict: { status: 'passed', points: 4, message: 'passed', facts: { docker: '28.1', dockerApi: '1.49', compose: '2.36', kernel: '6.1' } }, errors: [] },
    ]
    expect(collectGrade(rubric, observed, run).environment).toMatchObject({ docker: '28.1', dockerApi: '1.49', compose: '2.36', kernel: '6.1' })
    expect(collectGrade(rubric, [], run).environment).not.toHaveProperty('docker')
  })

  it("records which engine graded, its architecture, whether it is rootless and the limits it said it cannot apply", () => {
    const facts = (limitsNotEnforced: string) => ({ engine: 'Podman', docker: '5.4.2', dockerApi: '1.41', compose: '2.36', kernel: '6.1', arch: 'arm64', rootless: true, limitsNotEnforced, host: 'localhost' })
    const observed = (limits: string): ObservedCheck[] => [{ checkId: 'ex1.build', state: 'passed', verdict: { status: 'passed', points: 4, message: 'passed', facts: facts(limits) }, errors: [] }]
    expect(collectGrade(rubric, observed('memory,pids'), run).environment).toEqual({
      engine: 'Podman', docker: '5.4.2', dockerApi: '1.41', compose: '2.36', kernel: '6.1', arch: 'arm64', rootless: true, limitsNotEnforced: ['memory', 'pids'], node: 'v20', grader: '1.0.0',
    })
    expect(collectGrade(rubric, observed(''), run).environment.limitsNotEnforced).toEqual([])
    expect(collectGrade(rubric, [], run).environment).not.toHaveProperty('limitsNotEnforced')
  })

  it('lists every rubric check once, in rubric order, even when tests report them twice or out of order', () => {
    const observed: ObservedCheck[] = [
      { checkId: 'ex1.run', state: 'passed', verdict: { status: 'passed', points: 3, message: 'passed' }, errors: [] },
      { checkId: 'ex1.build', state: 'passed', verdict: { status: 'passed', points: 4, message: 'passed' }, errors: [] },
      { checkId: 'ex1.build', state: 'failed', verdict: { status: 'failed', points: 0, message: 'duplicate' }, errors: [] },
    ]
    const grade = collectGrade(rubric, observed, run)
    expect(grade.checks.map((c) => [c.id, c.status])).toEqual([
      ['ex1.engine', 'ungraded'], ['ex1.build', 'passed'], ['ex1.run', 'passed'], ['ex2.file', 'ungraded'], ['ex2.report', 'ungraded'],
    ])
  })

  it('sums earned points, never more than a check is worth, and rounds the duration', () => {
    const observed: ObservedCheck[] = [
      { checkId: 'ex1.engine', state: 'passed', verdict: { status: 'passed', points: 0, message: 'passed', facts: { docker: '20.10', kernel: '6.1' } }, errors: [] },
      { checkId: 'ex1.build', state: 'failed', verdict: { status: 'failed', points: 99, message: 'partial' }, errors: [] },
      { checkId: 'ex1.run', state: 'failed', verdict: { status: 'blocked', points: 0, message: 'not run', blockedBy: 'ex1.build' }, errors: [] },
      { checkId: 'ex2.file', state: 'failed', verdict: { status: 'failed', points: 0, message: 'no file', feedback: { expected: 'a', seen: 'b', fix: 'c' } }, errors: [] },
      { checkId: 'ex2.report', state: 'failed', verdict: { status: 'failed', points: 0, message: 'no report' }, errors: [] },
    ]
    const grade = collectGrade(rubric, observed, run)
    expect(grade).toMatchObject({ status: 'graded', score: 4, maxScore: 10, durationMs: 1234, environment: { docker: '20.10', kernel: '6.1', node: 'v20' } })
    expect(grade.checks[2]).toMatchObject({ status: 'blocked', details: { blockedBy: 'ex1.build' } })
    expect(grade.checks[3]).toMatchObject({ details: { expected: 'a', seen: 'b', fix: 'c' } })
  })

  it('marks a test skipped by a failed hook as ungraded with the hook error, never as passed or zero-by-fault', () => {
    const observed: ObservedCheck[] = [{ checkId: 'ex1.build', state: 'skipped', errors: ['Hook timed out in 1000ms'] }]
    const grade = collectGrade(rubric, observed, run)
    expect(grade.status).toBe('ungraded')
    expect(grade.checks[1]).toMatchObject({ status: 'ungraded', points: 0 })
    expect(grade.checks[1]?.message).toContain('Hook timed out in 1000ms')
  })

  it('explains checks that never ran with the run error', () => {
    const grade = collectGrade(rubric, [], { ...run, runErrors: ['the run was interrupted before this check'] })
    expect(grade.checks[1]?.message).toBe('The grader did not run this check (not your fault): the run was interrupted before this check')
  })

  it('gives an ungraded verdict no points', () => {
    const observed: ObservedCheck[] = [{ checkId: 'ex1.build', state: 'failed', verdict: { status: 'ungraded', points: 4, message: 'docker died' }, errors: [] }]
    expect(collectGrade(rubric, observed, run).checks[1]).toMatchObject({ status: 'ungraded', points: 0 })
  })
})

describe('the instructor review', () => {
  const reviewed = parseRubric({ ...rubric, checks: rubric.checks.map((c) => (c.id === 'ex2.report' ? { ...c, mode: 'automatic' as const, review: true } : c)) }, z.object({}))
  const observed: ObservedCheck[] = [{ checkId: 'ex2.report', state: 'passed', verdict: { status: 'passed', points: 2, message: 'passed' }, errors: [] }]

  it('marks reviewed checks pending until the instructor records points', () => {
    const check = collectGrade(reviewed, observed, run).checks.find((c) => c.id === 'ex2.report')
    expect(check).toMatchObject({ points: 2, review: { status: 'pending', automaticPoints: 2 } })
  })

  it('counts the instructor points and keeps the automatic ones visible', () => {
    const grade = collectGrade(reviewed, observed, { ...run, review: { reviewer: 'M. Dupont', checks: { 'ex2.report': { points: 1.5, comment: '2.c is vague' } } } })
    expect(grade.checks.find((c) => c.id === 'ex2.report')).toMatchObject({
      points: 1.5, review: { status: 'reviewed', automaticPoints: 2, points: 1.5, comment: '2.c is vague', reviewer: 'M. Dupont' },
    })
    expect(grade.score).toBe(1.5)
  })

  it('caps points above the maximum and warns about unknown checks', () => {
    const grade = collectGrade(reviewed, observed, { ...run, review: { checks: { 'ex2.report': { points: 9 }, 'ex1.build': { points: 1 } } } })
    expect(grade.checks.find((c) => c.id === 'ex2.report')?.points).toBe(2)
    expect(grade.warnings).toEqual([
      'The review file grades ex1.build, which is not a reviewed check: ignored.',
      'The review gives ex2.report 9 points, more than its 2: counted as 2.',
    ])
  })
})
