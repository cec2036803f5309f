import { GraderError } from '../grading/errors.js'
import type { DockerEngine } from './docker-engine.js'
import { LimitedContainer, type Limits } from './limited-container.js'
import { StartedOnly } from './started-only.js'

/**
 * What `docker run <image> <command>` did: how it exited and what it printed, or, when Docker refused to start the
 * command in this image (exec: "python": executable file not found in $PATH), that refusal in Docker's words: the
 * image's doing.
 */
export type OneShotResult = { exitCode: number; output: string; startError?: undefined } | { startError: string; output: ''; exitCode?: undefined }

/** Docker answers 400 when the image's command cannot start (not found, not executable): the image's fault, not the machine's. */
const imageCannotStart = (error: unknown) => (error as { statusCode?: number }).statusCode === 400 || /OCI runtime (create|exec) failed|executable file not found/.test(String((error as Error)?.message))

/** `docker run <image> <command>` for a command that should end on its own; the container is removed after. */
export async function runOneShot(
  engine: DockerEngine,
  image: string,
  options: {
    command: string[]; entrypoint?: string[]; labels: Record<string, string>; limits: Limits; timeoutMs: number
    /** The sentence for a probe that did not end, in the student's language. */
    timedOut: (seconds: number) => string
  },
): Promise<OneShotResult> {
  let definition = new LimitedContainer(image).withLimits(options.limits).withCommand(options.command).withLabels(options.labels).withWaitStrategy(new StartedOnly())
  if (options.entrypoint) definition = definition.withEntrypoint(options.entrypoint)
  let container
  try {
    container = await definition.start()
  } catch (error) {
    if (!imageCannotStart(error)) throw error
    const message = (error as Error).message
    return { output: '', startError: (/exec: .*$/m.exec(message)?.[0] ?? message.split('\n')[0]!).trim().replace(/: unknown$/, '') }
  }
  try {
    const exitCode = await engine.waitForExit(container.getId(), options.timeoutMs)
    // A probe sets its own entrypoint (python -c, uname): one that does not end is the machine's slowness, not the image's.
    if (exitCode === undefined) throw new GraderError(options.timedOut(Math.round(options.timeoutMs / 1000)))
    const output = await engine.logs(container.getId())
    return { exitCode, output }
  } finally {
    await container.stop({ timeout: 0 }).catch(() => {})
  }
}
