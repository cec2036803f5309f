import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants as osConstants, hostname, tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { DockerEngine } from './docker-engine.js'
import { RUN_LABEL } from './labels.js'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes what earlier runs on this machine left behind when they died; live runs are left alone. */
async function sweepDeadRuns(engine: DockerEngine): Promise<void> {
  for (const run of await engine.runsWithLeftovers()) {
    if (run.host === hostname() && alive(run.pid)) continue
    if (run.host !== hostname() && run.host !== '') continue
    const removed = await engine.removeLabelled(`${RUN_LABEL}=${run.runId}`)
    process.stderr.write(`grader: removed what an interrupted run (${run.runId}) left: ${JSON.stringify(removed)}\n`)
  }
}

/** Processes started by this one (the test worker), found through /proc; empty where there is no /proc. */
function descendants(pid: number): number[] {
  try {
    const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : []
      } catch {
        return []
      }
    })
    return children.flatMap((child) => [child, ...descendants(child)])
  } catch {
    return []
  }
}

/** One run id for the whole run; at the end, every Docker object and folder the run made is removed. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  project.provide('runId', runId)
  const engine = await DockerEngine.connect().catch(() => undefined)
  if (engine) await sweepDeadRuns(engine).catch((e: Error) => process.stderr.write(`grader: could not sweep old runs: ${e.message}\n`))

  const cleanUp = async () => {
    if (engine) await engine.removeLabelled(`${RUN_LABEL}=${runId}`)
    for (const entry of readdirSync(tmpdir())) {
      if (entry.startsWith(`tp1-grader-${runId}-`)) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true })
    }
  }
  // Stopped by a signal: stop the worker first (it may be creating containers), then remove what the run made.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      for (const pid of descendants(process.pid)) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {}
      }
      process.stderr.write(`grader: stopped by ${signal}; removing what this run created…\n`)
      cleanUp().catch((e: Error) => process.stderr.write(`grader: cleanup failed: ${e.message}\n`)).finally(() => process.exit(128 + osConstants.signals[signal]))
    })
  return cleanUp
}
