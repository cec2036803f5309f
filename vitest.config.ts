import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'
import { isSettingError } from './grading/errors.js'
import { requireSubmissionDir } from './lab/submission.js'
import { loadRun } from './rubric/index.js'

// A wrong setting (SUBMISSION_DIR, GRADER_LANG=de, GRADER_TIMEOUT_BUILD_SECONDS=abc) is said in one line before anything
// runs, and the run ends with exit code 2: no grade is written, since nothing was graded.
try {
  loadRun(process.env)
  requireSubmissionDir()
} catch (error) {
  if (!isSettingError(error)) throw error // a broken rubric or catalogue is the grader's bug: its stack trace helps
  process.stderr.write(`grader: ${error.message}\n`)
  process.exit(2)
}

/**
 * The exercises run in the lab's order, but for the checks that stop a container: exercise 4's stop (which a server
 * that ignores SIGTERM makes last its whole grace period) runs in the background during the Compose checks, and its
 * checks come after them; the checks that take the Compose stack down run last, after every check that needs it.
 */
const specOrder = [
  'ex1-engine', 'ex3-static-files', 'report', 'ex5-compose-file', 'ex3-image', 'ex2-containers',
  'ex4-run-api', 'ex5-compose-up', 'ex6-postgres', 'ex7-debug', 'ex4-stop', 'ex5-compose-down',
]

class LabOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = specOrder.findIndex((name) => f.moduleId.endsWith(`/${name}.spec.ts`))
      return i === -1 ? specOrder.length : i
    }
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId))
  }
}

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    globalSetup: ['./lab/global-setup.ts'],
    // One worker, shared module state: every spec file uses the same image build and Compose stack.
    pool: 'forks',
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    sequence: { sequencer: LabOrder },
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache), keyed by their content: a run
    // after the first starts about half a second sooner (see README, Performance).
    experimental: { fsModuleCache: true },
    testTimeout: 600_000,
    hookTimeout: 600_000,
    teardownTimeout: 120_000,
    bail: 0,
    retry: 0,
    reporters: ['default', ['./reporters/grade-reporter.ts', { outputDir: 'grades' }]],
  },
})
