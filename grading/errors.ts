import type { Feedback } from './verdict.js'

/** The submission is wrong: the check loses its points, and the student reads how to fix it. */
export class SubmissionError extends Error {
  override name = 'SubmissionError'
  constructor(message: string, readonly feedback: Feedback = {}) {
    super(message)
  }
}

/** The check could not run because something it needs failed first; the message says what. */
export class BlockedError extends Error {
  override name = 'BlockedError'
  constructor(message: string, readonly blockedBy: string, readonly feedback: Feedback = {}) {
    super(message)
  }
}

/** The grader or Docker broke, not the student: the check is ungraded, never scored 0. */
export class GraderError extends Error {
  override name = 'GraderError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
