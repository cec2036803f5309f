import path from 'node:path'
import type { PolicyViolation } from '../analysis/compose-policy.js'
import { findRubricLayout, foundAnything, submissionLayout, type LabLayout } from '../analysis/lab-layout.js'
import type { SubmissionLayout } from '../grading/layout.js'
import { reviewReport, type ReportReview } from '../analysis/report-review.js'
import { BlockedError, GraderError, SubmissionError } from '../grading/errors.js'
import type { Run } from '../rubric/index.js'
import type { Need } from '../rubric/tp1-expected.js'
import { DockerEngine, type BuildResult } from './docker-engine.js'
import { ComposeBuildFailure, composeBuildRequests, ImageBuilds } from './image-builds.js'
import type { LabApi } from './lab-api.js'
import { readComposeProject, rubricComposeSettings, type ComposeConfig } from './compose-config.js'
import type { LabStack } from './lab-stack.js'
import { runLabels, runProject } from './labels.js'
import { imageProbes, type ImageProbe } from './image-probes.js'
import type { OneShotResult } from './one-shot.js'
import { readSubmissionFile } from '../analysis/submission-files.js'
import { makeWorkDir } from './submission.js'
import { findInstructionLine } from '../analysis/dockerfile-rules.js'
import { eventually } from './eventually.js'

/**
 * What runs containers is loaded once the image build has been asked for (warmUp), not with the first spec file:
 * Testcontainers takes about half a second of CPU to load and to find its engine, which the build (dockerode only)
 * need not wait for.
 */
const containers = {
  api: () => import('./lab-api.js'),
  stack: () => import('./lab-stack.js'),
  oneShot: () => import('./one-shot.js'),
  /** All of it, and Testcontainers' own connection to the engine, while the daemon builds; a failure is the check's to report. */
  preload: () => Promise.all([containers.api(), containers.stack(), containers.oneShot()])
    .then(() => import('testcontainers')).then((tc) => tc.getContainerRuntimeClient()).catch(() => {}),
}

/** What a check is blocked by when the lab is nowhere in the submission (not a check: the sheet explains it at the top). */
export const LAYOUT_STEP = 'layout'

/** "api.privileged, volumes.pgdata.driver_opts": what the policy refused, for the checks it blocks. */
const refusedKeys = (refused: readonly PolicyViolation[]) => refused.map((v) => (v.service ? `${v.service}.${v.key}` : v.key)).join(', ')

/** The student's Compose file as the run may use it (see GradingSession.composeConfig). */
export type ComposeConfigOutcome =
  | { ok: true; config: ComposeConfig; refused: PolicyViolation[] } | { ok: false; error: string } | { ok: false; missing: true } | { ok: false; refused: PolicyViolation[] }

/** `failure`: the full `up` failed and only the services that need no build were started, so they stay gradable. */
export type StackOutcome = { ok: true; stack: LabStack; failure?: unknown } | { ok: false; error: unknown }

/** What a session makes once, by name, and what each is: nothing else is memoised. */
interface Made {
  engine: DockerEngine
  builds: ImageBuilds
  image: BuildResult
  'compose-images': { built: BuildResult[]; failure?: ComposeBuildFailure }
  api: LabApi
  'compose-config': ComposeConfigOutcome
  stack: StackOutcome
  'settled-stack': LabStack
}

/**
 * What the specs of one grading run share: one copy of the submission, one build of the image, one Compose
 * stack. Each is made on first use and memoised, so a spec file never rebuilds what another already built.
 */
export class GradingSession {
  readonly runId: string
  readonly labels: Record<string, string>
  readonly project: string
  private readonly rubric: Run['rubric']
  private readonly messages: Run['messages']
  private readonly settings: Run['settings']
  private readonly t: Run['messages']['lab']['session']
  private readonly made: { [K in keyof Made]?: Promise<Made[K]> } = {}
  private readonly probes = new Map<string, Promise<OneShotResult>>()
  private work?: { dir: string; scratch: string }
  /** The global setup's copy of the submission, where it started the stack early. */
  private readonly earlyWork?: { dir: string; scratch: string }
  private reportReview?: ReportReview
  /** How long the run's slow phases took (ms), for grade.json's facts: what a slow run waited for. */
  readonly phases: Record<string, number> = {}
  private labLayout?: LabLayout

  /** `provided`: what the global setup made for the run (its id, the copy of the submission it started the stack in). */
  constructor(run: Run, provided: { runId: string; workDir?: { dir: string; scratch: string } }) {
    this.rubric = run.rubric
    this.messages = run.messages
    this.settings = run.settings
    this.t = run.messages.lab.session
    this.runId = provided.runId
    this.labels = runLabels(this.runId)
    this.project = runProject(this.runId)
    if (provided.workDir) this.work = this.earlyWork = provided.workDir
  }

