import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import type { TestCase } from 'vitest/node'
import type { Run } from '../core/run/index.js'
import { findRubricLayout, submissionLayout } from '../core/analysis/lab-layout.js'
import type { SubmissionLayout } from '../core/grading/grade.js'
import { collectGrade, type ObservedCheck } from './collect-grade.js'
import { loadReview, reviewFilePath } from './review-file.js'
import { renderAnnotations, submissionInRepository } from './github-actions.js'
import { RESULT_FORMATS, parseFormats, resultSettings, type ResultFormat } from './result-formats.js'
import { graderDigest } from './grader-digest.js'
import type { Grade } from '../core/grading/grade.js'
import { renderGradeSheet } from './render-markdown.js'
import { painter, renderGraderBugs, renderProgressLine, renderSummary, type GraderBug } from './render-terminal.js'
import { groupByExercise } from './format.js'
import { writeFileAtomically } from './write-atomically.js'
import { inertJson } from '../core/grading/inert-text.js'
import { firstLine } from '../core/grading/errors.js'

/** `npm test` exits 0 when no point was lost, 1 when some were, and this when the run could not be graded. */
export const UNGRADED_EXIT_CODE = 3

export interface GradeReporterOptions {
  /** Folder for grade.json and grade-sheet.md; GRADE_DIR overrides; default "grades". */
  outputDir?: string
  /** Also write these formats (gradescope, prairielearn, junit); GRADER_FORMATS overrides. */
  formats?: ResultFormat[]
}

/** Writes the grade sheet: collect what the tests observed → render → write. */
export default class GradeReporter implements Reporter {
  private vitest?: Vitest
  private startedAt = new Date()
  private readonly commandsToken = randomUUID()
  /** Checks finished so far: what a run stopped by a signal still writes. */
  private readonly finished = new Map<string, ObservedCheck>()
  private written = false
  /** Exercises whose progress line is printed: each once, as its last check is graded. */
  private readonly exercisesDone = new Set<number>()
  private readonly graderBugs: GraderBug[] = []
  /** 128 + the signal's number once a signal stopped the run: the code it exits with, ungraded or not. */
  private stoppedCode?: number

  /** The run this reporter writes the grade of: its rubric, the student's language, its settings. */
  private readonly run: Run

  constructor(run: Run, private readonly options: GradeReporterOptions = {}) {
    this.run = run
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    // Student output (logs, HTTP bodies) reaches the job log through test errors: it must not run workflow commands.
    if (this.run.settings.github.actions) process.stdout.write(`::stop-commands::${this.commandsToken}\n`)
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.once(signal, () => {
        this.stoppedCode = 128 + osConstants.signals[signal]
        this.write([...this.finished.values()], [`the run was stopped (${signal}) before this check`])
        // The run's cleanup (core/session/global-setup.ts) exits sooner; this is the backstop when it never started.
        setTimeout(() => process.exit(this.stoppedCode), 60_000)
      })
  }

  onTestRunStart(): void {
    this.startedAt = new Date()
    process.stdout.write(`${this.run.messages.sheet.terminal.grading(shownPath(this.run.settings.submissionDir))}\n`)
  }

  onTestCaseResult(test: TestCase): void {
    const observed = observeCheck(test, [])
    if (!observed) return
    this.finished.set(observed.checkId, observed)
    const bug = test.meta().graderBug
    if (bug) this.graderBugs.push({ where: observed.checkId, stack: bug })
    this.graderBugs.push(...unexpectedErrors(test.result().errors ?? [], observed.checkId))
    this.printProgress()
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const { messages } = this.run
    const runErrors = unhandledErrors.map((e) => firstLine(e.message))
    if (reason === 'interrupted') runErrors.unshift(messages.verdict.interrupted)
    this.graderBugs.push(...modules.flatMap((m) => unexpectedErrors(m.errors(), m.relativeModuleId)), ...unexpectedErrors(unhandledErrors, 'run'))
    for (const module of modules)
      for (const suite of module.children.allSuites()) this.graderBugs.push(...unexpectedErrors(suite.errors(), suite.name))
    if (this.graderBugs.length) process.stderr.write(`\n${renderGraderBugs(this.graderBugs, painter(this.useColor(process.stderr)), messages.sheet)}`)
    this.write(observeChecks(modules), runErrors)
  }

