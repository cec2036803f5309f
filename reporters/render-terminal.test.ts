import { describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { painter, renderGraderBugs, renderProgressLine, renderSummary, truncate } from './render-terminal.js'
import { groupByExercise, sheetText } from './format.js'
import { gradedSample, sampleGrade } from './grade-fixture.js'

const ANSI = /\x1b\[[0-9;]*m/g
const plain = renderSummary(sampleGrade(), { color: false })
const lines = plain.trimEnd().split('\n')

describe('renderSummary', () => {
  it('has no escape codes at all without colour', () => {
    expect(plain).not.toContain('\x1b')
    expect(renderSummary(gradedSample(), { color: false })).not.toContain('\x1b')
  })

  it('uses ANSI colours with colour, and says the same thing once they are stripped', () => {
    const colored = renderSummary(sampleGrade(), { color: true })
    expect(colored).toMatch(ANSI)
    expect(colored.replace(ANSI, '')).toBe(plain)
  })

  it('prints one line per exercise with its score and mark', () => {
    expect(lines.filter((l) => l.startsWith('Exercise '))).toEqual([
      'Exercise 1      0/0  ✅',
      'Exercise 3   6.5/20  ❌',
      'Exercise 4     3/11  ⚠️',
    ])
  })

  it('prints each check that did not earn its points, with label, id, points lost and message', () => {
    const lost = lines.filter((l) => l.startsWith('  '))
    expect(lost).toHaveLength(4)
    expect(lost[0]).toMatch(/^ {2}❌ failed {3}ex3\.dockerfile {2}-1\.5 {2}2 of the 5 instructions/)
    expect(lost[1]).toMatch(/^ {2}❌ failed {3}ex3\.build {9}-6 {2}docker build failed at step 4\/5: .*…$/)
    expect(lost[2]).toMatch(/ex3\.image +-6 {2}Not checked: the image did not build\.$/)
    expect(lost[3]).toMatch(/^ {2}⚠️ ungraded ex4\.health +-8 {2}The grader could not finish/)
    expect(plain).not.toMatch(/ex3\.health-route|ex4\.listen-all|ex1\.engine|ex1\.report/)
  })

  it('keeps lines within 80 columns, counting an emoji as two', () => {
    for (const line of lines) expect(Array.from(line.replace(/\p{Extended_Pictographic}\uFE0F?/gu, '..')).length, line).toBeLessThanOrEqual(80)
  })

  it('ends with the total and, when ungraded, says so and why', () => {
    expect(lines.at(-3)).toBe('Score: 9.5/31')
    expect(lines.at(-2)).toBe('⚠️ UNGRADED: 1 check could not be graded: the grader or Docker failed.')
    expect(lines.at(-1)).toContain('Not your fault')
  })

  it('says nothing about UNGRADED when every check is graded', () => {
    const graded = renderSummary(gradedSample(), { color: false })
    expect(graded).not.toMatch(/ungraded/i)
    expect(graded.trimEnd().split('\n').at(-1)).toBe('Score: 17.5/31')
  })

  it('renders a tiny grade exactly', () => {
    const tiny: Grade = {
      schemaVersion: 1, lab: 'tp0', submission: { path: 'sub' }, status: 'graded', score: 80, maxScore: 100,
      startedAt: '2025-01-02T03:04:05.000Z', durationMs: 1500, environment: { node: 'v20.18.1', grader: '0.1.0' },
      checks: [
        { id: 'ex2.one-shot', exercise: 2, title: 'prints Bonjour', points: 80, maxPoints: 80, status: 'passed', message: 'ok' },
        { id: 'ex10.build', exercise: 10, title: 'builds', points: 0, maxPoints: 20, status: 'failed', message: 'no Dockerfile' },
      ],
    }
    expect(renderSummary(tiny, { color: false })).toBe(
      [
        'Grade — tp0',
        'Exercise 2    80/80  ✅',
        'Exercise 10    0/20  ❌',
        '',
        'Points not earned:',
        '  ❌ failed   ex10.build  -20  no Dockerfile',
        '',
        'Score: 80/100',
        '',
      ].join('\n'),
    )
  })
})

describe('truncate', () => {
  it('cuts long text with an ellipsis and leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short')
    expect(truncate('exactly10!', 10)).toBe('exactly10!')
    expect(truncate('a bit too long', 8)).toBe('a bit t…')
    expect(truncate('a bit  too long', 8)).toBe('a bit…')
    expect(truncate('ééééé', 3)).toBe('éé…')
  })
})

describe('renderProgressLine', () => {
  it('gives an exercise its score and mark, aligned for every exercise of the lab as wide as its maximum score can be', () => {
    const groups = groupByExercise(sampleGrade().checks)
    const t = sheetText({ language: 'en' })
    expect(groups.map((g) => renderProgressLine(g, groups, painter(false), t))).toEqual([
      '  Exercise 1     0/0  ✅',
      '  Exercise 3   6.5/20  ❌',
      '  Exercise 4    3/11  ⚠️',
    ])
  })
})

describe('renderGraderBugs', () => {
  it("says the bug is the grader's, where it happened, and keeps its stack", () => {
    const text = renderGraderBugs([{ where: 'ex3.build', stack: 'TypeError: x is undefined\n    at build (lab/x.ts:1:1)' }], painter(false), sheetText({ language: 'fr' }))
    expect(text).toBe('Bogue du correcteur lui-même (pas le vôtre), dans ex3.build : prévenez votre enseignant, avec ce qui suit.\nTypeError: x is undefined\n    at build (lab/x.ts:1:1)\n')
  })
})