  /** Where the run found the lab, once it has looked: every check carries it to the reporter. */
  foundLayout(): SubmissionLayout | undefined {
    return this.labLayout && submissionLayout(this.labLayout, this.rubric.layout)
  }

  /** What the session makes on first use, by name; a failure is reported by the check that awaits it, not as an unhandled rejection. */
  private once<K extends keyof Made>(key: K, make: () => Promise<Made[K]>): Promise<Made[K]> {
    const known: Promise<Made[K]> | undefined = this.made[key]
    if (known) return known
    const made = make()
    made.catch(() => {})
    Object.assign(this.made, { [key]: made })
    return made
  }

  engine(): Promise<DockerEngine> {
    return this.once('engine', () => DockerEngine.connect(this.messages.lab, this.settings.dockerHost))
  }

  /** The copy of the submission the run works on, and a scratch folder beside it for the grader's own files. */
  workDir(): string {
    this.work ??= makeWorkDir(this.settings.submissionDir, this.runId)
    return this.work.dir
  }

  /** Where the lab is in the submission (its folder, Dockerfile, Compose file, report), found once. */
  layout(): LabLayout {
    this.labLayout ??= findRubricLayout(this.workDir(), this.rubric)
    return this.labLayout
  }

  /** The check cannot run without `need`, which the check the rubric names for it did not provide. */
  blocked(need: Need): BlockedError {
    const by = this.rubric.provides[need]
    if (!by) throw new GraderError(`the rubric names no check that provides ${need} (this.rubric.provides)`)
    return new BlockedError(this.t.blocked[need](by), by)
  }

  /** Nothing of the lab is in the submission: the checks that read it are blocked, and the sheet says where the grader looked. */
  requireLab(): LabLayout {
    const layout = this.layout()
    if (!foundAnything(layout)) throw new BlockedError(this.t.noLab, LAYOUT_STEP)
    return layout
  }

  /** The CMD line of exercise 3's Dockerfile, where a server that does not listen or stop right is fixed (annotations). */
  cmdLocation(): { location?: { file: string; line?: number } } {
    const file = this.layout().image?.dockerfile
    if (!file) return {}
    const line = findInstructionLine(readSubmissionFile(this.workDir(), file) ?? '', 'CMD')
    return { location: { file, ...(line ? { line } : {}) } }
  }

  /**
   * Exercise 4's one `docker stop`, started in the background once the checks of the running container are done:
   * its grace period (long for a server that ignores SIGTERM) overlaps the Compose checks.
   */
  stopApiInBackground(): void {
    void this.requireApi().then((api) => api.stop(this.rubric.timeouts.stopGraceSeconds)).catch(() => {})
  }

  /** A file of the lab, by its path in the submission. */
  path(relative: string): string {
    return path.join(this.workDir(), relative)
  }

  /** The Compose services' builds so far (composeImages), for ex5.up's facts. */
  composeBuilt?: BuildResult[]

  /** The run's one builder: every image, bounded by the this.rubric, one build at a time, the same one built once. */
  private builds(): Promise<ImageBuilds> {
    return this.once('builds', async () => new ImageBuilds(await this.engine(), {
      labels: this.labels, timeoutMs: this.rubric.timeouts.buildSeconds * 1000, limits: this.rubric.limits,
    }))
  }

  /** Builds exercise 3's Dockerfile (at the root of the lab, or in api/), once; without one, a failed build. */
  image(): Promise<BuildResult> {
    return this.once('image', async () => {
      const found = this.layout().image
      const tag = `${this.project}:student`
      if (!found) return { ok: false, tag, durationMs: 0, timedOut: false, error: this.t.noDockerfile, log: '', ranSteps: [] }
      return (await this.builds()).build({ context: this.path(found.context), dockerfile: this.path(found.dockerfile) }, tag)
    })
  }

  /**
   * The images of the Compose services that have a `build:` section, built by the run's builder as Compose names
   * them (after exercise 3's, whose cache they share): what Compose then starts without building. The first that
   * did not build, if any.
   */
  composeImages(config: ComposeConfig): Promise<{ built: BuildResult[]; failure?: ComposeBuildFailure }> {
    return this.once('compose-images', async () => {
      const builds = await this.builds()
      const built: BuildResult[] = (this.composeBuilt = [])
      for (const { service, tag, request } of composeBuildRequests(config, this.project)) {
        const result = await builds.build(request, tag)
        built.push(result)
        const dockerfile = request.dockerfileText !== undefined ? `${this.composeFile()} (${service}.build.dockerfile_inline)` : path.relative(this.workDir(), request.dockerfile)
        if (!result.ok) return { built, failure: new ComposeBuildFailure(service, result, dockerfile) }
      }
      return { built }
    })
  }

