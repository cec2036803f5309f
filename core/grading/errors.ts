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

/**
 * A setting of the run is wrong (GRADER_LANG, GRADER_TIMEOUT_*, GRADER_LIMIT_*): said in one line before anything
 * runs (exit code 2). Recognised by its name, since the config file loads its own copy of this module.
 */
export class SettingError extends Error {
  override name = 'SettingError'
}

export const isSettingError = (error: unknown): error is Error => error instanceof Error && error.name === 'SettingError'

/** The first line of an error's message (or of a text): what a one-line report of it shows. */
export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : error === undefined ? 'unknown error' : String(error)).split('\n')[0] ?? ''
