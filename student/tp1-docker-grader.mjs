#!/usr/bin/env node
// The students' command: grades a folder with the grader's own specs and config, from wherever the package is installed.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const USAGE = `Usage: tp1-docker-grader [folder] [--lang fr|en] [--out <dir>] [--lab <name>]

Grades the TP1 Docker lab (or the lab <name> of the grader's labs/) in <folder> (default: the current
folder) and writes grade.json and grade-sheet.md into <dir> (default: grades/ in the current folder).
Exit code: 0 all points, 1 points lost, 2 wrong usage or setting, 3 ungraded (the grader or Docker failed).`

/** A wrong use of the command: said in one line, exit code 2, as a wrong setting of `npm test` is. */
function usageError(message) {
  process.stderr.write(`tp1-docker-grader: ${message} (see tp1-docker-grader --help)\n`)
  process.exit(2)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { lang: { type: 'string' }, out: { type: 'string' }, lab: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
} catch (error) {
  // Node's own sentence after the first (how to pass a folder named like an option) is for another case.
  usageError(error.message.split('. ')[0])
}
const { values, positionals } = parsed
if (values.help) {
  process.stdout.write(`${USAGE}\n`)
  process.exit(0)
}
if (positionals.length > 1) usageError(`one folder at most, not ${positionals.length}: ${positionals.join(' ')}`)
if (values.lang !== undefined && !['fr', 'en'].includes(values.lang)) usageError(`--lang ${values.lang}: the language is fr or en`)
const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
// The labs the package grades: each folder of labs/ with its lab.ts.
const labs = readdirSync(path.join(packageDir, 'labs'), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(packageDir, 'labs', d.name, 'lab.ts'))).map((d) => d.name)
if (values.lab !== undefined && !labs.includes(values.lab)) usageError(`--lab ${values.lab}: unknown lab (known: ${labs.join(', ')})`)
const folder = path.resolve(positionals[0] ?? '.')
if (!existsSync(folder) || !statSync(folder).isDirectory()) usageError(`${positionals[0] ?? folder}: no such folder`)

// The run's settings travel as the grader reads them (core/run/index.ts, core/lab/submission.ts): the student sets none.
process.env.SUBMISSION_DIR = folder
process.env.GRADE_DIR = path.resolve(values.out ?? 'grades')
if (values.lang) process.env.GRADER_LANG = values.lang
if (values.lab) process.env.GRADER_LAB = values.lab

const { startVitest } = await import('vitest/node')
const vitest = await startVitest('test', [], { root: packageDir, config: path.join(packageDir, 'vitest.config.ts'), run: true, watch: false })
// Vitest's own `vitest run` ends the same way: close, then exit with the code the run set (the reporter's 3 when ungraded).
await vitest.exit()
