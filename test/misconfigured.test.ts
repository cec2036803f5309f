import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { projectRoot } from './support/fixtures.js'

const run = promisify(execFile)

/** Runs a command of the project with extra environment; its exit code and what it printed. */
async function attempt(args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    // Should the check ever let a run start, it grades into a temporary folder and is stopped after a minute.
    const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-misconfigured-'))
    const { stderr } = await run(process.execPath, args, { cwd: projectRoot, timeout: 60_000, env: { ...process.env, GRADE_DIR: gradeDir, ...env } })
    return { code: 0, stderr }
  } catch (error) {
    const e = error as { code?: number; stderr?: string }
    return { code: e.code ?? -1, stderr: e.stderr ?? '' }
  }
}

// No Docker is needed: a wrong setting stops the run before anything is built or started.
describe('a wrong setting', () => {
  const vitest = path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs')

  it.each([
    [{ GRADER_LANG: 'de' }, 'grader: GRADER_LANG=de: unknown language (known: fr, en)'],
    [{ GRADER_TIMEOUT_BUILD_SECONDS: 'abc' }, 'grader: GRADER_TIMEOUT_BUILD_SECONDS=abc is not a positive number'],
    [{ SUBMISSION_DIR: '/no/such/tp1' }, 'grader: SUBMISSION_DIR=/no/such/tp1: no such folder'],
  ])('%o: npm test says it in one line and exits 2', async (env, line) => {
    const { code, stderr } = await attempt([vitest, 'run'], env)
    expect(stderr.trim()).toBe(line)
    expect(code).toBe(2)
  })

  it.each([
    [['--lang', 'de'], {}, 'tp1-docker-grader: --lang de: the language is fr or en (see tp1-docker-grader --help)'],
    [['/no/such/tp1'], {}, 'tp1-docker-grader: /no/such/tp1: no such folder (see tp1-docker-grader --help)'],
    [['--colour'], {}, "tp1-docker-grader: Unknown option '--colour' (see tp1-docker-grader --help)"],
    [['a', 'b'], {}, 'tp1-docker-grader: one folder at most, not 2: a b (see tp1-docker-grader --help)'],
    [[], { GRADER_TIMEOUT_BUILD_SECONDS: 'abc' }, 'grader: GRADER_TIMEOUT_BUILD_SECONDS=abc is not a positive number'],
  ])("the students' command %o says it in one line and exits 2", async (args, env, line) => {
    const { code, stderr } = await attempt(['student/tp1-docker-grader.mjs', ...args], env)
    expect(stderr.trim()).toBe(line)
    expect(code).toBe(2)
  })

  it('the batch tool says it in one line and exits 2', async () => {
    const { code, stderr } = await attempt(['instructor/tp1-grade-class.mjs', 'grade', '--help'], { GRADER_LANG: 'xx' })
    expect(stderr.trim()).toBe('tp1-grade-class: GRADER_LANG=xx: unknown language (known: fr, en)')
    expect(code).toBe(2)
  })
})
