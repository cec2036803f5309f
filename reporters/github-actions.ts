import { execFileSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { Grade, GradedCheck } from '../core/grading/grade.js'
import type { Feedback } from '../core/grading/verdict.js'
import { formatPoints, isLost, oneLine, sheetText } from './format.js'

import { annotationData as escapeData, annotationProperty as escapeProperty } from '../core/grading/inert-text.js'

export { escapeData, escapeProperty }

function locationsOf(check: GradedCheck): NonNullable<Feedback['location']>[] {
  const details = check.details ?? {}
  const fromItems = (details.items ?? []).filter((i) => !i.passed).map((i) => i.feedback?.location)
  return [details.location, ...fromItems].filter((l): l is NonNullable<Feedback['location']> => l !== undefined)
}

/** GitHub shows at most this many error annotations per step, and drops the others without a word. */
export const MAX_ERROR_ANNOTATIONS = 10

const lostPoints = (check: GradedCheck) => check.maxPoints - check.points

/**
 * One annotation per lost point, on the student's file and line when the check knows them. `submissionPath` is
 * the submission folder relative to the repository root, so that GitHub can place the annotation. The costliest
 * lost points come first and fill the MAX_ERROR_ANNOTATIONS that GitHub shows; one warning then says how many
 * others lost points and that the job summary (the grade sheet) lists them all.
 */
export function renderAnnotations(grade: Grade, submissionPath: string): string[] {
  const t = sheetText(grade)
  const root = submissionPath.split(path.sep).join('/')
  /** The check's annotation on each file and line it concerns, or on the run when it knows none. */
  const annotate = (level: 'error' | 'notice', check: GradedCheck, title: string): string[] => {
    const fix = check.details?.fix ? `\n${t.fix}${t.colon} ${check.details.fix}` : ''
    const message = escapeData(`${oneLine(check.message)}${fix}`)
    const locations = locationsOf(check)
    if (!locations.length) return [`::${level} title=${escapeProperty(title)}::${message}`]
    return locations.map((location) =>
      `::${level} file=${escapeProperty(path.posix.join(root, location.file))}${location.line ? `,line=${location.line}` : ''},title=${escapeProperty(title)}::${message}`)
  }
  // Array.prototype.sort is stable: between equal costs, the rubric's order.
  const lost = grade.checks.filter((c) => isLost(c) && c.status !== 'ungraded').sort((a, b) => lostPoints(b) - lostPoints(a))
  const errors: string[] = []
  let unannotated = 0
  for (const check of lost) {
    const room = MAX_ERROR_ANNOTATIONS - errors.length
    if (room <= 0) unannotated++
    else errors.push(...annotate('error', check, `${check.id}: ${check.title} (-${formatPoints(lostPoints(check))})`).slice(0, room))
  }
  const lines = [
    ...errors,
    ...(unannotated ? [`::warning title=${escapeProperty(t.github.moreTitle)}::${escapeData(t.github.more(unannotated, MAX_ERROR_ANNOTATIONS))}`] : []),
    // An advisory finding is a note on the file it concerns: it never turns the run red.
    ...grade.checks.filter((c) => c.advice).flatMap((c) => annotate('notice', c, `${c.id}: ${c.title}`)),
  ]
  if (grade.status === 'ungraded') {
    const ungraded = grade.checks.filter((c) => c.status === 'ungraded').map((c) => c.id)
    lines.push(`::warning title=${escapeProperty(t.github.ungradedTitle)}::${escapeData(t.github.ungraded(ungraded.length, ungraded.join(', ')))}`)
  }
  return lines
}

/**
 * The submission folder relative to the root of the git repository that holds it, where GitHub places an annotation's
 * `file`: in the reusable workflow the student's repository is a checkout beside the grader's, not GITHUB_WORKSPACE.
 * A folder outside any repository is taken relative to GITHUB_WORKSPACE.
 */
export function submissionInRepository(submission: string, workspace?: string): string {
  let root = workspace || process.cwd()
  try {
    root = execFileSync('git', ['-C', submission, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // not in a repository (or no git): GITHUB_WORKSPACE is the repository's root
  }
  return path.relative(realPath(root), realPath(submission))
}

function realPath(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return path.resolve(file)
  }
}