  /** One line per exercise whose checks have all been graded since the last call. */
  private printProgress(): void {
    const { rubric, messages } = this.run
    const partial = collectGrade(rubric, [...this.finished.values()], { submissionPath: '', startedAt: this.startedAt, durationMs: 0, node: '', grader: '', runErrors: [] })
    const groups = groupByExercise(partial.checks)
    for (const group of groups) {
      if (this.exercisesDone.has(group.exercise) || !group.checks.every((c) => this.finished.has(c.id))) continue
      this.exercisesDone.add(group.exercise)
      process.stdout.write(`${renderProgressLine(group, groups, painter(this.useColor(process.stdout)), messages.sheet)}\n`)
    }
  }

  /** Synchronous on purpose: it also runs from a signal handler, before the process ends. */
  private write(observed: ObservedCheck[], runErrors: string[]): void {
    if (this.written) return
    this.written = true
    const { rubric, messages, settings } = this.run
    const { submissionDir } = settings
    const review = loadReview(reviewFilePath(submissionDir, settings.reviewFile), rubric.language)
    const grade = collectGrade(rubric, observed, {
      ...(review instanceof Error ? { warnings: [messages.sheet.reviewFile.ignored(review.message)] } : review ? { review } : {}),
      submissionPath: submissionDir,
      ...commitOf(submissionDir),
      ...layoutOf(submissionDir, observed, rubric),
      startedAt: this.startedAt,
      durationMs: Date.now() - this.startedAt.getTime(),
      node: process.version,
      grader: graderVersion(),
      graderDigest: graderDigest(fileURLToPath(new URL('..', import.meta.url))),
      runErrors,
    })
    const root = this.vitest?.config.root ?? process.cwd()
    const outDir = path.resolve(root, settings.gradeDir || this.options.outputDir || 'grades')
    mkdirSync(outDir, { recursive: true })
    writeFileAtomically(path.join(outDir, 'grade.json'), `${inertJson(grade)}\n`)
    const sheet = renderGradeSheet(grade, { title: rubric.title })
    writeFileAtomically(path.join(outDir, 'grade-sheet.md'), sheet)
    const results = resultSettings(settings.environment)
    if (results.problem) process.stderr.write(`grader: ${results.problem}.\n`)
    for (const format of this.formats()) writeFileAtomically(path.join(outDir, RESULT_FORMATS[format].file), RESULT_FORMATS[format].render(grade, results.settings))
    process.stdout.write(`\n${renderSummary(grade, { title: rubric.title, color: this.useColor(process.stdout) })}\n`)
    process.stdout.write(`${messages.sheet.terminal.sheetFile}${messages.sheet.colon} ${path.relative(process.cwd(), path.join(outDir, 'grade-sheet.md')) || outDir}\n`)
    if (settings.github.actions) this.publishOnGitHub(grade, sheet)
    // Vitest has set 1 when points were lost; an ungraded run says so with its own code, and a run stopped by a
    // signal exits with 128 + its number (what a shell reports for it). Vitest sets 1 after the reporters when it
    // meets an error of its own (a global setup that failed, an unhandled error): the code is set again as the
    // process exits, so an ungraded or stopped run never reads as points lost.
    const code = this.stoppedCode ?? (grade.status === 'ungraded' ? UNGRADED_EXIT_CODE : undefined)
    if (code !== undefined) {
      process.exitCode = code
      process.once('exit', () => (process.exitCode = code))
    }
  }

