import { execFile } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Grade } from '../core/grading/grade.js'
import { projectRoot, referenceSubmission } from './support/fixtures.js'

const run = promisify(execFile)

/**
 * Runs run_autograder as Gradescope does, in a stand-in of its /autograder folder: the grader in source/ (this working
 * tree), the hand-in in submission/, and results/ for what Gradescope reads.
 */
async function runAutograder(env: NodeJS.ProcessEnv = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'tp1-gradescope-'))
  symlinkSync(projectRoot, path.join(root, 'source'))
  cpSync(referenceSubmission, path.join(root, 'submission'), { recursive: true, verbatimSymlinks: true })
  mkdirSync(path.join(root, 'results'))
  let exitCode = 0
  let output = ''
  try {
    const result = await run('bash', [path.join(projectRoot, 'run_autograder')], {
      env: { ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', ...env, AUTOGRADER_ROOT: root },
      maxBuffer: 64 * 1024 * 1024,
    })
    output = result.stdout + result.stderr
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    exitCode = typeof e.code === 'number' ? e.code : 1
    output = (e.stdout ?? '') + (e.stderr ?? '')
  }
  const read = (file: string) => (existsSync(path.join(root, 'results', file)) ? JSON.parse(readFileSync(path.join(root, 'results', file), 'utf8')) as Record<string, unknown> : undefined)
  return { root, exitCode, output, results: read('results.json'), gradescope: read('grader/gradescope-results.json'), grade: read('grader/grade.json') as Grade | undefined }
}

describe('run_autograder on Gradescope', () => {
  it('an ungraded run (no Docker) gives Gradescope no results.json and fails, saying why: an autograder failure, not a score', async () => {
    const { root, exitCode, output, results, gradescope, grade } = await runAutograder({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    try {
      expect(grade?.status).toBe('ungraded')
      expect(exitCode, output.slice(-4000)).toBe(3)
      expect(results).toBeUndefined()
      expect(output).toContain('run_autograder: UNGRADED (the grader exited with 3): no score is given to Gradescope')
      expect(output).toMatch(/- ex1\.engine: .*Docker is not reachable/)
      // The file beside it carries no score either, should anyone upload it by hand.
      expect(gradescope).toBeDefined()
      expect(gradescope!.score).toBeUndefined()
      expect((gradescope!.tests as { score?: number }[]).filter((t) => t.score !== undefined)).toEqual([])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('an ungraded grade.json is not handed over even when the run exits 1 (the exit code is not what decides)', async () => {
    // npm stands in for the grader: an ungraded grade, and the exit code of lost points.
    const bin = mkdtempSync(path.join(tmpdir(), 'tp1-gradescope-bin-'))
    writeFileSync(path.join(bin, 'npm'), `#!/usr/bin/env bash
mkdir -p "$GRADE_DIR"
echo '{"status":"ungraded","checks":[{"id":"ex1.engine","status":"ungraded","message":"Docker is not reachable"}]}' > "$GRADE_DIR/grade.json"
echo '{"tests":[]}' > "$GRADE_DIR/gradescope-results.json"
exit 1
`)
    chmodSync(path.join(bin, 'npm'), 0o755)
    const { root, exitCode, output, results } = await runAutograder({ PATH: `${bin}:${process.env.PATH}` })
    try {
      expect(exitCode).toBe(3)
      expect(results).toBeUndefined()
      expect(output).toContain('run_autograder: UNGRADED (the grader exited with 1)')
      expect(output).toContain('- ex1.engine: Docker is not reachable')
    } finally {
      rmSync(root, { recursive: true, force: true })
      rmSync(bin, { recursive: true, force: true })
    }
  })

  it('a graded run hands Gradescope its results.json, with the score and each test named once', async () => {
    const { root, exitCode, output, results, grade } = await runAutograder({ GRADESCOPE_DETAIL: 'after_due_date' })
    try {
      expect(exitCode, output.slice(-3000)).toBe(0)
      expect(grade?.status).toBe('graded')
      expect(results).toMatchObject({ score: grade!.score })
      const tests = results!.tests as { number: string; name: string; visibility: string }[]
      const checks = new Map(grade!.checks.map((c) => [c.id, c.title]))
      for (const t of tests.filter((t) => checks.has(t.number))) expect([t.number, t.name, t.visibility]).toEqual([t.number, checks.get(t.number), 'visible'])
      expect(tests.filter((t) => t.number.endsWith('.detail')).every((t) => t.visibility === 'after_due_date')).toBe(true)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
