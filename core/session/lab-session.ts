import path from 'node:path'
import type { PolicyViolation } from '../analysis/compose-policy.js'
import { findRubricLayout, foundAnything, submissionLayout, type LabLayout } from '../analysis/lab-layout.js'
import { reviewReport, type ReportReview } from '../analysis/report-review.js'
import { BlockedError, GraderError } from '../grading/errors.js'
import type { SubmissionLayout } from '../grading/layout.js'
import { readComposeProject, rubricComposeSettings, type ComposeConfig } from '../lab/compose-config.js'
import { DockerEngine, type BuildResult } from '../lab/docker-engine.js'
import { ComposeBuildFailure, composeBuildRequests, ImageBuilds } from '../lab/image-builds.js'
import type { LabApi } from '../lab/lab-api.js'
import type { LabStack } from '../lab/lab-stack.js'
import { runLabels, runProject } from '../lab/labels.js'
import type { OneShotResult } from '../lab/one-shot.js'
import { makeWorkDir } from '../lab/submission.js'
import type { Run } from '../run/index.js'

/**
 * What runs containers is loaded once the image build has been asked for (a lab's warm-up), not with the first spec
 * file: Testcontainers takes about half a second of CPU to load and to find its engine, which the build (dockerode
 * only) need not wait for.
 */
export const containers = {
  api: () => import('../lab/lab-api.js'),
  stack: () => import('../lab/lab-stack.js'),
  oneShot: () => import('../lab/one-shot.js'),
  /** All of it, and Testcontainers' own connection to the engine, while the daemon builds; a failure is the check's to report. */
  preload: () => Promise.all([containers.api(), containers.stack(), containers.oneShot()])
    .then(() => import('testcontainers')).then((tc) => tc.getContainerRuntimeClient()).catch(() => {}),
}

/** What a check is blocked by when the lab is nowhere in the submission (not a check: the sheet explains it at the top). */
export const LAYOUT_STEP = 'layout'

/** "api.privileged, volumes.pgdata.driver_opts": what the policy refused, for the checks it blocks. */
const refusedKeys = (refused: readonly PolicyViolation[]) => refused.map((v) => (v.service ? `${v.service}.${v.key}` : v.key)).join(', ')

/** The student's Compose file as the run may use it (see LabSession.composeConfig). */
export type ComposeConfigOutcome =
  | { ok: true; config: ComposeConfig; refused: PolicyViolation[] } | { ok: false; error: string } | { ok: false; missing: true } | { ok: false; refused: PolicyViolation[] }

/** `failure`: the full `up` failed and only the services that need no build were started, so they stay gradable. */
export type StackOutcome = { ok: true; stack: LabStack; failure?: unknown } | { ok: false; error: unknown }

/** A command run in the student's image that ends on its own: `docker run [--entrypoint …] <image> <command>`. */
export interface ImageProbe {
  command: string[]
  entrypoint?: string[]
}

/** What the global setup made for the run: its id, and the copy of the submission it started the stack in. */
export interface SessionStart {
  runId: string
  workDir?: { dir: string; scratch: string }
}

/** What a session makes once, by name, and what each is: nothing else is memoised. */
interface Made {
  engine: DockerEngine
  builds: ImageBuilds
  image: BuildResult
  'compose-images': { built: BuildResult[]; failure?: ComposeBuildFailure }
  'compose-config': ComposeConfigOutcome
  stack: StackOutcome
}

/** Promises made once by name, typed by `M`; a failure is reported by what awaits it, not as an unhandled rejection. */
export class Memo<M> {
  private readonly made: { [K in keyof M]?: Promise<M[K]> } = {}

  once<K extends keyof M>(key: K, make: () => Promise<M[K]>): Promise<M[K]> {
    const known: Promise<M[K]> | undefined = this.made[key]
    if (known) return known
    const made = make()
    made.catch(() => {})
    this.made[key] = made
    return made
  }
}

/**
 * What the specs of one grading run share, for any lab: one copy of the submission, where the lab is in it, one
 * builder, the lab's image, its Compose project's configuration and stack, the report's review. Each is made on first
 * use and memoised, so a spec file never rebuilds what another already built. A lab's session extends it with what
 * only that lab observes; `N`, the lab's needs (rubric.provides), each said by `blockedBy` when what provides it failed.
 */