  /** Other result formats to write beside grade.json: GRADER_FORMATS, or the reporter's `formats` option. */
  private formats(): ResultFormat[] {
    try {
      return parseFormats(this.run.settings.formats ?? this.options.formats?.join(','))
    } catch (error) {
      process.stderr.write(`grader: ${(error as Error).message}; only grade.json and grade-sheet.md are written.\n`)
      return []
    }
  }

  /** The sheet in the job summary, and the lost points as annotations on the student's files. */
  private publishOnGitHub(grade: Grade, sheet: string): void {
    process.stdout.write(`::${this.commandsToken}::\n`)
    for (const line of renderAnnotations(grade, submissionInRepository(grade.submission.path, this.run.settings.github.workspace))) process.stdout.write(`${line}\n`)
    const { stepSummary } = this.run.settings.github
    if (stepSummary) appendFileSync(stepSummary, sheet)
  }

  /** Colours on a terminal, unless NO_COLOR. */
  private useColor(stream: NodeJS.WriteStream): boolean {
    return Boolean(stream.isTTY) && !this.run.settings.noColor
  }
}

/** Every test that carries a check id, with the errors of the suites and module around it. */
export function observeChecks(modules: ReadonlyArray<TestModule>): ObservedCheck[] {
  return modules.flatMap((module) => {
    const moduleErrors = module.errors().map((e) => firstLine(e.message))
    return [...module.children.allTests()].flatMap((test) => observeCheck(test, moduleErrors) ?? [])
  })
}

function observeCheck(test: TestCase, moduleErrors: string[]): ObservedCheck | undefined {
  const meta = test.meta()
  if (!meta.checkId) return undefined
  const result = test.result()
  const durationMs = test.diagnostic()?.duration
  return {
    checkId: meta.checkId,
    state: result.state,
    ...(durationMs === undefined ? {} : { durationMs: Math.round(durationMs) }),
    ...(meta.verdict ? { verdict: meta.verdict } : {}),
    ...(meta.layout ? { layout: meta.layout } : {}),
    errors: [...(result.errors ?? []).map((e) => firstLine(e.message)), ...suiteErrors(test), ...moduleErrors],
  }
}

/** The errors the grader throws on purpose (a check's verdict, its known failures); any other is the grader's bug. */
const KNOWN_ERRORS = new Set(['CheckNotPassed', 'SubmissionError', 'BlockedError', 'GraderError', 'SettingError'])

function unexpectedErrors(errors: ReadonlyArray<{ name?: string; message: string; stack?: string }>, where: string): GraderBug[] {
  return errors.filter((e) => !KNOWN_ERRORS.has(e.name ?? '')).map((e) => ({ where, stack: e.stack || `${e.name ?? 'Error'}: ${e.message}` }))
}

/** A folder as the student named it: relative to where they are when it is inside, else whole. */
function shownPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir)
  return relative === '' ? path.basename(dir) : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative
}

function suiteErrors(test: TestCase): string[] {
  const errors: string[] = []
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent)
    errors.push(...parent.errors().map((e) => firstLine(e.message)))
  return errors
}


/**
 * Where the specs found the lab (the checks carry it: see core/checks/check.ts); found again from the same files only
 * when no check ran far enough to carry it.
 */
function layoutOf(dir: string, observed: readonly ObservedCheck[], rubric: Run['rubric']): { layout?: SubmissionLayout } {
  const carried = observed.find((o) => o.layout)?.layout
  if (carried) return { layout: carried }
  try {
    return { layout: submissionLayout(findRubricLayout(dir, rubric), rubric.layout) }
  } catch (error) {
    process.stderr.write(`grader: could not say where the lab is in ${dir}: ${(error as Error).message}\n`)
    return {}
  }
}

function commitOf(dir: string): { commit?: string } {
  try {
    return { commit: execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() }
  } catch {
    return {}
  }
}

function graderVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

