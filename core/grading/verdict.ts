import type { SubmissionLayout } from './layout.js'

/** What a check concluded. Serializable: it travels from the spec to the reporter in the test's meta. */
export type CheckStatus = 'passed' | 'failed' | 'blocked' | 'ungraded'

/** Feedback for a beginner: what was expected, what was seen, the most likely fix, and the evidence. */
export interface Feedback {
  expected?: string
  seen?: string
  fix?: string
  /** The last lines of a relevant log (build output, container logs). */
  log?: string
  /** Where in the submission the fault is, when known: annotations point there. Path relative to the submission. */
  location?: { file: string; line?: number }
}

export interface ItemVerdict {
  id: string
  title: string
  points: number
  maxPoints: number
  passed: boolean
  feedback?: Feedback
}

export interface Verdict {
  status: CheckStatus
  points: number
  /** One line a student can act on; the feedback holds the rest. */
  message: string
  feedback?: Feedback
  items?: ItemVerdict[]
  /** For blocked checks: the check (or step) whose failure prevented this one. */
  blockedBy?: string
  /** Facts recorded by the check (versions, timings); not feedback. */
  facts?: Record<string, string | number | boolean>
  /** An advisory check found something: the message and feedback are a note, no point is at stake. */
  advice?: boolean
}

declare module 'vitest' {
  interface TaskMeta {
    checkId?: string
    verdict?: Verdict
    /** Where the run found the lab (the session, handed to check() by the test context), for grade.json's submission.layout. */
    layout?: SubmissionLayout
    /** The stack of an exception the check did not expect (not the student's, not a known failure): the grader's bug. */
    graderBug?: string
  }
}