export class LabSession<E, W extends object, N extends string> {
  readonly runId: string
  readonly labels: Record<string, string>
  readonly project: string
  protected readonly rubric: Run<E, W>['rubric']
  protected readonly messages: Run<E, W>['messages']
  protected readonly settings: Run<E, W>['settings']
  private readonly made = new Memo<Made>()
  private readonly probes = new Map<string, Promise<OneShotResult>>()
  protected work?: { dir: string; scratch: string }
  /** The global setup's copy of the submission, where it started the stack early. */
  protected readonly earlyWork?: { dir: string; scratch: string }
  private reportReview?: ReportReview
  /** How long the run's slow phases took (ms), for grade.json's facts: what a slow run waited for. */
  readonly phases: Record<string, number> = {}
  private labLayout?: LabLayout
  /** The Compose services' builds so far (composeImages), for the facts of the check that starts the stack. */
  composeBuilt?: BuildResult[]

  constructor(run: Run<E, W>, provided: SessionStart, private readonly blockedBy: Readonly<Record<N, (by: string) => string>>) {
    this.rubric = run.rubric
    this.messages = run.messages
    this.settings = run.settings
    this.runId = provided.runId
    this.labels = runLabels(this.runId)
    this.project = runProject(this.runId)
    if (provided.workDir) this.work = this.earlyWork = provided.workDir
  }

  /** Where the run found the lab, once it has looked: every check carries it to the reporter. */
  foundLayout(): SubmissionLayout | undefined {
    return this.labLayout && submissionLayout(this.labLayout, this.rubric.layout)
  }

