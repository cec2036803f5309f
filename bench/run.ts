// Grading overhead benchmark: the grader (`npm test`) against the floor (bench/floor.sh, the same Docker work with
// bare docker commands), warm (build cache present) and cold (build cache pruned, base images kept).
// Usage: npm run bench -- [--runs 3] [--submission student-submission]
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gradeOnce, median, root, timed } from './harness.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, submission: { type: 'string', default: 'student-submission' } } })
const runs = Number(values.runs)
const submission = path.resolve(root, values.submission)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`)

function pruneBuildCache() {
  execFileSync('docker', ['builder', 'prune', '-af'], { stdio: 'ignore' })
  execFileSync('docker', ['image', 'prune', '-f'], { stdio: 'ignore' })
}

async function floor() {
  const result = await timed('bash', [path.join(root, 'bench', 'floor.sh'), submission])
  if (result.exitCode !== 0) throw new Error(`bench/floor.sh exited with ${result.exitCode}`)
  return result
}
async function grader() {
  const result = await gradeOnce(submission)
  return { ...result, score: `${result.grade.score}/${result.grade.maxScore}` }
}

const stats = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs) })

process.stderr.write(`bench: ${runs} run(s) of each, on ${submission}\nbench: warming up…\n`)
await floor()
await grader()
const samples: Record<'floorWarm' | 'graderWarm' | 'floorCold' | 'graderCold', number[]> = { floorWarm: [], graderWarm: [], floorCold: [], graderCold: [] }
let peak = 0
const scores = new Set()
for (let i = 0; i < runs; i++) {
  process.stderr.write(`bench: run ${i + 1}/${runs}\n`)
  samples.floorWarm.push((await floor()).seconds)
  const warm = await grader()
  samples.graderWarm.push(warm.seconds)
  pruneBuildCache()
  samples.floorCold.push((await floor()).seconds)
  pruneBuildCache()
  const cold = await grader()
  samples.graderCold.push(cold.seconds)
  peak = Math.max(peak, warm.peakMiB, cold.peakMiB)
  scores.add(warm.score).add(cold.score)
}

const row = (name: string, xs: number[]) => { const s = stats(xs); return `| ${name} | ${s.min.toFixed(1)} | ${s.median.toFixed(1)} |` }
console.log('| run | min (s) | median (s) |\n|---|---:|---:|')
console.log([row('floor, warm', samples.floorWarm), row('grader, warm', samples.graderWarm), row('floor, cold', samples.floorCold), row('grader, cold', samples.graderCold)].join('\n'))
const ratio = (g: number[], f: number[]) => (stats(g).median / stats(f).median).toFixed(2)
console.log(`\ngrader / floor (medians): warm ${ratio(samples.graderWarm, samples.floorWarm)}, cold ${ratio(samples.graderCold, samples.floorCold)}`)
console.log(`grader peak memory (process tree): ${peak.toFixed(0)} MiB`)
console.log(`grades: ${[...scores].join(', ')}`)
