// A class graded by the batch tool, once one submission at a time and once at the default concurrency: the throughput
// ratio, whether every verdict is the same, and the ratio the machine's CPU allows at best. With --floor, the same for
// bench/floor.sh run as many times on the reference: the ceiling of the lab's Docker work alone, without the grader.
// Usage: npm run bench:class [-- --concurrency 2] [-- --floor]
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultConcurrency } from '../core/cli/grade-command.js'
import { assembleFixture, listFixtures, referenceSubmission } from '../test/support/fixtures.js'
import { gradeClassCli, readGradebook } from '../test/support/grade-class-cli.js'
import { machineCpu, root, timed } from './harness.js'

/** The reference and nine fixtures that fail in different ways (a slow stop, a crash, a refused project, …). */
const CLASS = ['shell-form-cmd', 'api-crashes-at-start', 'wrong-health-body', 'server-on-localhost', 'no-postgres-password',
  'dockerfile-does-not-build', 'missing-depends-on', 'course-free-spellings', 'hostile-privileged-service']

const { values } = parseArgs({ options: { concurrency: { type: 'string' }, floor: { type: 'boolean', default: false } } })
const concurrency = values.concurrency ? Number(values.concurrency) : defaultConcurrency()

const folder = mkdtempSync(path.join(tmpdir(), 'tp1-bench-class-'))
const fixtures = listFixtures()
cpSync(referenceSubmission, path.join(folder, 'class', 'reference'), { recursive: true })
for (const name of CLASS) cpSync(assembleFixture(fixtures.find((f) => f.name === name)!), path.join(folder, 'class', name), { recursive: true })

interface Pass { seconds: number; cpuSeconds: number }

async function gradeClass(n: number): Promise<Pass & { verdicts: Record<string, Record<string, string>> }> {
  const out = path.join(folder, `out-${n}`)
  process.stderr.write(`bench: grading ${CLASS.length + 1} submissions, --concurrency ${n}\n`)
  const cpuBefore = machineCpu()
  const run = await gradeClassCli('grade', '--submissions', path.join(folder, 'class'), '--out', out, '--concurrency', String(n))
  const cpuSeconds = machineCpu() - cpuBefore
  if (run.code !== 0) throw new Error(`tp1-grade-class exited with ${run.code}:\n${run.output.slice(-3000)}`)
  const book = readGradebook(out) as Record<string, Record<string, string>>
  // Every column but the commit and the digests: the scores, statuses and per-check points.
  const verdicts = Object.fromEntries(Object.entries(book).map(([student, row]) => [student, Object.fromEntries(Object.entries(row).filter(([k]) => !/commit|revision/.test(k)))]))
  return { seconds: run.ms / 1000, cpuSeconds, verdicts }
}

/** bench/floor.sh on the reference, as many times as the class has submissions, n at a time. */
async function floorClass(n: number): Promise<Pass> {
  process.stderr.write(`bench: the floor ${CLASS.length + 1} times on the reference, ${n} at a time\n`)
  const cpuBefore = machineCpu()
  const started = Date.now()
  let next = 0
  await Promise.all(Array.from({ length: n }, async () => {
    while (next++ < CLASS.length + 1) {
      const run = await timed('bash', [path.join(root, 'bench', 'floor.sh'), referenceSubmission])
      if (run.exitCode !== 0) throw new Error(`bench/floor.sh exited with ${run.exitCode}`)
    }
  }))
  return { seconds: (Date.now() - started) / 1000, cpuSeconds: machineCpu() - cpuBefore }
}

/**
 * Side by side, n runs can do no better than keep every core busy: the one-at-a-time pass's CPU work spread over the
 * cores bounds the throughput ratio (wall at 1 × cores / CPU at 1, capped at n).
 */
const ceiling = (one: Pass, n: number) => Math.min(n, (one.seconds * Math.min(n, availableParallelism())) / one.cpuSeconds)

try {
  const one = await gradeClass(1)
  const many = await gradeClass(concurrency)
  const differing = Object.keys(one.verdicts).filter((s) => JSON.stringify(one.verdicts[s]) !== JSON.stringify(many.verdicts[s]))
  console.log(`| concurrency | wall (s) | machine CPU (s) | submissions / min |\n|---:|---:|---:|---:|`)
  for (const [n, r] of [[1, one], [concurrency, many]] as const) console.log(`| ${n} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${((CLASS.length + 1) / r.seconds * 60).toFixed(1)} |`)
  console.log(`\nthroughput at --concurrency ${concurrency} / at 1: ${(one.seconds / many.seconds).toFixed(2)}; at best with this CPU work on ${availableParallelism()} cores: ${ceiling(one, concurrency).toFixed(2)}; students whose verdicts differ: ${differing.length ? differing.join(', ') : 'none'}`)
  for (const student of differing) {
    const columns = Object.keys(one.verdicts[student]!).filter((k) => one.verdicts[student]![k] !== many.verdicts[student]?.[k])
    console.log(`  ${student}: ${columns.map((k) => `${k} ${one.verdicts[student]![k]} → ${many.verdicts[student]?.[k]}`).join(', ')}`)
  }
  if (values.floor) {
    const floorOne = await floorClass(1)
    const floorMany = await floorClass(concurrency)
    console.log(`\nthe floor (bench/floor.sh, no grader), ${CLASS.length + 1} times on the reference: at 1 ${floorOne.seconds.toFixed(1)} s (machine CPU ${floorOne.cpuSeconds.toFixed(1)} s), at ${concurrency} ${floorMany.seconds.toFixed(1)} s (${floorMany.cpuSeconds.toFixed(1)} s): throughput ${(floorOne.seconds / floorMany.seconds).toFixed(2)}, at best ${ceiling(floorOne, concurrency).toFixed(2)}`)
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
}
