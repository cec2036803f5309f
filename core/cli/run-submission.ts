import { catalogue } from '../i18n/index.js'
import { spawn } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../run/index.js'
import { renderGradeSheet } from '../../reporters/render-markdown.js'
import { inertJson } from '../grading/inert-text.js'
import { signalGroup } from './batch-stop.js'
import { writeFileAtomically } from '../../reporters/write-atomically.js'
import { ungradedGrade } from './ungraded-grade.js'

export interface SubmissionRunOptions {
  projectRoot: string
  rubric: Rubric
  graderVersion: string
  submissionDir: string
  commit?: string
  reviewFile: string
  /** Where this run alone writes grade.json, grade-sheet.md and grader.log. */
  gradeDir: string
  timeoutMs: number
  /**
   * Whether the run starts its Compose stack while its test worker loads (lab/early-stack.ts): when it has the
   * machine to itself. Runs graded side by side keep every core busy, and the early start's second Compose call is
   * then only a cost (README, Performance).
   */
  earlyStack: boolean
  /** The instructor's environment, which the run of the grader starts from (graderEnv). */
  environment: Readonly<NodeJS.ProcessEnv>
  /** Called with the child's pid, which is its process group, when it starts (alive) and when it is over. */
  onProcessGroup?: (pid: number, alive: boolean) => void
}

export interface SubmissionRun {
  grade: Grade
  /** Why the run is ungraded, when the grader wrote no grade or was stopped by the time limit. */
  lostReason?: string
}

/** On SIGTERM the grader writes its grade and removes its Docker objects; its own backstop is 60 s. */
const STOP_GRACE_MS = 70_000

/** The grading run's environment: the instructor's, with the batch's settings where the instructor set none. */
export function graderEnv(options: Pick<SubmissionRunOptions, 'submissionDir' | 'gradeDir' | 'reviewFile' | 'earlyStack' | 'environment'>): NodeJS.ProcessEnv {
  const base = options.environment
  return {
    ...base,
    // A class leaves one set of build layers per student that no later run reuses: they go with each run's image.
    GRADER_KEEP_BUILD_CACHE: base.GRADER_KEEP_BUILD_CACHE ?? '0',
    GRADER_EARLY_STACK: base.GRADER_EARLY_STACK ?? (options.earlyStack ? '1' : '0'),
    NO_COLOR: '1', SUBMISSION_DIR: options.submissionDir, GRADE_DIR: options.gradeDir, REVIEW_FILE: options.reviewFile,
  }
}

/** One grading run, as `npm test` does it, in a process group of its own that the time limit kills whole. */
export async function runSubmission(options: SubmissionRunOptions): Promise<SubmissionRun> {
  const { projectRoot, submissionDir, gradeDir, timeoutMs } = options
  mkdirSync(gradeDir, { recursive: true })
  const logFile = path.join(gradeDir, 'grader.log')
  const log = openSync(logFile, 'w')
  const startedAt = new Date()
  const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', log, log],
    env: graderEnv(options),
  })
  closeSync(log)
  if (child.pid !== undefined) options.onProcessGroup?.(child.pid, true)
  let timedOut = false
  let killTimer: NodeJS.Timeout | undefined
  const pid = child.pid
  const timer = setTimeout(() => {
    if (pid === undefined) return
    timedOut = true
    signalGroup(pid, 'SIGTERM')
    killTimer = setTimeout(() => signalGroup(-pid, 'SIGKILL'), STOP_GRACE_MS)
  }, timeoutMs)
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }))
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  clearTimeout(timer)
  clearTimeout(killTimer)
  if (pid !== undefined) {
    // The leader may be gone while a worker or a docker compose it started lingers: the group goes with it.
    if (timedOut || exit.signal) signalGroup(-pid, 'SIGKILL')
    options.onProcessGroup?.(pid, false)
  }

  const t = catalogue(options.rubric.language).verdict.lost
  const timeLimit = t.timeLimit(timeoutMs / 1000)
  const written = readGrade(path.join(gradeDir, 'grade.json'))
  if (written) return { grade: written, ...(timedOut && written.status === 'ungraded' ? { lostReason: timeLimit } : {}) }
  const reason = exit.error
    ? t.couldNotStart(exit.error.message)
    : timedOut
      ? timeLimit
      : t.noGrade(exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`, lastLine(logFile))
  const grade = ungradedGrade(options.rubric, {
    submissionPath: submissionDir,
    ...(options.commit ? { commit: options.commit } : {}),
    startedAt,
    durationMs: Date.now() - startedAt.getTime(),
    grader: options.graderVersion,
    reason,
  })
  writeGradeFiles(gradeDir, grade, options.rubric)
  return { grade, lostReason: reason }
}

export function writeGradeFiles(gradeDir: string, grade: Grade, rubric: Rubric): void {
  writeFileAtomically(path.join(gradeDir, 'grade.json'), `${inertJson(grade)}\n`)
  writeFileAtomically(path.join(gradeDir, 'grade-sheet.md'), renderGradeSheet(grade, { title: rubric.title }))
}

export function readGrade(file: string): Grade | undefined {
  if (!existsSync(file)) return undefined
  try {
    const grade = JSON.parse(readFileSync(file, 'utf8')) as Grade
    return grade.schemaVersion === 1 && Array.isArray(grade.checks) ? grade : undefined
  } catch {
    return undefined
  }
}

/** The log's last non-empty line, for a one-line reason. */
function lastLine(file: string): string {
  return readFileSync(file, 'utf8').trim().split('\n').pop()?.trim() || '(no output)'
}
