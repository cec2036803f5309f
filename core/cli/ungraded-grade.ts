import { catalogue } from '../i18n/index.js'
import type { Grade } from '../grading/grade.js'
import type { Rubric } from '../run/index.js'

export interface LostRun {
  submissionPath: string
  commit?: string
  startedAt: Date
  durationMs: number
  grader: string
  /** Why no grade came out of the run, in one line: "timed out after 1200 s", "git clone failed: …". */
  reason: string
}

/** The grade of a run that wrote none: every check ungraded (never zero for the student), with the reason. */
export function ungradedGrade(rubric: Rubric, run: LostRun): Grade {
  return {
    schemaVersion: 1,
    lab: rubric.lab,
    language: rubric.language,
    submission: { path: run.submissionPath, ...(run.commit ? { commit: run.commit } : {}) },
    status: 'ungraded',
    score: 0,
    maxScore: rubric.totalPoints,
    startedAt: run.startedAt.toISOString(),
    durationMs: Math.round(run.durationMs),
    environment: { node: process.version, grader: run.grader },
    checks: rubric.checks.map((c) => ({
      id: c.id,
      exercise: c.exercise,
      title: c.title,
      points: 0,
      maxPoints: c.points,
      status: 'ungraded' as const,
      message: catalogue(rubric.language).verdict.submissionUngraded(run.reason),
    })),
  }
}
