// Grading overhead benchmark: the grader (`npm test`) against the floor (bench/floor.sh, the same Docker work with
// bare docker commands), warm (build cache present) and cold (build cache pruned, base images kept).
// Usage: npm run bench -- [--runs 3] [--submission test/references/seed]
import { execFileSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Grade } from '../core/grading/grade.js'
import { gradeOnce, median, root, timed } from './harness.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, submission: { type: 'string', default: 'test/references/seed' } } })
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
  return { ...result, score: `${result.grade.score}/${result.grade.maxScore}`, ranSteps: ranSteps(result.grade) }
}

/** The RUN steps the run's builds ran (not taken from the cache), as the build checks record them in their facts. */
function ranSteps(grade: Grade): string[] | undefined {
  const facts = grade.checks.flatMap((c) => Object.entries(c.details?.facts ?? {}).filter(([name]) => /ranSteps$/i.test(name)))
  return facts.length ? facts.flatMap(([, steps]) => String(steps).split('\n').filter(Boolean)) : undefined
}

const stats = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs) })

process.stderr.write(`bench: ${runs} run(s) of each, on ${submission}\nbench: warming up…\n`)
await floor()
await grader()
type Sample = { seconds: number; cpuSeconds: number }
const samples: Record<'floorWarm' | 'graderWarm' | 'floorCold' | 'graderCold', Sample[]> = { floorWarm: [], graderWarm: [], floorCold: [], graderCold: [] }
let peak = 0
const scores = new Set()
const pipInstalls: Record<'warm' | 'cold', (number | undefined)[]> = { warm: [], cold: [] }
const countPip = (steps: string[] | undefined) => steps?.filter((step) => /\bpip3? install\b/.test(step)).length
for (let i = 0; i < runs; i++) {
  process.stderr.write(`bench: run ${i + 1}/${runs}\n`)
  samples.floorWarm.push(await floor())
  const warm = await grader()
  samples.graderWarm.push(warm)
  pruneBuildCache()
  samples.floorCold.push(await floor())
  pruneBuildCache()
  const cold = await grader()
  samples.graderCold.push(cold)
  peak = Math.max(peak, warm.peakMiB, cold.peakMiB)
  pipInstalls.warm.push(countPip(warm.ranSteps))
  pipInstalls.cold.push(countPip(cold.ranSteps))
  scores.add(warm.score).add(cold.score)
}

const wall = (xs: Sample[]) => xs.map((x) => x.seconds)
const cpu = (xs: Sample[]) => median(xs.map((x) => x.cpuSeconds))
const row = (name: string, xs: Sample[]) => { const s = stats(wall(xs)); return `| ${name} | ${s.min.toFixed(1)} | ${s.median.toFixed(1)} | ${cpu(xs).toFixed(1)} |` }
console.log('| run | min (s) | median (s) | machine CPU, median (s) |\n|---|---:|---:|---:|')
console.log([row('floor, warm', samples.floorWarm), row('grader, warm', samples.graderWarm), row('floor, cold', samples.floorCold), row('grader, cold', samples.graderCold)].join('\n'))
const ratio = (g: Sample[], f: Sample[]) => (stats(wall(g)).median / stats(wall(f)).median).toFixed(2)
console.log(`\ngrader / floor (medians): warm ${ratio(samples.graderWarm, samples.floorWarm)}, cold ${ratio(samples.graderCold, samples.floorCold)}`)
// A run cannot take less wall time than its CPU work spread over every core: the ratio no schedule of the same work beats.
const cores = availableParallelism()
const bound = (g: Sample[], f: Sample[]) => (cpu(g) / cores / stats(wall(f)).median).toFixed(2)
console.log(`grader / floor at best with the grader's CPU work on ${cores} cores (machine CPU / cores / floor's wall): warm ${bound(samples.graderWarm, samples.floorWarm)}, cold ${bound(samples.graderCold, samples.floorCold)}`)
console.log(`grader peak memory (process tree): ${peak.toFixed(0)} MiB`)
console.log(`grades: ${[...scores].join(', ')}`)
// Compose's own BuildKit build (before the grader built Compose's images itself) reported nothing: counted as unknown.
const pips = (xs: (number | undefined)[]) => xs.map((n) => n ?? '?').join(', ')
console.log(`RUN pip install steps the grader's builds ran, per run: warm ${pips(pipInstalls.warm)}; cold ${pips(pipInstalls.cold)}`)
