import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants as osConstants, hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import type { TestProject } from 'vitest/node'
import { DockerEngine } from './docker-engine.js'
import { HOST_LABEL, PID_LABEL, RUN_LABEL } from './labels.js'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes what grading processes of this machine left behind when they ended; live runs are left alone. */
async function sweepEndedRuns(engine: DockerEngine): Promise<void> {
  for (const owner of await engine.leftoverOwners()) {
    if (owner.host !== hostname() || alive(owner.pid)) continue
    const removed = await engine.removeLabelled(`${PID_LABEL}=${owner.pid}`, `${HOST_LABEL}=${owner.host}`)
    if (Object.values(removed).some((n) => n > 0)) process.stderr.write(`grader: removed what an ended run (pid ${owner.pid}) left: ${JSON.stringify(removed)}\n`)
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

/** After a stop, the daemon may still finish a build it had begun: clean until a pass finds nothing left (10 s at most). */
async function settle(cleanUp: () => Promise<number>): Promise<void> {
  const deadline = Date.now() + 10_000
  while ((await cleanUp()) > 0 && Date.now() < deadline) await delay(1000)
}

/** One run id for the whole run; at the end, every Docker object and folder the run made is removed. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // GRADER_RUN_ID lets a caller (the batch tool, the grader's own tests) know which Docker objects are this run's.
  const runId = process.env.GRADER_RUN_ID?.match(/^[a-z0-9]{1,32}$/)?.[0] ?? `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  project.provide('runId', runId)
  const engine = await DockerEngine.connect().catch(() => undefined)
  if (engine) await sweepEndedRuns(engine).catch((e: Error) => process.stderr.write(`grader: could not sweep old runs: ${e.message}\n`))

  /** Removes what the run made; returns how many Docker objects it found. */
  const cleanUp = async (): Promise<number> => {
    const removed = engine ? await engine.removeLabelled(`${RUN_LABEL}=${runId}`) : undefined
    // The worker has ended by now: what it left half-labelled (a build stopped half-way) goes too.
    if (engine) await sweepEndedRuns(engine)
    for (const entry of readdirSync(tmpdir())) {
      if (entry.startsWith(`tp1-grader-${runId}-`)) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true })
    }
    return removed ? Object.values(removed).reduce((a, b) => a + b, 0) : 0
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
      settle(cleanUp).catch((e: Error) => process.stderr.write(`grader: cleanup failed: ${e.message}\n`)).finally(() => process.exit(128 + osConstants.signals[signal]))
    })
  return async () => {
    await cleanUp()
  }
}
