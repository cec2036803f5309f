import { SubmissionError } from '../../core/grading/errors.js'
import type { LabApi } from '../../core/lab/lab-api.js'
import type { LabStack } from '../../core/lab/lab-stack.js'
import type { Run } from '../../core/run/index.js'
import { containers, LabSession, Memo, type SessionStart } from '../../core/session/lab-session.js'
import type { Expected, Need } from './expected.js'
import type { ExampleWords } from './i18n/en/index.js'

/** A run of the example lab: its expected values and words typed. */
export type ExampleRun = Run<Expected, ExampleWords>

/** What the example's session makes once, beside what every lab's session makes. */
interface Made {
  site: LabApi
  'settled-stack': LabStack
}

/**
 * What the example's specs share, beyond what every lab's do (LabSession: the copy, the layout, the image, the Compose
 * project, the report): exercise 1's container of the site, and the stack once the site answers.
 */
export class ExampleSession extends LabSession<Expected, ExampleWords, Need> {
  private readonly own = new Memo<Made>()

  constructor(run: ExampleRun, provided: SessionStart) {
    super(run, provided, run.messages.session.blocked)
  }

  /**
   * A container of the image with the site's port published, as `docker run -p`. Docker refusing to start it (CMD
   * names a program the image lacks) is the submission's fault: the engine was reachable, the image built.
   */
  site(): Promise<LabApi> {
    return this.own.once('site', async () => {
      await Promise.all([this.requireImage(), this.engine(), containers.api()])
      try {
        return await this.startContainer(this.rubric.expected.port)
      } catch (error) {
        throw new SubmissionError((error as Error).message.split('\n')[0] ?? '')
      }
    })
  }

  /** The stack once the site has answered, or a container exited, or the start timeout passed: checks then observe a stable state. */
  settledStack(): Promise<LabStack> {
    return this.own.once('settled-stack', async () => {
      const stack = await this.requireStack()
      const { expected, timeouts } = this.rubric
      const { web } = expected.services
      if ((await stack.service(web))?.running)
        await stack.waitForHttp(web, expected.port, '/', { timeoutMs: timeouts.startSeconds * 1000, probeMs: timeouts.probeSeconds * 1000 })
      return stack
    })
  }

  /** The settled stack with these services running: a check that needs one that is not is blocked by the check that starts the stack. */
  async requireRunning(...services: string[]): Promise<LabStack> {
    return this.requireServices(await this.settledStack(), ...services)
  }

  /** The slow Docker work, started while the static checks run: the image and its container, the Compose project. */
  warmUp(): void {
    void this.image().then((build) => {
      if (build.ok) void this.site()
    })
    void this.stack().then((outcome) => {
      if (outcome.ok) void this.settledStack()
    })
    void this.engine().then(containers.preload, () => {})
  }
}
