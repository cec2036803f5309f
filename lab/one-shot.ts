import type { DockerEngine } from './docker-engine.js'
import { LimitedContainer, type Limits } from './limited-container.js'
import { StartedOnly } from './started-only.js'

export interface OneShotResult {
  /** undefined when the container was still running at the deadline. */
  exitCode?: number
  output: string
}

/** `docker run <image> <command>` for a command that should end on its own; the container is removed after. */
export async function runOneShot(
  engine: DockerEngine,
  image: string,
  options: { command: string[]; entrypoint?: string[]; labels: Record<string, string>; limits: Limits; timeoutMs: number },
): Promise<OneShotResult> {
  let definition = new LimitedContainer(image).withLimits(options.limits).withCommand(options.command).withLabels(options.labels).withWaitStrategy(new StartedOnly())
  if (options.entrypoint) definition = definition.withEntrypoint(options.entrypoint)
  const container = await definition.start()
  try {
    const exitCode = await engine.waitForExit(container.getId(), options.timeoutMs)
    const output = await engine.logs(container.getId())
    return { ...(exitCode === undefined ? {} : { exitCode }), output }
  } finally {
    await container.stop({ timeout: 0 }).catch(() => {})
  }
}
