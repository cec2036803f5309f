import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reporter, SerializedError, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import type { TestCase } from 'vitest/node'
import { rubric } from '../rubric/index.js'
import { submissionDir } from '../lab/submission.js'
import { collectGrade, type ObservedCheck } from './collect-grade.js'
import { loadReview, reviewFilePath } from './review-file.js'
import { renderGradeSheet } from './render-markdown.js'
import { renderSummary } from './render-terminal.js'

export interface GradeReporterOptions {
  /** Folder for grade.json and grade-sheet.md; GRADE_DIR overrides; default "grades". */
  outputDir?: string
}

/** Writes the grade sheet: collect what the tests observed → render → write. */
export default class GradeReporter implements Reporter {
  private vitest?: Vitest
  private startedAt = new Date()

  constructor(private readonly options: GradeReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunStart(): void {
    this.startedAt = new Date()
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const runErrors = unhandledErrors.map((e) => firstLine(e.message))
    if (reason === 'interrupted') runErrors.unshift('the run was interrupted before this check')
    const reviewFile = reviewFilePath(submissionDir())
    const review = loadReview(reviewFile)
    const grade = collectGrade(rubric, observeChecks(modules), {
      ...(review instanceof Error ? { warnings: [`${review.message}: ignored.`] } : review ? { review } : {}),
      submissionPath: submissionDir(),
      ...commitOf(submissionDir()),
      startedAt: this.startedAt,
      durationMs: Date.now() - this.startedAt.getTime(),
      node: process.version,
      grader: graderVersion(),
      runErrors,
    })
    const root = this.vitest?.config.root ?? process.cwd()
    const outDir = path.resolve(root, process.env.GRADE_DIR || this.options.outputDir || 'grades')
    mkdirSync(outDir, { recursive: true })
    writeAtomically(path.join(outDir, 'grade.json'), `${JSON.stringify(grade, null, 2)}\n`)
    writeAtomically(path.join(outDir, 'grade-sheet.md'), renderGradeSheet(grade, { title: rubric.title }))
    process.stdout.write(`\n${renderSummary(grade, { title: rubric.title, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR })}\n`)
    process.stdout.write(`Grade sheet: ${path.relative(process.cwd(), path.join(outDir, 'grade-sheet.md')) || outDir}\n`)
  }
}

/** Every test that carries a check id, with the errors of the suites and module around it. */
export function observeChecks(modules: ReadonlyArray<TestModule>): ObservedCheck[] {
  const observed: ObservedCheck[] = []
  for (const module of modules) {
    const moduleErrors = module.errors().map((e) => firstLine(e.message))
    for (const test of module.children.allTests()) {
      const meta = test.meta()
      if (!meta.checkId) continue
      const result = test.result()
      observed.push({
        checkId: meta.checkId,
        state: result.state,
        ...(meta.verdict ? { verdict: meta.verdict } : {}),
        errors: [...(result.errors ?? []).map((e) => firstLine(e.message)), ...suiteErrors(test), ...moduleErrors],
      })
    }
  }
  return observed
}

function suiteErrors(test: TestCase): string[] {
  const errors: string[] = []
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent)
    errors.push(...parent.errors().map((e) => firstLine(e.message)))
  return errors
}

const firstLine = (text: string | undefined) => (text ?? 'unknown error').split('\n')[0] ?? ''

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

function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, content)
  renameSync(tmp, file)
}
