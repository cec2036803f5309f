import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants as osConstants, hostname, tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import type { DockerEngine } from '../lab/docker-engine.js'
import { blockFor, removeLabelledSync } from '../lab/signal-cleanup.js'
import { HOST_LABEL, PID_LABEL, RUN_LABEL, runLabels, runProject } from '../lab/labels.js'
import { startStackEarly, type EarlyStart } from '../lab/early-stack.js'
import { makeWorkDir } from '../lab/submission.js'
import { catalogue } from '../i18n/index.js'
import type { Rubric } from '../rubric/schema.js'
import { readSettings, type Settings } from '../rubric/settings.js'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

declare module 'vitest' {
  /** What the global setup hands the run's test worker (the specs' test context makes the session from it). */
  interface ProvidedContext {
    /** The run's rubric, as the config loaded it (vitest.config.ts): the global setup's, and what it knows of the lab. */
    rubric: Rubric
    runId: string
    /** The copy of the submission the global setup made, and its scratch folder, where it started the stack early (lab/early-stack.ts). */
    workDir?: { dir: string; scratch: string }
  }
}

/**
 * Removes what grading processes of this machine left behind when they ended; live runs are left alone.
 * `createdBefore`: only what is older than that (a new worker may get the pid of an ended one). `ownPids`: this
 * run's ended worker, whose leftovers (the builder's layer with its pid label) are no news.
 */
async function sweepEndedRuns(engine: DockerEngine, options: { createdBefore?: Date; ownPids?: ReadonlySet<number>; keepBuildCache: boolean }): Promise<void> {
  for (const owner of await engine.leftoverOwners()) {
    if (owner.host !== hostname() || alive(owner.pid)) continue
    const removed = await engine.removeLabelled([`${PID_LABEL}=${owner.pid}`, `${HOST_LABEL}=${owner.host}`], options)
    if (!options.ownPids?.has(owner.pid) && Object.values(removed).some((n) => n > 0))
      process.stderr.write(`grader: removed what an ended run (pid ${owner.pid}) left: ${JSON.stringify(removed)}\n`)
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

/**
 * The run's copy of the submission, made here so that its Compose stack starts while the worker loads
 * (lab/early-stack.ts); the session adopts both. A copy that fails is left to the session, which reports it.
 */
function startEarly(project: TestProject, runId: string, { rubric, settings }: { rubric: Rubric; settings: Settings }): EarlyStart | undefined {
  let work: { dir: string; scratch: string }
  try {
    work = makeWorkDir(settings.submissionDir, runId)
  } catch {
    return undefined
  }
  project.provide('workDir', work)
  return startStackEarly({ workDir: work.dir, scratchDir: work.scratch, project: runProject(runId), labels: runLabels(runId), rubric, environment: settings.environment })
}

/** One run id for the whole run; at the end, every Docker object and folder the run made is removed. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The rubric the config loaded, and the settings read again here (the same environment): the global setup needs no
  // lab's words, only the core's (the engine's sentences).
  const rubric = project.getProvidedContext().rubric
  const run = { rubric, settings: readSettings(), messages: catalogue(rubric.language) }
  // GRADER_RUN_ID lets a caller (the batch tool, the grader's own tests) know which Docker objects are this run's.
  const { keepBuildCache } = run.settings
  const runId = run.settings.runId ?? `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  project.provide('runId', runId)
  const early = run.settings.earlyStack ? startEarly(project, runId, run) : undefined
  // In the background: the worker starts (and loads Testcontainers) meanwhile; what is swept is other runs'.
  // Docker unreachable is the checks' to report (ungraded); a module that fails to load is the grader's, and loud.
  const startedAt = new Date()
  const engineReady = import('../lab/docker-engine.js').then(({ DockerEngine }) => DockerEngine.connect(run.messages.lab, run.settings.dockerHost).catch(() => undefined))
  const swept = engineReady.then((engine) => engine && sweepEndedRuns(engine, { createdBefore: startedAt, keepBuildCache }))
    .catch((e: Error) => process.stderr.write(`grader: could not sweep old runs: ${e.message}\n`))

  /** Removes what the run made. */
  const cleanUp = async (): Promise<void> => {
    early?.cancel()
    await early?.done
    const engine = await engineReady
    await swept
    if (!engine) return removeScratch()
    const ownPids = new Set((await engine.leftoverOwners([`${RUN_LABEL}=${runId}`])).map((o) => o.pid))
    await engine.removeLabelled([`${RUN_LABEL}=${runId}`], { keepBuildCache })
    // The worker has ended by now: what it left half-labelled (a build stopped half-way) goes too.
    await sweepEndedRuns(engine, { ownPids, keepBuildCache })
    removeScratch()
  }
  const removeScratch = () => {
    for (const entry of readdirSync(tmpdir())) {
      if (entry.startsWith(`tp1-grader-${runId}-`)) rmSync(path.join(tmpdir(), entry), { recursive: true, force: true })
    }
  }
  // Stopped by a signal: stop the worker first (it may be creating containers), then remove what the run made,
  // synchronously (see signal-cleanup.ts), until a pass finds nothing: the daemon may finish a step it had begun.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      const workers = descendants(process.pid)
      for (const pid of workers) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {}
      }
      process.stderr.write(`grader: stopped by ${signal}; removing what this run created…\n`)
      const owners = [[`${RUN_LABEL}=${runId}`], ...workers.map((pid) => [`${PID_LABEL}=${pid}`, `${HOST_LABEL}=${hostname()}`])]
      const deadline = Date.now() + 10_000
      while (owners.reduce((found, labels) => found + removeLabelledSync(labels, keepBuildCache), 0) > 0 && Date.now() < deadline) blockFor(500)
      removeScratch()
      process.exitCode = 128 + osConstants.signals[signal]
      process.exit()
    })
  return cleanUp
}
