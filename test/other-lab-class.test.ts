import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { labRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { assembleFixture, listFixtures, referenceDir } from './support/fixtures.js'
import { gradeClassCliWith, readGradebook } from './support/grade-class-cli.js'

// The class command grades any lab of the list, chosen as npm test's is (GRADER_LAB): its rubric's columns, its scores.
describe('tp1-grade-class grades a class of the example lab', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-example-class-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('one gradebook row per student, the example\'s checks as columns, the fixture\'s lost points, a grade sheet titled by the lab', async () => {
    const { rubric } = labRun(labs.example!, { GRADER_LANG: 'en' })
    const classDir = path.join(root, 'class')
    mkdirSync(classDir)
    cpSync(referenceDir('reference', 'example'), path.join(classDir, 'ada'), { recursive: true })
    const fixture = listFixtures('example').find((f) => f.name === 'wrong-port')!
    const assembled = assembleFixture(fixture)
    cpSync(assembled, path.join(classDir, 'ben'), { recursive: true })
    rmSync(path.dirname(assembled), { recursive: true, force: true })
    const out = path.join(root, 'out')

    // --require-limits: this machine's engine applies every limit, so the class is graded (test/require-limits.test.ts: one that does not).
    const result = await gradeClassCliWith({ GRADER_LAB: 'example' }, 'grade', '--submissions', classDir, '--concurrency', '1', '--require-limits', '--out', out)
    expect(result.code, result.output).toBe(0)
    const gradebook = readGradebook(out)
    expect(Object.keys(gradebook)).toEqual(['ada', 'ben'])
    const lost = Object.keys(fixture.lose).reduce((sum, id) => sum + rubric.checks.find((c) => c.id === id)!.points, 0)
    expect([gradebook.ada!.status, Number(gradebook.ada!.score)]).toEqual(['graded', rubric.totalPoints])
    expect([gradebook.ben!.status, Number(gradebook.ben!.score)]).toEqual(['graded', rubric.totalPoints - lost])
    for (const check of rubric.checks.filter((c) => c.points > 0)) expect(gradebook.ada, check.id).toHaveProperty(check.id)
    expect(gradebook.ada).not.toHaveProperty('ex4.health')
    expect(readFileSync(path.join(out, 'students', 'ben', 'grade-sheet.md'), 'utf8')).toContain(`# ${rubric.title}`)
  })
})
