import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { escapeData, escapeProperty, MAX_ERROR_ANNOTATIONS, renderAnnotations, submissionInRepository } from './github-actions.js'

const grade = (checks: Grade['checks'], status: Grade['status'] = 'graded'): Grade => ({
  schemaVersion: 1, lab: 'tp1', submission: { path: '/w/student-submission' }, status, score: 0, maxScore: 10,
  startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, environment: { node: 'v20', grader: '1' }, checks,
})

describe('renderAnnotations', () => {
  it('puts a lost point on the student file and line', () => {
    const lines = renderAnnotations(grade([{
      id: 'ex4.graceful-stop', exercise: 4, title: 'docker stop ends it', points: 0, maxPoints: 4, status: 'failed',
      message: 'docker stop took 10.2 s', details: { fix: 'Write CMD in exec form', location: { file: 'Dockerfile', line: 5 } },
    }]), 'student-submission')
    expect(lines).toEqual(['::error file=student-submission/Dockerfile,line=5,title=ex4.graceful-stop%3A docker stop ends it (-4)::docker stop took 10.2 s%0AFix: Write CMD in exec form'])
  })

  it('annotates each failed item where it is, and a check without location on the run, the costliest first', () => {
    const lines = renderAnnotations(grade([
      { id: 'ex3.dockerfile', exercise: 3, title: 'five instructions', points: 4, maxPoints: 5, status: 'failed', message: '1 of 5 parts', details: {
        items: [
          { id: 'from', title: 'FROM', points: 1, maxPoints: 1, passed: true, feedback: { location: { file: 'Dockerfile', line: 1 } } },
          { id: 'cmd', title: 'CMD', points: 0, maxPoints: 1, passed: false, feedback: { location: { file: 'Dockerfile', line: 5 } } },
        ] } },
      { id: 'ex5.up', exercise: 5, title: 'compose up', points: 0, maxPoints: 4, status: 'blocked', message: 'Not run' },
      { id: 'ex1.report', exercise: 1, title: 'report', points: 4, maxPoints: 4, status: 'passed', message: 'passed' },
    ]), 'sub')
    expect(lines).toEqual([
      '::error title=ex5.up%3A compose up (-4)::Not run',
      '::error file=sub/Dockerfile,line=5,title=ex3.dockerfile%3A five instructions (-1)::1 of 5 parts',
    ])
  })

  it('warns that an ungraded run is not a failing grade', () => {
    const lines = renderAnnotations(grade([{ id: 'ex5.up', exercise: 5, title: 'up', points: 0, maxPoints: 4, status: 'ungraded', message: 'Docker died' }], 'ungraded'), 'sub')
    expect(lines).toEqual(['::warning title=Ungraded::The grade is incomplete: 1 check(s) could not run through no fault of the student (ex5.up). Re-run the workflow.'])
  })

  describe('with more lost points than GitHub shows (32, as for a hand-in where no lab is found)', () => {
    // Costs 1..4 in turn, so that the costliest are spread through the rubric's order; one check is on two lines.
    const checks: Grade['checks'] = Array.from({ length: 32 }, (_, i) => ({
      id: `ex${i}.check`, exercise: 1, title: `check ${i}`, points: 0, maxPoints: (i % 4) + 1, status: 'blocked' as const, message: `lost ${i}`,
      ...(i === 3 ? { details: { items: [1, 2].map((line) => ({ id: `item${line}`, title: 'item', points: 0, maxPoints: 2, passed: false, feedback: { location: { file: 'Dockerfile', line } } })) } } : {}),
    }))
    const lines = renderAnnotations(grade(checks), 'sub')
    const errors = lines.filter((l) => l.startsWith('::error'))

    it(`shows ${MAX_ERROR_ANNOTATIONS} error annotations, the costliest lost points first, in the rubric's order between equals`, () => {
      expect(errors).toHaveLength(MAX_ERROR_ANNOTATIONS)
      const ids = errors.map((l) => /title=(ex\d+)\.check/.exec(l)![1])
      // The eight checks that lose 4 points (3, 7, … 31; check 3 on its two lines), then 2 of those that lose 3.
      expect(ids).toEqual(['ex3', 'ex3', 'ex7', 'ex11', 'ex15', 'ex19', 'ex23', 'ex27', 'ex31', 'ex2'])
      expect(errors[0]).toBe('::error file=sub/Dockerfile,line=1,title=ex3.check%3A check 3 (-4)::lost 3')
    })

    it('then one warning that says how many others lost points and that the job summary lists them all', () => {
      expect(lines).toHaveLength(MAX_ERROR_ANNOTATIONS + 1)
      expect(lines.at(-1)).toBe('::warning title=More lost points::23 more check(s) lost points and are not annotated here: GitHub shows 10 error annotations per step. The job summary (the grade sheet) lists them all.')
    })

    it('says it in French too', () => {
      const french = renderAnnotations({ ...grade(checks), language: 'fr' }, 'sub').at(-1)
      expect(french).toBe('::warning title=Autres points perdus::23 autres vérifications ont perdu des points sans annotation ici : GitHub n’affiche que 10 annotations d’erreur par étape. Le résumé du job (la fiche de note) les liste toutes.')
    })

    it('adds no warning when every lost point fits', () => {
      expect(renderAnnotations(grade(checks.slice(0, 9)), 'sub').filter((l) => l.startsWith('::warning'))).toEqual([])
    })
  })

  it('escapes what would break a workflow command', () => {
    expect(escapeData('50%\r\nnext')).toBe('50%25%0D%0Anext')
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc')
  })
})

describe('submissionInRepository', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'tp1-gha-unit-'))
  const repository = path.join(workspace, 'submission')
  mkdirSync(path.join(repository, 'TP1'), { recursive: true })
  execFileSync('git', ['init', '-q', repository])
  mkdirSync(path.join(workspace, 'loose', 'TP1'), { recursive: true })
  afterAll(() => rmSync(workspace, { recursive: true, force: true }))

  it('is relative to the repository that holds the submission, not to GITHUB_WORKSPACE', () => {
    expect(submissionInRepository(path.join(repository, 'TP1'), workspace)).toBe('TP1')
    expect(submissionInRepository(repository, workspace)).toBe('')
  })

  it('is relative to GITHUB_WORKSPACE for a folder outside any repository', () => {
    expect(submissionInRepository(path.join(workspace, 'loose', 'TP1'), workspace)).toBe(path.join('loose', 'TP1'))
  })
})