  engine(): Promise<DockerEngine> {
    return this.made.once('engine', () => DockerEngine.connect(this.messages.lab, this.settings.dockerHost))
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
  blocked(need: N): BlockedError {
    const by = this.rubric.provides[need]
    if (!by) throw new GraderError(`the rubric names no check that provides ${need} (rubric.provides)`)
    return new BlockedError(this.blockedBy[need](by), by)
  }

  /** The check the rubric names for `need`: what a check that cannot run without it says it is blocked by. */
  providerOf(need: N): string {
    const by = this.rubric.provides[need]
    if (!by) throw new GraderError(`the rubric names no check that provides ${need} (rubric.provides)`)
    return by
  }

  /** Nothing of the lab is in the submission: the checks that read it are blocked, and the sheet says where the grader looked. */
  requireLab(): LabLayout {
    const layout = this.layout()
    if (!foundAnything(layout)) throw new BlockedError(this.messages.lab.session.noLab, LAYOUT_STEP)
    return layout
  }

  /** A file of the lab, by its path in the submission. */
  path(relative: string): string {
    return path.join(this.workDir(), relative)
  }

  /** The run's one builder: every image, bounded by the rubric, one build at a time, the same one built once. */
  private builds(): Promise<ImageBuilds> {
    return this.made.once('builds', async () => new ImageBuilds(await this.engine(), {
      labels: this.labels, timeoutMs: this.rubric.timeouts.buildSeconds * 1000, limits: this.rubric.limits,
    }))
  }

  /** Builds the lab's Dockerfile (where the layout found it), once; without one, a failed build. */
  image(): Promise<BuildResult> {
    return this.made.once('image', async () => {
      const found = this.layout().image
      const tag = `${this.project}:student`
      if (!found) return { ok: false, tag, durationMs: 0, timedOut: false, error: this.messages.lab.session.noDockerfile, log: '', ranSteps: [] }
      return (await this.builds()).build({ context: this.path(found.context), dockerfile: this.path(found.dockerfile) }, tag)
    })
  }

  /**
   * The images of the Compose services that have a `build:` section, built by the run's builder as Compose names
   * them (after the lab's image, whose cache they share): what Compose then starts without building. The first that
   * did not build, if any.
   */
  composeImages(config: ComposeConfig): Promise<{ built: BuildResult[]; failure?: ComposeBuildFailure }> {
    return this.made.once('compose-images', async () => {
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

  /** The image's tag, for checks that need it built; when it did not build, they are blocked (need `image`). */
  async requireImage(this: LabSession<E, W, N | 'image'>): Promise<string> {
    const build = await this.image()
    if (!build.ok) throw this.blocked('image')
    return build.tag
  }

  /** A container of the lab's image with `port` published on an ephemeral host port, as `docker run -p`. */
  async startContainer(this: LabSession<E, W, N | 'image'>, port: number): Promise<LabApi> {
    const image = await this.requireImage()
    const engine = await this.engine()
    const { LabApi } = await containers.api()
    return LabApi.start(engine, image, { port, labels: this.labels, limits: this.rubric.limits })
  }

  /** The Compose file's path in the submission, when the lab has one. */
  composeFile(): string | undefined {
    return this.layout().compose
  }

  /**
   * The normalised configuration, once, and what the policy refuses in it (see readComposeProject): a file it refuses
   * as written is `refused` with no configuration; one the grader cannot read as YAML is an `error` (the check of the
   * Compose file says what is wrong with the YAML).
   */
  composeConfig(): Promise<ComposeConfigOutcome> {
    return this.made.once('compose-config', async () => {
      const file = this.composeFile()
      if (!file) return { ok: false as const, missing: true as const }
      const read = await readComposeProject(this.workDir(), file, this.project, this.settings.environment, () => this.engine())
      return 'unreadable' in read ? { ok: false as const, error: this.messages.lab.session.composeUnreadable } : read
    })
  }

  async requireComposeConfig(this: LabSession<E, W, N | 'composeFile'>): Promise<ComposeConfig> {
    const result = await this.composeConfig()
    if (result.ok) return result.config
    if ('refused' in result) throw this.refusedBy(result.refused)
    throw this.blocked('composeFile')
  }

  private refusedBy(this: LabSession<E, W, N | 'composeFile'>, refused: readonly PolicyViolation[]): BlockedError {
    const by = this.providerOf('composeFile')
    return new BlockedError(this.messages.lab.session.policyRefused(refusedKeys(refused), by), by)
  }

  /** What the policy refuses in the student's project (privileges, host access): nothing of it is run then. */
  async policyViolations(this: LabSession<E, W, N | 'composeFile'>): Promise<PolicyViolation[]> {
    const result = await this.composeConfig()
    if ('refused' in result) return result.refused
    await this.requireComposeConfig()
    return []
  }

  /** The Compose services' images built (composeImages), then `docker compose up --no-build`, once. */
  stack(this: LabSession<E, W, N | 'composeFile'>): Promise<StackOutcome> {
    return this.made.once('stack', () => this.timed('composeUpMs', async () => {
      try {
        const config = await this.requireComposeConfig()
        const refused = await this.policyViolations()
        if (refused.length) throw this.refusedBy(refused)
        const engine = await this.engine()
        const images = await this.timed('composeBuildMs', () => this.composeImages(config))
        const { LabStack, ComposeUpTimeout } = await containers.stack()
        this.workDir()
        const { scratch } = this.work!
        const timeoutMs = this.rubric.timeouts.composeUpSeconds * 1000
        // The global setup made the copy only to start its stack early: its outcome is waited for (see LabStack.up).
        const file = this.composeFile()!
        const early = this.earlyWork && (async () => (await import('../lab/early-stack.js')).awaitEarlyStack(scratch, file, timeoutMs))
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

  protected async timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now()
    try {
      return await work()
    } finally {
      this.phases[phase] = Date.now() - started
    }
  }

  /** The started stack; when it could not start, the checks that need it are blocked (need `stack`). */
  async requireStack(this: LabSession<E, W, N | 'composeFile' | 'stack'>): Promise<LabStack> {
    const outcome = await this.stack()
    if (outcome.ok) return outcome.stack
    if (outcome.error instanceof BlockedError || outcome.error instanceof GraderError) throw outcome.error
    throw this.blocked('stack')
  }

  /** `stack` with these services running: a check that needs one that is not is blocked by the check that provides the stack. */
  async requireServices(this: LabSession<E, W, N | 'composeFile' | 'stack'>, stack: LabStack, ...services: string[]): Promise<LabStack> {
    for (const service of services)
      if (!(await stack.service(service))?.running) throw new BlockedError(this.messages.lab.session.notRunning(service, this.providerOf('stack')), this.providerOf('stack'))
    return stack
  }

  /**
   * The written report, read once. `files`: where the lab keeps each file the report pastes, by the role
   * rubric.report.pastedFiles names it by (by default the layout's: app, dockerfile, compose).
   */
  report(files?: Record<string, string | undefined>): ReportReview {
    if (!this.reportReview) {
      const layout = this.layout()
      const roles = files ?? { app: layout.appFile, dockerfile: layout.image?.dockerfile, compose: layout.compose }
      const pastedFiles = Object.fromEntries(Object.entries(this.rubric.report.pastedFiles).flatMap(([question, role]) => (roles[role] ? [[question, roles[role]]] : [])))
      this.reportReview = layout.report ? reviewReport(this.workDir(), { file: layout.report, pastedFiles }, this.rubric.report) : { found: false, file: undefined }
    }
    return this.reportReview
  }

  /** `docker run <image> …` for a command that ends on its own, once per probe. */
  runInImage(this: LabSession<E, W, N | 'image'>, probe: ImageProbe): Promise<OneShotResult> {
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
}