  async requireImage(): Promise<string> {
    const build = await this.image()
    if (!build.ok) throw this.blocked('image')
    return build.tag
  }

  /**
   * A container of the image with the API port published, as in exercise 4. Docker refusing to start it
   * (e.g. CMD names a program the image lacks) is the submission's fault: the engine was reachable.
   */
  api(): Promise<LabApi> {
    return this.once('api', async () => {
      const image = await this.requireImage()
      const engine = await this.engine()
      const { LabApi } = await containers.api()
      try {
        return await LabApi.start(engine, image, { port: this.rubric.expected.apiPort, labels: this.labels, limits: this.rubric.limits })
      } catch (error) {
        const seen = (error as Error).message.split('\n')[0] ?? ''
        throw new SubmissionError(this.t.apiStart.message, {
          expected: this.t.apiStart.expected,
          seen,
          fix: /executable file not found/.test(seen) ? this.t.apiStart.fixNotInstalled : this.t.apiStart.fix,
        })
      }
    })
  }

  /** The API container for checks that need it started; when it could not start, they are blocked by ex4.health. */
  async requireApi(): Promise<LabApi> {
    try {
      return await this.api()
    } catch (error) {
      if (error instanceof SubmissionError) throw this.blocked('container')
      throw error
    }
  }

  /** The Compose file's path in the submission, when the lab has one. */
  composeFile(): string | undefined {
    return this.layout().compose
  }

  /**
   * The normalised configuration, once, and what the policy refuses in it (see readComposeProject): a file it refuses
   * as written is `refused` with no configuration; one the grader cannot read as YAML is an `error` (ex5.compose-valid
   * says what is wrong with the YAML).
   */
  composeConfig(): Promise<ComposeConfigOutcome> {
    return this.once('compose-config', async () => {
      const file = this.composeFile()
      if (!file) return { ok: false as const, missing: true as const }
      const read = await readComposeProject(this.workDir(), file, this.project, this.settings.environment, () => this.engine())
      return 'unreadable' in read ? { ok: false as const, error: this.t.composeUnreadable } : read
    })
  }

  async requireComposeConfig(): Promise<ComposeConfig> {
    const result = await this.composeConfig()
    if (result.ok) return result.config
    if ('refused' in result) throw new BlockedError(this.t.policyRefused(refusedKeys(result.refused), this.rubric.provides.composeFile!), this.rubric.provides.composeFile!)
    throw this.blocked('composeFile')
  }

  /** What the policy refuses in the student's project (privileges, host access): nothing of it is run then. */
  async policyViolations(): Promise<PolicyViolation[]> {
    const result = await this.composeConfig()
    if ('refused' in result) return result.refused
    await this.requireComposeConfig()
    return []
  }

  /** The Compose services' images built (composeImages), then `docker compose up --no-build`, once. */
  stack(): Promise<StackOutcome> {
    return this.once('stack', () => this.timed('composeUpMs', async () => {
      try {
        const config = await this.requireComposeConfig()
        const refused = await this.policyViolations()
        if (refused.length) throw new BlockedError(this.t.policyRefused(refusedKeys(refused), this.rubric.provides.composeFile!), this.rubric.provides.composeFile!)
        const engine = await this.engine()
        const images = await this.timed('composeBuildMs', () => this.composeImages(config))
        const { LabStack, ComposeUpTimeout } = await containers.stack()
        this.workDir()
        const { scratch } = this.work!
        const timeoutMs = this.rubric.timeouts.composeUpSeconds * 1000
        // The global setup made the copy only to start its stack early: its outcome is waited for (see LabStack.up).
        const file = this.composeFile()!
        const early = this.earlyWork && (async () => (await import('./early-stack.js')).awaitEarlyStack(scratch, file, timeoutMs))
        const options = {
          config, project: this.project, labels: this.labels, settings: rubricComposeSettings(this.rubric), scratchDir: scratch, timeoutMs, words: this.messages.lab,
          ...(early ? { early } : {}),
        }
        try {
          if (images.failure) throw images.failure
          return { ok: true as const, stack: await LabStack.up(engine, options) }
        } catch (failure) {
          if (failure instanceof ComposeUpTimeout) throw failure
          const prebuilt = Object.entries(config.services).filter(([, s]) => !s.build).map(([name]) => name)
          if (!prebuilt.length) throw failure
          return { ok: true as const, stack: await LabStack.up(engine, { ...options, services: prebuilt }), failure }
        }
      } catch (error) {
        return { ok: false as const, error }
      }
    }))
  }

