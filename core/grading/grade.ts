import type { Language } from './languages.js'
import type { SubmissionLayout } from './layout.js'
import type { CheckStatus, Feedback, ItemVerdict } from './verdict.js'

export type { SubmissionLayout } from './layout.js'

/**
 * grade.json, schema version 1. Stable: batch tools and CI read it.
 * Every rubric check appears exactly once, in rubric order.
 */
export interface Grade {
  schemaVersion: 1
  lab: string
  /** The language of every message and title below (absent in grades written before it was recorded: English). */
  language?: Language
  submission: { path: string; commit?: string; layout?: SubmissionLayout }
  /** ungraded: at least one check could not be graded through no fault of the student. */
  status: 'graded' | 'ungraded'
  score: number
  maxScore: number
  startedAt: string
  durationMs: number
  environment: {
    /** Where it was graded: Docker Engine, Docker Desktop or Podman. */
    engine?: string
    /** The engine's version. */
    docker?: string
    dockerApi?: string
    compose?: string
    kernel?: string
    /** The engine's architecture: amd64, arm64. */
    arch?: string
    rootless?: boolean
    /** The limits of the rubric the engine said it cannot apply (memory, cpus, pids): graded all the same, and said. */
    limitsNotEnforced?: string[]
    node: string
    grader: string
    /** sha256 of the grader's own files: the batch tool flags grades made by a modified grader. */
    graderDigest?: string
  }
  checks: GradedCheck[]
  /** Problems that did not stop the grading (e.g. a malformed review file, ignored). */
  warnings?: string[]
}

export interface GradedCheck {
  id: string
  exercise: number
  title: string
  points: number
  maxPoints: number
  status: CheckStatus
  message: string
  details?: CheckDetails
  /** How long the check took, its waits included (what a slow run spent its time on). */
  durationMs?: number
  /** An advisory check's finding (💡): worth no points, a note to read; the status stays `passed`. */
  advice?: boolean
  /** Checks the instructor reviews by hand (the report): `points` above is the reviewed figure once there is one. */
  review?: CheckReview
}

export interface CheckReview {
  status: 'pending' | 'reviewed'
  automaticPoints: number
  points?: number
  comment?: string
  reviewer?: string
}

export interface CheckDetails extends Feedback {
  items?: ItemVerdict[]
  blockedBy?: string
  facts?: Record<string, string | number | boolean>
}
