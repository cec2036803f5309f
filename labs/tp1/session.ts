import { SubmissionError } from '../../core/grading/errors.js'
import { readSubmissionFile } from '../../core/analysis/submission-files.js'
import { eventually } from '../../core/lab/eventually.js'
import type { LabApi } from '../../core/lab/lab-api.js'
import type { LabStack } from '../../core/lab/lab-stack.js'
import type { Run } from '../../core/run/index.js'
import { containers, LabSession, Memo, type SessionStart } from '../../core/session/lab-session.js'
import { findInstructionLine } from './analysis/dockerfile-rules.js'
import type { Expected, Need } from './expected.js'
import type { Tp1Words } from './i18n/en/index.js'
import { imageProbes } from './image-probes.js'

/** A run of TP1: its expected values and words typed. */
export type Tp1Run = Run<Expected, Tp1Words>

/** What TP1's session makes once, beside what every lab's session makes. */
interface Made {
  api: LabApi
  'settled-stack': LabStack
}

/**
 * What TP1's specs share, beyond what every lab's do (LabSession: the copy, the layout, the image, the Compose project,
 * the report): exercise 4's API container and its one `docker stop`, the stack once PostgreSQL and the API have
 * settled, and the warm-up that starts the slow Docker work while the static checks run.
 */
export class GradingSession extends LabSession<Expected, Tp1Words, Need> {
  private readonly own = new Memo<Made>()
  private readonly t: Tp1Run['messages']['session']

  /** `provided`: what the global setup made for the run (its id, the copy of the submission it started the stack in). */
  constructor(run: Tp1Run, provided: SessionStart) {
    super(run, provided, run.messages.session.blocked)
    this.t = run.messages.session
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

  /**
   * A container of the image with the API port published, as in exercise 4. Docker refusing to start it
   * (e.g. CMD names a program the image lacks) is the submission's fault: the engine was reachable.
   */
  api(): Promise<LabApi> {
    return this.own.once('api', async () => {
      // What is not the container's own start (a build that failed, Docker unreachable) is said by its own check.
      await Promise.all([this.requireImage(), this.engine(), containers.api()])
      try {
        return await this.startContainer(this.rubric.expected.apiPort)
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

  /** The settled stack, with these services running: a check that needs one that is not is blocked by ex5.up. */
  async requireRunning(...services: string[]): Promise<LabStack> {
    return this.requireServices(await this.settledStack(), ...services)
  }

  /**
   * The stack once it has settled: PostgreSQL answers (even to refuse a login), and the API's outcome is known (an
   * answer, a server listening elsewhere, a hang), or a container exited, or the start timeout passed. Checks then
   * observe a stable state.
   */
  settledStack(): Promise<LabStack> {
    return this.own.once('settled-stack', async () => {
      const stack = await this.requireStack()
      const settling = Date.now()
      const { expected, timeouts } = this.rubric
      const { db, api } = expected.services
      const running = async (service: string) => Boolean((await stack.service(service))?.running)
      const { isServerAnswer, queryPostgres } = await import('../../core/lab/postgres-probe.js') // pg: not needed before the stack is up
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
