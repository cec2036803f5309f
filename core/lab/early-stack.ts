import { spawn } from 'node:child_process'
import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs'
import path from 'node:path'
import { findComposeFile } from '../analysis/lab-layout.js'
import type { Rubric } from '../rubric/schema.js'
import { within } from './deadline.js'
import { GRADER_COMPOSE_FILE, readComposeProject, rubricComposeSettings, writeGraderCompose } from './compose-config.js'

/**
 * Compose up of the services that need no build (the lab's PostgreSQL), started by Vitest's process (the global
 * setup) before the test worker has loaded: PostgreSQL's first start is the run's longest chain, and the worker takes
 * a second or more to load the specs. Only what the session itself would start is started, read the same way
 * (layout, the policy on the file as written, `docker compose config`, the policy on the configuration), from the
 * same copy of the submission. It builds nothing: every image is built by the session's bounded builder, one build
 * at a time (lab/image-builds.ts), and the session's `up --no-build` then adds the built services to the same
 * containers (LabStack.up).
 *
 * The worker learns the outcome from a file in the run's scratch folder, written once, when it is known: either
 * those services are up, or the up timed out, or nothing is left of it (nothing to start, not started, or failed and
 * taken down as Testcontainers does): then the session's own up starts them, exactly as without the early start,
 * and reports its own error.
 */
export type EarlyStack =
  | { outcome: 'up'; compose: string }
  | { outcome: 'timed-out'; compose: string }
  | { outcome: 'none'; why: string }

const MARKER = 'early-stack.json'

/** Compose's environment as Testcontainers gives it (see its defaultComposeOptions), so that the session's adopting `up` sees the same project. */
const composeEnv = (project: string, environment: Readonly<NodeJS.ProcessEnv>): NodeJS.ProcessEnv => ({ ...environment, COMPOSE_PROJECT_NAME: project })

function compose(scratchDir: string, project: string, args: string[], environment: Readonly<NodeJS.ProcessEnv>): { exited: Promise<number | null>; stop: () => void } {
  const child = spawn('docker', ['compose', '-f', GRADER_COMPOSE_FILE, ...args], { cwd: scratchDir, env: composeEnv(project, environment), stdio: 'ignore' })
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null))
    child.once('exit', (code) => resolve(code))
  })
  // Compose stops what it was doing on SIGTERM; one that does not is killed: the run's labels remove what it left.
  const stop = () => {
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 5000).unref()
  }
  return { exited, stop }
}

export interface EarlyStart {
  /** The outcome, once written for the worker. */
  readonly done: Promise<EarlyStack>
  /** Stops an up still running (the run is ending): its outcome is then `timed-out`. */
  cancel(): void
}

/** Starts the services that need no build of the submission copied in `workDir`, as the session would (see above); never throws. */
export function startStackEarly(options: {
  workDir: string; scratchDir: string; project: string; labels: Record<string, string>; rubric: Rubric
  /** The run's environment, as Testcontainers gives Compose its own (so the session's adopting `up` sees the same project). */
  environment: Readonly<NodeJS.ProcessEnv>
}): EarlyStart {
  const { workDir, scratchDir, project, labels, rubric, environment } = options
  let stop = () => {}
  let cancelled = false
  const decide = async (): Promise<EarlyStack> => {
    const file = findComposeFile(workDir, rubric)
    if (!file) return { outcome: 'none', why: 'no Compose file' }
    const read = await readComposeProject(workDir, file, project, environment)
    if (!read.ok) return { outcome: 'none', why: 'refused as written, or not read' }
    if (read.refused.length) return { outcome: 'none', why: 'refused by the policy' }
    const prebuilt = Object.entries(read.config.services).filter(([, service]) => !service.build).map(([name]) => name)
    if (!prebuilt.length) return { outcome: 'none', why: 'every service is built by the session' }
    if (cancelled) return { outcome: 'none', why: 'the run ended first' }
    writeGraderCompose(scratchDir, read.config, labels, rubricComposeSettings(rubric), project)
    const up = compose(scratchDir, project, ['up', '-d', '--no-build', ...prebuilt], environment)
    let timedOut = false
    stop = () => {
      timedOut = true
      up.stop()
    }
    const code = await within(up.exited, rubric.timeouts.composeUpSeconds * 1000, stop)
    if (timedOut) return { outcome: 'timed-out', compose: file }
    if (code === 0) return { outcome: 'up', compose: file }
    // As Testcontainers does after a failed up: the session's own up then starts from nothing.
    await compose(scratchDir, project, ['down', '-v', '-t', '0'], environment).exited
    return { outcome: 'none', why: `docker compose up exited with ${code}` }
  }
  // After the global setup has returned: Vitest forks the worker first, which is what the stack start overlaps.
  const done = new Promise<void>((resolve) => setImmediate(resolve)).then(decide)
    .catch((error: unknown): EarlyStack => ({ outcome: 'none', why: String(error) }))
    .then((result) => {
      try {
        // Written whole (a rename), so the worker never reads half of it.
        writeFileSync(path.join(scratchDir, `${MARKER}.tmp`), JSON.stringify(result))
        renameSync(path.join(scratchDir, `${MARKER}.tmp`), path.join(scratchDir, MARKER))
      } catch {} // the scratch folder is gone: the run has ended
      return result
    })
  return {
    done,
    cancel: () => {
      cancelled = true
      stop()
    },
  }
}

/**
 * In the worker: the early start's outcome for the Compose file the session found (`compose`), once written;
 * `timed-out` if it is not written within `timeoutMs`. A stack of another file (never seen: findComposeFile is the
 * session's own search, and lab-layout.test.ts holds it to it on every fixture) is not adopted.
 */
export async function awaitEarlyStack(scratchDir: string, compose: string, timeoutMs: number): Promise<EarlyStack> {
  const marker = path.join(scratchDir, MARKER)
  let watcher: FSWatcher | undefined
  const written = new Promise<EarlyStack>((resolve) => {
    const read = () => {
      if (existsSync(marker)) resolve(JSON.parse(readFileSync(marker, 'utf8')) as EarlyStack)
    }
    watcher = watch(scratchDir, read)
    read() // written before the watch began
  })
  const outcome = await within(written, timeoutMs, (): EarlyStack => ({ outcome: 'timed-out', compose })).finally(() => watcher?.close())
  return outcome.outcome === 'none' || outcome.compose === compose ? outcome : { outcome: 'none', why: `it started ${outcome.compose}` }
}
