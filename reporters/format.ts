import type { Grade, GradedCheck } from '../core/grading/grade.js'
import { catalogue, isLanguage, type Catalogue } from '../core/i18n/index.js'
import type { CheckStatus } from '../core/grading/verdict.js'
import { roundPoints } from '../core/grading/points.js'

export { oneLine } from '../core/grading/inert-text.js'

// Total records: adding a CheckStatus breaks compilation until every reporter says how to show it.
export const STATUS_ICON: Record<CheckStatus, string> = {
  passed: '✅',
  failed: '❌',
  blocked: '⛔',
  ungraded: '⚠️',
}

/** The instructor's review of a report check. */
export const REVIEW_ICON = '📝'

/** An advisory check's finding: a note, not a lost point. */
export const ADVICE_ICON = '💡'

/** The words of the grade's own language; a grade.json from before languages were recorded is English. */
export type SheetText = Catalogue['sheet']
export function sheetText(grade: Pick<Grade, 'language'>): SheetText {
  return catalogue(isLanguage(grade.language) ? grade.language : 'en').sheet
}

export interface ExerciseGroup {
  exercise: number
  checks: GradedCheck[]
  points: number
  maxPoints: number
}

// Rounding hides float noise (0.1 + 0.2); String() drops trailing zeros (80, 97.5).
export function formatPoints(points: number): string {
  return String(roundPoints(points))
}

export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}

// A 0-point check that failed (ex1.engine) still needs attention.
export function isLost(check: GradedCheck): boolean {
  return check.status !== 'passed' || check.points < check.maxPoints
}

export function groupByExercise(checks: readonly GradedCheck[]): ExerciseGroup[] {
  const groups = new Map<number, ExerciseGroup>()
  for (const check of checks) {
    let group = groups.get(check.exercise)
    if (!group) groups.set(check.exercise, (group = { exercise: check.exercise, checks: [], points: 0, maxPoints: 0 }))
    group.checks.push(check)
    group.points += check.points
    group.maxPoints += check.maxPoints
  }
  return [...groups.values()].sort((a, b) => a.exercise - b.exercise)
}

// Ungraded first: an incomplete exercise must not look merely failed.
export function exerciseStatus(group: ExerciseGroup): CheckStatus {
  if (group.checks.some((c) => c.status === 'ungraded')) return 'ungraded'
  if (group.checks.some(isLost)) return 'failed'
  return 'passed'
}
