import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { loadRun } from '../core/run/index.js'
import { labs } from '../labs/index.js'
import { projectRoot, referenceSubmission } from './support/fixtures.js'
import { leftovers, newRunId } from './support/run-grader.js'

const { rubric } = loadRun(labs)

describe('a run stopped by SIGTERM in the middle', () => {
  it('still writes a complete grade, marks the unfinished checks ungraded, and leaves Docker clean', async () => {
    const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-grades-'))
    const runId = newRunId()
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
      cwd: projectRoot,
      env: { ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', GRADER_LANG: 'en', GRADER_RUN_ID: runId, SUBMISSION_DIR: referenceSubmission, GRADE_DIR: gradeDir },
    })
    let output = ''
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))))
    // Stop it once exercise 3 (the image built and run) has its progress line: Docker work is then
    // under way for the exercises still running. A run that ends before that line fails here, with
    // what it printed, instead of leaving this test waiting for a line that never comes.
    const exercise3Graded = /^\s*Exercise 3\s/m
    const stopPoint = await Promise.race([
      new Promise<'graded'>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          if (exercise3Graded.test(output)) resolve('graded')
        })
      }),
      exited.then(() => 'exited' as const),
    ])
    expect(stopPoint, output).toBe('graded')
    child.kill('SIGTERM')
    expect(await exited).toBe(143)

    const grade = JSON.parse(readFileSync(path.join(gradeDir, 'grade.json'), 'utf8')) as Grade
    expect(grade.status).toBe('ungraded')
    expect(grade.checks.map((c) => c.id)).toEqual(rubric.checks.map((c) => c.id))
    expect(grade.checks.find((c) => c.id === 'ex3.health-route')?.status).toBe('passed')
    const stopped = grade.checks.filter((c) => c.status === 'ungraded')
    expect(stopped.length).toBeGreaterThan(0)
    expect(stopped[0]?.message).toContain('SIGTERM')
    expect(readFileSync(path.join(gradeDir, 'grade-sheet.md'), 'utf8')).toContain('UNGRADED')
    expect(await leftovers(runId)).toEqual([])
  })
})
