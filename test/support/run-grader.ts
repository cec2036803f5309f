import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Grade } from '../../core/grading/grade.js'
import { projectRoot } from './fixtures.js'

const run = promisify(execFile)

export interface GraderRun {
  runId: string
  grade: Grade
  sheet: string
  exitCode: number
  /** The whole terminal: stdout, then stderr. */
  output: string
  gradeDir: string
}

/**
 * Runs the grader as a student does (`npm test` = `vitest run`), on another folder, and reads what it wrote.
 * `prefix`: a command the run is started under (e.g. `ip netns exec NAME`, test/remote-engine.test.ts).
 */
export async function runGrader(submission: string, env: NodeJS.ProcessEnv = {}, prefix: readonly string[] = []): Promise<GraderRun> {
  const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-grades-'))
  const runId = newRunId()
  const vitest = path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs')
  let exitCode = 0
  let output = ''
  try {
    const [command, ...args] = [...prefix, process.execPath, vitest, 'run']
    const result = await run(command!, args, {
      cwd: projectRoot,
      env: { ...process.env, TESTCONTAINERS_RYUK_DISABLED: 'true', NO_COLOR: '1', ...env, GRADER_RUN_ID: runId, SUBMISSION_DIR: submission, GRADE_DIR: gradeDir },
      maxBuffer: 64 * 1024 * 1024,
    })
    output = result.stdout + result.stderr
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    exitCode = typeof e.code === 'number' ? e.code : 1
    output = (e.stdout ?? '') + (e.stderr ?? '')
  }
  let grade: Grade
  try {
    grade = JSON.parse(readFileSync(path.join(gradeDir, 'grade.json'), 'utf8')) as Grade
  } catch {
    throw new Error(`The grader wrote no grade.json (exit code ${exitCode}). Its output:\n${output.slice(-5000)}`)
  }
  return { runId, grade, sheet: readFileSync(path.join(gradeDir, 'grade-sheet.md'), 'utf8'), exitCode, output, gradeDir }
}

export const newRunId = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** Docker objects a run left behind (labelled with its id, or in its Compose project): there must be none. */
export async function leftovers(runId: string): Promise<string[]> {
  const label = `label=org.tp1-grader.run=${runId}`
  const lists = await Promise.all([
    run('docker', ['ps', '-aq', '--filter', label]),
    run('docker', ['images', '-q', '--filter', label]),
    run('docker', ['network', 'ls', '-q', '--filter', label]),
    run('docker', ['volume', 'ls', '-q', '--filter', label]),
    run('docker', ['ps', '-a', '--filter', 'label=com.docker.compose.project', '--format', '{{.Label "com.docker.compose.project"}} {{.Names}}']),
    run('docker', ['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=tp1-grader-${runId}`]),
    run('docker', ['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=tp1-grader-${runId}`]),
  ])
  const kinds = ['container', 'image', 'network', 'volume', 'compose project', 'compose volume', 'compose network']
  return lists.flatMap((l, i) =>
    l.stdout.split('\n').filter((line) => line && (i !== 4 || line.startsWith(`tp1-grader-${runId} `))).map((id) => `${kinds[i]} ${id}`))
}
