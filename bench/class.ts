// A class graded by the batch tool, once one submission at a time and once at the default concurrency: the throughput
// ratio, and whether every verdict is the same. Usage: npm run bench:class [-- --concurrency 2]
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultConcurrency } from '../cli/grade-command.js'
import { assembleFixture, listFixtures, referenceSubmission } from '../test/support/fixtures.js'
import { gradeClassCli, readGradebook } from '../test/support/grade-class-cli.js'

/** The reference and nine fixtures that fail in different ways (a slow stop, a crash, a refused project, …). */
const CLASS = ['shell-form-cmd', 'api-crashes-at-start', 'wrong-health-body', 'server-on-localhost', 'no-postgres-password',
  'dockerfile-does-not-build', 'missing-depends-on', 'course-free-spellings', 'hostile-privileged-service']

const { values } = parseArgs({ options: { concurrency: { type: 'string' } } })
const concurrency = values.concurrency ? Number(values.concurrency) : defaultConcurrency()

const folder = mkdtempSync(path.join(tmpdir(), 'tp1-bench-class-'))
const fixtures = listFixtures()
cpSync(referenceSubmission, path.join(folder, 'class', 'reference'), { recursive: true })
for (const name of CLASS) cpSync(assembleFixture(fixtures.find((f) => f.name === name)!), path.join(folder, 'class', name), { recursive: true })

async function gradeClass(n: number): Promise<{ seconds: number; verdicts: Record<string, Record<string, string>> }> {
  const out = path.join(folder, `out-${n}`)
  process.stderr.write(`bench: grading ${CLASS.length + 1} submissions, --concurrency ${n}\n`)
  const run = await gradeClassCli('grade', '--submissions', path.join(folder, 'class'), '--out', out, '--concurrency', String(n))
  if (run.code !== 0) throw new Error(`tp1-grade-class exited with ${run.code}:\n${run.output.slice(-3000)}`)
  const book = readGradebook(out) as Record<string, Record<string, string>>
  // Every column but the commit and the digests: the scores, statuses and per-check points.
  const verdicts = Object.fromEntries(Object.entries(book).map(([student, row]) => [student, Object.fromEntries(Object.entries(row).filter(([k]) => !/commit|revision/.test(k)))]))
  return { seconds: run.ms / 1000, verdicts }
}

try {
  const one = await gradeClass(1)
  const many = await gradeClass(concurrency)
  const differing = Object.keys(one.verdicts).filter((s) => JSON.stringify(one.verdicts[s]) !== JSON.stringify(many.verdicts[s]))
  console.log(`| concurrency | wall (s) | submissions / min |\n|---:|---:|---:|`)
  for (const [n, r] of [[1, one], [concurrency, many]] as const) console.log(`| ${n} | ${r.seconds.toFixed(1)} | ${((CLASS.length + 1) / r.seconds * 60).toFixed(1)} |`)
  console.log(`\nthroughput at --concurrency ${concurrency} / at 1: ${(one.seconds / many.seconds).toFixed(2)}; students whose verdicts differ: ${differing.length ? differing.join(', ') : 'none'}`)
  for (const student of differing) {
    const columns = Object.keys(one.verdicts[student]!).filter((k) => one.verdicts[student]![k] !== many.verdicts[student]?.[k])
    console.log(`  ${student}: ${columns.map((k) => `${k} ${one.verdicts[student]![k]} → ${many.verdicts[student]?.[k]}`).join(', ')}`)
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
}
