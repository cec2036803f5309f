import { rmSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, referenceSubmission } from './support/fixtures.js'
import { compareGolden, GOLDEN_CASES, normalizeGrade, normalizeTerminal, renderings, runnerChatter, updating } from './support/golden.js'
import { runGrader } from './support/run-grader.js'
import { projectRoot } from './support/fixtures.js'

// The golden grades come from real runs: the reference graded with no GRADER_LANG (the lab's French), a failing
// fixture in French and in English. Only what differs between runs is normalized (test/support/golden.ts). The
// whole terminal of each run (terminal.txt) is golden too: the student reads it, and nothing of Vitest's or of the
// grader's own files may reach it.
describe('a real run gives the golden grade', () => {
  it.each(GOLDEN_CASES.map((c) => [c.name, c] as const))('%s', async (name, golden) => {
    const fixture = golden.fixture ? listFixtures().find((f) => f.name === golden.fixture) : undefined
    if (golden.fixture && !fixture) throw new Error(`no fixture ${golden.fixture}`)
    const submission = fixture ? assembleFixture(fixture) : referenceSubmission
    try {
      const { grade, sheet, output, gradeDir } = await runGrader(submission, { GRADER_LANG: golden.graderLang, ...fixture?.env })
      expect(grade.language, sheet).toBe(golden.language)
      expect(runnerChatter(output, projectRoot)).toEqual([])
      // The renderings are test/golden.test.ts's to compare; rewriting the grade rewrites them too.
      const files = renderings(normalizeGrade(grade))
      const terminal = normalizeTerminal(output, { '<submission>': submission, '<grades>': path.relative(projectRoot, gradeDir) })
      const compared = { ...(updating ? files : { 'grade.json': files['grade.json']! }), 'terminal.txt': terminal }
      for (const difference of compareGolden(name, compared)) expect(difference.actual, difference.file).toBe(difference.expected)
    } finally {
      if (fixture) rmSync(path.dirname(submission), { recursive: true, force: true })
    }
  })
})
