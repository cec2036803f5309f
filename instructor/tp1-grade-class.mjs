#!/usr/bin/env node
// Node 20 cannot run TypeScript: tsx compiles the CLI's modules as they are imported.
import { existsSync } from 'node:fs'
import { register } from 'tsx/esm/api'

// The students' package (npm pack) carries this launcher, as a bin, but not the class tool: it stays the instructor's.
if (!existsSync(new URL('../core/cli/grade-class.ts', import.meta.url))) {
  process.stderr.write("tp1-grade-class: the class tool runs from the grader's own repository, not from the students' package\n")
  process.exit(2)
}

register()
// GRADER_LANG, GRADER_TIMEOUT_* and GRADER_LIMIT_* are the run's settings: a wrong one is a usage error, said before anything runs.
const { isSettingError } = await import('../core/grading/errors.ts')
const { loadRun } = await import('../core/run/index.ts')
// The lab list: which labs the class can be graded for (GRADER_LAB chooses one).
const { labs } = await import('../labs/index.ts')
let run
try {
  run = loadRun(labs)
} catch (error) {
  if (!isSettingError(error)) throw error
  process.stderr.write(`tp1-grade-class: ${error.message}\n`)
  process.exit(2)
}
const { runClassTool } = await import('../core/cli/grade-class.ts')
process.exit(await runClassTool(process.argv.slice(2), run))
