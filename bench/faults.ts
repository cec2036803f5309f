// How long faulty submissions take to grade, against the reference graded in the same run: every wait must end as
// soon as its outcome is known. Verdicts are checked against each fixture's lose set, so a faster run that grades
// differently shows up here. Usage: npm run bench:faults [-- --runs 1] [-- --cases shell-form-cmd,wrong-port]
import { rmSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { assembleFixture, listFixtures, lostChecks, referenceSubmission } from '../test/support/fixtures.js'
import { gradeOnce, median } from './harness.js'

/** The fault cases of issue 15, one fixture each, and a few more that wait in other ways. */
const CASES = [
  'server-on-localhost', 'health-route-post', 'health-route-elsewhere', 'wrong-health-body', 'hostile-huge-body',
  'db-not-published', 'api-published-to-port-80', 'shell-form-cmd', 'api-crashes-at-start', 'wrong-port',
]

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, cases: { type: 'string' } } })
const runs = Number(values.runs)
const names = values.cases ? values.cases.split(',') : CASES
const fixtures = listFixtures()

async function timeCase(submission: string): Promise<{ seconds: number[]; peakMiB: number; lost: Record<string, string>; exitCode: number }> {
  const seconds: number[] = []
  let peakMiB = 0
  let last: Awaited<ReturnType<typeof gradeOnce>> | undefined
  for (let i = 0; i < runs; i++) {
    last = await gradeOnce(submission)
    seconds.push(last.seconds)
    peakMiB = Math.max(peakMiB, last.peakMiB)
  }
  return { seconds, peakMiB, lost: lostChecks(last!.grade), exitCode: last!.exitCode }
}

process.stderr.write(`bench: ${runs} run(s) of the reference and of ${names.length} fault cases\nbench: warming up…\n`)
await gradeOnce(referenceSubmission)
const reference = await timeCase(referenceSubmission)
const rows: string[] = []
let worst = 0
let mismatches = 0
for (const name of names) {
  const fixture = fixtures.find((f) => f.name === name)
  if (!fixture) throw new Error(`no fixture ${name}`)
  process.stderr.write(`bench: ${name}\n`)
  const submission = assembleFixture(fixture)
  try {
    const result = await timeCase(submission)
    const ratio = median(result.seconds) / median(reference.seconds)
    worst = Math.max(worst, ratio)
    const same = JSON.stringify(result.lost) === JSON.stringify(fixture.lose) && result.exitCode === fixture.exitCode
    if (!same) mismatches++
    rows.push(`| ${name} | ${median(result.seconds).toFixed(1)} | ${ratio.toFixed(2)} | ${result.peakMiB.toFixed(0)} | ${same ? 'as the fixture says' : `DIFFERS: ${JSON.stringify(result.lost)} exit ${result.exitCode}`} |`)
  } finally {
    rmSync(path.dirname(submission), { recursive: true, force: true })
  }
}
console.log(`| submission | median (s) | / reference | peak memory (MiB) | verdict |\n|---|---:|---:|---:|---|`)
console.log(`| reference | ${median(reference.seconds).toFixed(1)} | 1.00 | ${reference.peakMiB.toFixed(0)} | ${Object.keys(reference.lost).length ? 'LOSES POINTS' : 'nothing lost'} |`)
console.log(rows.join('\n'))
console.log(`\nslowest fault case / reference: ${worst.toFixed(2)}; verdicts differing from the fixtures: ${mismatches}`)
