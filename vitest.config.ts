import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'
import { isSettingError } from './core/grading/errors.js'
import { requireSubmissionDir } from './core/lab/submission.js'
import { readFileSync } from 'node:fs'
import { loadRun, type Rubric, type Run } from './core/run/index.js'
import { labs } from './labs/index.js'
import GradeReporter from './reporters/grade-reporter.js'

// A wrong setting (SUBMISSION_DIR, GRADER_LAB=tp9, GRADER_LANG=de, GRADER_TIMEOUT_BUILD_SECONDS=abc) is said in one line
// before anything runs, and the run ends with exit code 2: no grade is written, since nothing was graded.
function settledRun(): Run {
  try {
    const run = loadRun(labs)
    requireSubmissionDir(run.settings)
    return run
  } catch (error) {
    if (!isSettingError(error)) throw error // a broken rubric or catalogue is the grader's bug: its stack trace helps
    process.stderr.write(`grader: ${error.message}\n`)
    process.exit(2)
  }
}
const run = settledRun()

/**
 * The spec files run in the rubric's phases (rubric.phases): a file runs with the latest phase of the checks it
 * declares, so a new spec file takes its place with no list to edit. Within a phase, by name.
 */
function phaseOf(file: string, rubric: Rubric): number {
  const ids = [...readFileSync(file, 'utf8').matchAll(/\bcheck\(\s*'([^']+)'/g)].map((m) => m[1]!)
  const phases = ids.map((id) => rubric.phases.indexOf(rubric.checks.find((c) => c.id === id)?.phase ?? rubric.phases[0]!))
  return Math.max(0, ...phases)
}

class LabOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { rubric } = run
    const rank = new Map(files.map((f) => [f.moduleId, phaseOf(f.moduleId, rubric)]))
    return [...files].sort((a, b) => rank.get(a.moduleId)! - rank.get(b.moduleId)! || a.moduleId.localeCompare(b.moduleId))
  }
}

export default defineConfig({
  test: {
    // The lab's own specs: labs/<GRADER_LAB>/specs/.
    include: [`labs/${run.lab}/specs/**/*.spec.ts`],
    globalSetup: ['./core/session/global-setup.ts'],
    // What the global setup knows of the run: its rubric (data: the early stack's layout, limits and timeouts).
    provide: { rubric: run.rubric },
    // One worker, shared module state: every spec file uses the same image build and Compose stack.
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    sequence: { sequencer: LabOrder },
    // No experimental.fsModuleCache: runs side by side in one project (the class tool's --concurrency, the grader's own
    // tests) raced on its files (ENOENT in the global setup) and came out ungraded; it saved about half a second.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 120_000,
    bail: 0,
    retry: 0,
    // The student's terminal is the grade's alone: a progress line per exercise, then the summary (no Vitest reporter).
    reporters: [new GradeReporter(run, { outputDir: 'grades' })],
  },
})
