#!/usr/bin/env node
// Grading overhead benchmark: the grader (`npm test`) against the floor (bench/floor.sh, the same Docker work with
// bare docker commands), warm (build cache present) and cold (build cache pruned, base images kept).
// Usage: node bench/run.mjs [--runs 3] [--submission student-submission]
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const root = path.resolve(new URL('..', import.meta.url).pathname)
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, submission: { type: 'string', default: 'student-submission' } } })
const runs = Number(values.runs)
const submission = path.resolve(root, values.submission)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`)

/** Resident memory of a process and its descendants, from /proc (kB). */
function treeRss(pid) {
  const children = new Map()
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  let total = 0
  const visit = (p) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0)
    } catch {}
    for (const c of children.get(p) ?? []) visit(c)
  }
  visit(pid)
  return total
}

/** Runs a command, returns its wall time (s) and the peak memory of its process tree (MiB). */
function timed(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000) })
    let peak = 0
    const sampler = setInterval(() => { peak = Math.max(peak, treeRss(child.pid)) }, 100)
    child.on('exit', (code) => {
      clearInterval(sampler)
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`))
      else resolve({ seconds, peakMiB: peak / 1024 })
    })
  })
}

function pruneBuildCache() {
  execFileSync('docker', ['builder', 'prune', '-af'], { stdio: 'ignore' })
  execFileSync('docker', ['image', 'prune', '-f'], { stdio: 'ignore' })
}

const floor = () => timed('bash', [path.join(root, 'bench', 'floor.sh'), submission])
async function grader() {
  const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-bench-'))
  const result = await timed(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    SUBMISSION_DIR: submission, GRADE_DIR: gradeDir, TESTCONTAINERS_RYUK_DISABLED: process.env.TESTCONTAINERS_RYUK_DISABLED ?? 'true',
  })
  const grade = JSON.parse(readFileSync(path.join(gradeDir, 'grade.json'), 'utf8'))
  rmSync(gradeDir, { recursive: true, force: true })
  return { ...result, score: `${grade.score}/${grade.maxScore}` }
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)] }
}

process.stderr.write(`bench: ${runs} run(s) of each, on ${submission}\nbench: warming up…\n`)
await floor()
await grader()
const samples = { floorWarm: [], graderWarm: [], floorCold: [], graderCold: [] }
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

const row = (name, xs) => { const s = stats(xs); return `| ${name} | ${s.min.toFixed(1)} | ${s.median.toFixed(1)} |` }
console.log('| run | min (s) | median (s) |\n|---|---:|---:|')
console.log([row('floor, warm', samples.floorWarm), row('grader, warm', samples.graderWarm), row('floor, cold', samples.floorCold), row('grader, cold', samples.graderCold)].join('\n'))
const ratio = (g, f) => (stats(g).median / stats(f).median).toFixed(2)
console.log(`\ngrader / floor (medians): warm ${ratio(samples.graderWarm, samples.floorWarm)}, cold ${ratio(samples.graderCold, samples.floorCold)}`)
console.log(`grader peak memory (process tree): ${peak.toFixed(0)} MiB`)
console.log(`grades: ${[...scores].join(', ')}`)
