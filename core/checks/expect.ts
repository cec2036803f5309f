import { exited, unanswered, type Exited, type Unanswered } from '../lab/api-diagnosis.js'
import type { HttpWait } from '../lab/http-wait.js'
import { fail, type Finding } from '../grading/finding.js'

/**
 * Named assertions on what a check observed, as docker/compose's e2e suite has RequireServiceState: each one fails
 * the check with the catalogue's finding for what it saw, and the evidence (the log tail) that goes with it.
 */

/** A container the lab needs running: else the check fails with `stopped(how it ended)` and its log. */
export async function expectRunning(
  state: { running: boolean; exitCode: number; oomKilled: boolean },
  log: () => Promise<string>,
  stopped: (exit: Exited) => Finding,
): Promise<void> {
  if (state.running) return
  const text = await log()
  throw fail(stopped(exited(state, text)), { log: text })
}

/**
 * A wait for an HTTP answer got the awaited one: else the check fails with `unaccepted(what it got instead)` and the
 * log. `port` is the container port the request reached.
 */
export async function expectAccepted(
  wait: HttpWait,
  port: number,
  unaccepted: (got: Unanswered) => Finding,
  log: () => Promise<string>,
): Promise<void> {
  if (wait.outcome === 'accepted') return
  throw fail(unaccepted(unanswered(wait, port)), { log: await log() })
}
