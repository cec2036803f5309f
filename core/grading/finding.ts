import { BlockedError, SubmissionError } from './errors.js'
import type { Feedback } from './verdict.js'

/**
 * What a check found wrong, whole, as the student reads it: what happened, what was expected, what was seen, the
 * likely fix. One catalogue entry returns it from what the check observed: `t.gracefulStop(stop)` → Finding.
 */
export interface Finding {
  message: string
  expected?: string
  seen?: string
  fix?: string
}

/** The evidence a spec adds to a finding: a log tail, where in the submission the fault is. */
export type Evidence = Pick<Feedback, 'log' | 'location'>

/** The submission is wrong: the check loses its points. `throw fail(t.x(…), { log })`. */
export function fail(finding: Finding, evidence: Evidence = {}): SubmissionError {
  const { message, ...feedback } = finding
  return new SubmissionError(message, { ...feedback, ...evidence })
}

/** The check cannot run: `by` (a check id of the rubric) failed first. */
export function blocked(message: string, by: string): BlockedError {
  return new BlockedError(message, by)
}
