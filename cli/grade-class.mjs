#!/usr/bin/env node
// Node 20 cannot run TypeScript: tsx compiles the CLI's modules as they are imported.
import { register } from 'tsx/esm/api'

register()
// The rubric reads GRADER_LANG, GRADER_TIMEOUT_* and GRADER_LIMIT_* as it loads: a wrong one is a usage error.
const { isSettingError } = await import('../grading/errors.ts')
try {
  await import('../rubric/index.ts')
} catch (error) {
  if (!isSettingError(error)) throw error
  process.stderr.write(`tp1-grade-class: ${error.message}\n`)
  process.exit(2)
}
await import('./grade-class.ts')