  private async timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      return await work()
    } finally {
      this.phases[phase] = Date.now() - started
    }
  }

  async requireStack(): Promise<LabStack> {
    const outcome = await this.stack()
    if (outcome.ok) return outcome.stack
    if (outcome.error instanceof BlockedError || outcome.error instanceof GraderError) throw outcome.error
    throw this.blocked('stack')
  }

  /** The settled stack, with these services running: a check that needs one that is not is blocked by ex5.up. */
  async requireRunning(...services: string[]): Promise<LabStack> {
    const stack = await this.settledStack()
    for (const service of services)
      if (!(await stack.service(service))?.running) throw new BlockedError(this.t.notRunning(service, this.rubric.provides.stack!), this.rubric.provides.stack!)
    return stack
  }

  /**
   * The stack once it has settled: PostgreSQL answers (even to refuse a login), and the API's outcome is known (an
   * answer, a server listening elsewhere, a hang), or a container exited, or the start timeout passed. Checks then
   * observe a stable state.
   */
  settledStack(): Promise<LabStack> {
    return this.once('settled-stack', async () => {
      const stack = await this.requireStack()
      const settling = Date.now()
      const { expected, timeouts } = this.rubric
      const { db, api } = expected.services
      const running = async (service: string) => Boolean((await stack.service(service))?.running)
      const { isServerAnswer, queryPostgres } = await import('./postgres-probe.js') // pg: not needed before the stack is up
      const dbAnswers = eventually(async () => {
        const endpoint = await stack.endpoint(db, expected.dbPort)
        await queryPostgres({ ...endpoint, ...expected.db }, timeouts.probeSeconds * 1000).catch((error: unknown) => {
          if (!isServerAnswer(error)) throw error
        })
      }, { timeoutMs: timeouts.startSeconds * 1000, intervalMs: 250, giveUp: async () => ((await running(db)) ? undefined : `${db} is not running`) })
      const apiAnswers = (await running(api))
        ? stack.waitForHttp(api, expected.apiPort, expected.healthPath, { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
        : undefined
      await Promise.all([dbAnswers, apiAnswers])
      this.phases.settleMs = Date.now() - settling
      void stack.networksInUse().catch(() => {}) // for ex5.down, read while the other checks run
      return stack
    })
  }

  /** The written report, read once. */
  report(): ReportReview {
    if (!this.reportReview) {
      const layout = this.layout()
      // The roles TP1's report pastes files by (rubric.report.pastedFiles), and where the lab keeps each.
      const files: Record<string, string | undefined> = { app: layout.appFile, dockerfile: layout.image?.dockerfile, compose: layout.compose }
      const pastedFiles = Object.fromEntries(Object.entries(this.rubric.report.pastedFiles).flatMap(([question, role]) => (files[role] ? [[question, files[role]]] : [])))
      this.reportReview = layout.report ? reviewReport(this.workDir(), { file: layout.report, pastedFiles }, this.rubric.report) : { found: false, file: undefined }
    }
    return this.reportReview
  }

  /** `docker run <image> …` for a command that ends on its own, once per probe. */
  runInImage(probe: ImageProbe): Promise<OneShotResult> {
    const key = JSON.stringify(probe)
    const known = this.probes.get(key)
    if (known) return known
    const made = (async () => {
      const image = await this.requireImage()
      const { runOneShot } = await containers.oneShot()
      return runOneShot(await this.engine(), image, {
        ...probe, labels: this.labels, limits: this.rubric.limits, timeoutMs: this.rubric.timeouts.startSeconds * 1000, timedOut: this.messages.lab.probeTimedOut,
      })
    })()
    made.catch(() => {})
    this.probes.set(key, made)
    return made
  }

  /**
   * Starts the slow Docker work early, in the background, while the static checks run: the image build and then
   * its containers (the probes, the API), and Compose up to a settled stack. The checks await the same promises.
   */
  warmUp(): void {
    void this.image().then((build) => {
      if (!build.ok) return
      for (const probe of Object.values(imageProbes(this.rubric.expected))) void this.runInImage(probe)
      void this.api()
    })
    void this.stack().then((outcome) => {
      if (outcome.ok) void this.settledStack()
    })
    // Asked for after the build and the Compose config, so that neither waits for it.
    void this.engine().then(containers.preload, () => {})
  }
}
