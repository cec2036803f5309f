// What the benchmarks share: a process timed from outside with the peak memory of its tree, one grading run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import type { Grade } from '../core/grading/grade.js'

export const root = path.resolve(new URL('..', import.meta.url).pathname)

/** A process's children, from /proc/<pid>/task/<tid>/children: no scan of every process of the machine. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
      } catch {
        return []
      }
    })
  } catch {
    return []
  }
}

/**
 * Resident memory of a process and its descendants, from /proc (kB). Sampled ten times a second while the command
 * runs, so it reads only the tree: scanning all of /proc each time cost the 2-core machine CPU the timed run needs.
 */
export function treeRss(pid: number): number {
  let total = 0
  const visit = (p: number) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0)
    } catch {}
    for (const c of childrenOf(p)) visit(c)
  }
  visit(pid)
  return total
}

/**
 * The CPU time the whole machine has spent so far (s, every core, idle time excluded): read before and after a run, what
 * the run cost — Docker's daemons, its containers and its builds included, which the run's own process tree does not show.
 * Anything else the machine runs meanwhile counts too: run the benchmarks on a quiet machine.
 */
export function machineCpu(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0) / 1000
}

/** Runs a command; its wall time (s), the machine's CPU time meanwhile (s), exit code and the peak memory of its process tree (MiB). */
export function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; cpuSeconds: number; peakMiB: number; exitCode: number }> {
  return new Promise((resolve) => {
    const cpuBefore = machineCpu()
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'] })
    let peak = 0
    const sampler = setInterval(() => { peak = Math.max(peak, treeRss(child.pid!)) }, 100)
    child.on('exit', (code) => {
      clearInterval(sampler)
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: machineCpu() - cpuBefore, peakMiB: peak / 1024, exitCode: code ?? -1 })
    })
  })
}

/** One grading run of `npm test` on a submission, as a student runs it. */
export async function gradeOnce(submission: string): Promise<{ seconds: number; cpuSeconds: number; peakMiB: number; exitCode: number; grade: Grade }> {
  const gradeDir = mkdtempSync(path.join(tmpdir(), 'tp1-bench-'))
  try {
    const result = await timed(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
      SUBMISSION_DIR: submission, GRADE_DIR: gradeDir, TESTCONTAINERS_RYUK_DISABLED: process.env.TESTCONTAINERS_RYUK_DISABLED ?? 'true',
    })
    return { ...result, grade: JSON.parse(readFileSync(path.join(gradeDir, 'grade.json'), 'utf8')) as Grade }
  } finally {
    rmSync(gradeDir, { recursive: true, force: true })
  }
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}
