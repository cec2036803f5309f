// What the benchmarks share: a process timed from outside with the peak memory of its tree, one grading run.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Grade } from '../grading/grade.js'

export const root = path.resolve(new URL('..', import.meta.url).pathname)

/** Resident memory of a process and its descendants, from /proc (kB). */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  let total = 0
  const visit = (p: number) => {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0)
    } catch {}
    for (const c of children.get(p) ?? []) visit(c)
  }
  visit(pid)
  return total
}

/** Runs a command; its wall time (s), exit code and the peak memory of its process tree (MiB). */
export function timed(command: string, args: string[], env: Record<string, string> = {}): Promise<{ seconds: number; peakMiB: number; exitCode: number }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'ignore'] })
    let peak = 0
    const sampler = setInterval(() => { peak = Math.max(peak, treeRss(child.pid!)) }, 100)
    child.on('exit', (code) => {
      clearInterval(sampler)
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMiB: peak / 1024, exitCode: code ?? -1 })
    })
  })
}

/** One grading run of `npm test` on a submission, as a student runs it. */
export async function gradeOnce(submission: string): Promise<{ seconds: number; peakMiB: number; exitCode: number; grade: Grade }> {
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
