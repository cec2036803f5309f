import { catalogue, type Language } from '../core/i18n/index.js'
import type { CheckDefinition, Rubric } from '../core/rubric/schema.js'
import type { Grade, GradedCheck, SubmissionLayout } from '../core/grading/grade.js'
import type { Verdict } from '../core/grading/verdict.js'
import { mergeReview, type ReviewFile } from './review-file.js'
import { roundPoints } from '../core/grading/points.js'

/** What the reporter saw of one test that carries a check id. */
export interface ObservedCheck {
  checkId: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  verdict?: Verdict
  /** Errors of the test, or of the suite or module around it (a failed beforeAll, an import error). */
  errors: string[]
  /** How long the check took, waits included. */
  durationMs?: number
  /** Where the run found the lab, when it had looked by the time the check ended. */
  layout?: SubmissionLayout
}

export interface RunFacts {
  submissionPath: string
  commit?: string
  layout?: SubmissionLayout
  startedAt: Date
  durationMs: number
  node: string
  grader: string
  graderDigest?: string
  /** Unhandled errors and interruptions: the run is incomplete. */
  runErrors: string[]
  /** The instructor's review (points and comments by check id). */
  review?: ReviewFile
  warnings?: string[]
}


/** Turns what the tests observed into the grade: every rubric check exactly once, in rubric order. */
export function collectGrade(rubric: Rubric, observed: readonly ObservedCheck[], run: RunFacts): Grade {
  const byId = new Map<string, ObservedCheck>()
  for (const o of observed) if (!byId.has(o.checkId)) byId.set(o.checkId, o)

  const warnings = [...(run.warnings ?? [])]
  for (const id of Object.keys(run.review?.checks ?? {}))
    if (!rubric.checks.some((c) => c.id === id && c.review)) warnings.push(catalogue(rubric.language).sheet.reviewFile.notReviewed(id))
  const checks = rubric.checks.map((def) => withReview(def, gradeCheck(def, byId.get(def.id), run.runErrors, rubric.language), run.review, warnings, rubric.language))
  const environment: Grade['environment'] = { node: run.node, grader: run.grader, ...(run.graderDigest ? { graderDigest: run.graderDigest } : {}) }
  // The engine's versions, as the first check in rubric order that recorded them (any lab's: DockerEngine.facts()) saw them.
  const fact = (key: string) => rubric.checks.map((def) => byId.get(def.id)?.verdict?.facts?.[key]).find((v) => v !== undefined)
  for (const key of ['engine', 'docker', 'dockerApi', 'compose', 'kernel', 'arch'] as const) {
    const value = fact(key)
    if (value !== undefined) environment[key] = String(value)
  }
  const rootless = fact('rootless')
  if (rootless !== undefined) environment.rootless = rootless === true
  const limits = fact('limitsNotEnforced')
  if (limits !== undefined) environment.limitsNotEnforced = String(limits).split(',').filter(Boolean)

  return {
    schemaVersion: 1,
    lab: rubric.lab,
    language: rubric.language,
    submission: { path: run.submissionPath, ...(run.commit ? { commit: run.commit } : {}), ...(run.layout ? { layout: run.layout } : {}) },
    status: checks.some((c) => c.status === 'ungraded') ? 'ungraded' : 'graded',
    score: roundPoints(checks.reduce((s, c) => s + c.points, 0)),
    maxScore: rubric.totalPoints,
    startedAt: run.startedAt.toISOString(),
    durationMs: Math.round(run.durationMs),
    environment,
    checks,
    ...(warnings.length ? { warnings } : {}),
  }
}

/** The instructor's review of a reviewed check, with a warning when their points were over the maximum. */
function withReview(def: CheckDefinition, check: GradedCheck, review: ReviewFile | undefined, warnings: string[], language: Language): GradedCheck {
  if (!def.review) return check
  const merged = mergeReview(check, check.points, review)
  if (merged.capped !== undefined) warnings.push(catalogue(language).sheet.reviewFile.capped(def.id, merged.capped, def.points))
  return merged.check
}

function gradeCheck(def: CheckDefinition, seen: ObservedCheck | undefined, runErrors: string[], language: Language): GradedCheck {
  const t = catalogue(language).verdict
  const base = { id: def.id, exercise: def.exercise, title: def.title, maxPoints: def.points, ...(seen?.durationMs === undefined ? {} : { durationMs: seen.durationMs }) }

  const verdict = seen?.verdict
  if (verdict) {
    const details = {
      ...verdict.feedback,
      ...(verdict.items ? { items: verdict.items } : {}),
      ...(verdict.blockedBy ? { blockedBy: verdict.blockedBy } : {}),
      ...(verdict.facts ? { facts: verdict.facts } : {}),
    }
    const points = verdict.status === 'ungraded' ? 0 : Math.min(Math.max(verdict.points, 0), def.points)
    return { ...base, points: roundPoints(points), status: verdict.status, message: verdict.message, ...(verdict.advice ? { advice: true } : {}), ...(Object.keys(details).length ? { details } : {}) }
  }

  // No verdict: the test never reached its end (a hook failed, it timed out, the run stopped). Not the student's fault.
  const why = seen?.errors.length ? seen.errors : runErrors
  const message = seen ? t.unfinished(why[0]) : t.notRun(runErrors[0])
  return { ...base, points: 0, status: 'ungraded', message }
}
