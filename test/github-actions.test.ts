import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assembleFixture, listFixtures, projectRoot, referenceSubmission } from './support/fixtures.js'
import { runGrader } from './support/run-grader.js'

/** Runs the grader with the environment GitHub Actions sets, and returns the job summary it wrote. */
async function gradeOnGitHub(submission: string, workspace: string) {
  const summary = path.join(mkdtempSync(path.join(tmpdir(), 'tp1-gha-')), 'step-summary.md')
  writeFileSync(summary, '')
  const run = await runGrader(submission, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: workspace, CI: 'true' })
  return { ...run, summary: readFileSync(summary, 'utf8'), commands: run.output.split('\n').filter((l) => /^::/.test(l)) }
}

describe('on GitHub Actions', () => {
  it('the reference gets its sheet in the job summary and no error annotation', async () => {
    const { summary, commands, grade } = await gradeOnGitHub(referenceSubmission, projectRoot)
    expect(summary).toContain(`**Score: ${grade.score} / ${grade.maxScore}**`)
    expect(summary).toContain('## Exercise 4')
    expect(commands.filter((c) => c.startsWith('::error'))).toEqual([])
  })

  it('a failing submission gets annotations on its files and lines, and student output cannot run workflow commands', async () => {
    const fixture = listFixtures().find((f) => f.name === 'shell-form-cmd')!
    const submission = assembleFixture(fixture)
    const workspace = path.dirname(submission)
    try {
      const { summary, commands, output } = await gradeOnGitHub(submission, workspace)
      const where = `${path.relative(workspace, submission)}/Dockerfile`
      expect(commands).toContain(`::error file=${where},line=5,title=ex4.graceful-stop%3A docker stop ends the container within 3 s with exit code 0 (-4)::${commands.find((c) => c.includes('ex4.graceful-stop'))?.split('::')[2]}`)
      expect(commands.some((c) => c.startsWith(`::error file=${where},line=5,title=ex3.dockerfile`))).toBe(true)
      expect(summary).toContain('exit code 137')
      // Vitest's own output (which quotes student output) comes between stop-commands and the resume token.
      const stop = commands.find((c) => c.startsWith('::stop-commands::'))!
      const token = stop.slice('::stop-commands::'.length)
      expect(output.indexOf(`::${token}::`)).toBeGreaterThan(output.indexOf(stop))
      expect(output.indexOf('::error')).toBeGreaterThan(output.indexOf(`::${token}::`))
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})
